// Typed task input: each task states its args and flags as one zod schema and receives the inferred type,
// so task code never casts. resolve-input.ts has already applied precedence and coerced the raw values.
import * as z from 'zod';
import { usageError } from '../core/errors.js';
import type { TaskContext } from './context.js';
import type { TaskInput, TaskResult, TaskRun } from './task-spec.js';

/** The schema of a task's input: `{ args: {...}, flags: {...} }`. */
export type InputSchema = z.ZodType<{ args: object; flags: object }, TaskInput>;

/** Wraps a typed task body as the registry's TaskRun; input the schema rejects is a usage error naming the field. */
export function typedTask<S extends InputSchema>(schema: S, run: (ctx: TaskContext, input: z.infer<S>) => Promise<TaskResult | void>): TaskRun {
  return (ctx, raw) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const [kind, name] = issue?.path ?? [];
      const what = kind === 'args' ? `<${String(name)}>` : kind === 'flags' ? `--${String(name)}` : 'input';
      throw usageError(`invalid ${what}: ${issue?.message ?? 'invalid'}`, `run \`jetscale help ${ctx.taskId}\``);
    }
    return run(ctx, parsed.data);
  };
}
