// Typed task input from the command line with one precedence: flag > environment > .env > default.
import * as z from 'zod';
import type { EnvView } from '../core/context.js';
import { usageError } from '../core/errors.js';
import type { FlagSpec, TaskInput, TaskSpec } from '../core/task-spec.js';
import type { Selection } from './program.js';
import { usageLine } from './task-list.js';

export type Origin = 'flag' | 'env' | '.env' | 'default';

export interface ResolvedInput {
  input: TaskInput;
  /** Where each flag value came from, for `-v`. */
  origins: Record<string, Origin>;
}

/** commander's attribute name for `--update-lock` is `updateLock`. */
export function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** Validates positionals and resolves flags; any invalid value is a usage error (exit 2) naming its source. */
export function resolveInput(sel: Selection, env: EnvView): ResolvedInput {
  const { task } = sel;
  const args: TaskInput['args'] = {};
  for (const a of task.args) {
    const value = sel.args[a.name];
    if (value === undefined) continue;
    let schema = z.string().min(1, 'must not be empty');
    if (a.pattern) schema = schema.regex(new RegExp(a.pattern), `must match ${a.pattern}`);
    const parsed = (a.choices ? z.enum(a.choices as [string, ...string[]]) : schema).safeParse(value);
    if (!parsed.success) throw invalid(task, `<${a.name}> "${value}": ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    args[a.name] = parsed.data;
  }
  const flags: TaskInput['flags'] = {};
  const origins: Record<string, Origin> = {};
  for (const f of task.flags) {
    const key = camel(f.name);
    let raw: unknown;
    let origin: Origin = 'default';
    if (sel.fromCli.has(key)) [raw, origin] = [sel.flags[key], 'flag'];
    // An empty variable means "not set" for options (a blank JETSCALE_JOBS must not become 0).
    else if (f.env && env.get(f.env) !== undefined && env.get(f.env) !== '') [raw, origin] = [env.get(f.env), env.source(f.env) === '.env' ? '.env' : 'env'];
    else raw = f.default;
    if (raw === undefined) continue;
    const source = origin === 'flag' ? 'the command line' : origin === 'default' ? 'default' : `${f.env} (from ${origin === 'env' ? 'the environment' : '.env'})`;
    flags[f.name] = coerce(task, f, raw, source);
    origins[f.name] = origin;
  }
  return { input: { args, flags }, origins };
}

function coerce(task: TaskSpec, f: FlagSpec, raw: unknown, source: string): string | boolean | number {
  const schemas = {
    boolean: z.union([z.boolean(), z.enum(['true', '1', 'yes', 'false', '0', 'no', '']).transform((v) => ['true', '1', 'yes'].includes(v))]),
    number: numberSchema(f),
    string: f.choices ? z.enum(f.choices as [string, ...string[]]) : z.string(),
  } as const;
  const parsed = schemas[f.type].safeParse(raw);
  if (!parsed.success) {
    const expected = f.choices ? `one of ${f.choices.join(', ')}` : f.type === 'number' ? `${f.integer ? 'a whole number' : 'a number'}${f.min !== undefined ? ` ≥ ${f.min}` : ''}` : f.type;
    throw invalid(task, `--${f.name} from ${source}: expected ${expected}, got "${String(raw)}"`);
  }
  return parsed.data;
}

function invalid(task: TaskSpec, what: string) {
  return usageError(`invalid ${what}`, `usage: ${usageLine(task)} (run \`jetscale help ${task.id}\`)`);
}

function numberSchema(f: FlagSpec) {
  let n = z.coerce.number().finite();
  if (f.integer) n = n.int();
  if (f.min !== undefined) n = n.min(f.min);
  return n;
}
