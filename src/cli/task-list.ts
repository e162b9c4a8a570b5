// `jetscale` with no arguments and `jetscale list [--json]`: the task model for humans and machines.
import { NAMESPACES, namespaceOf, type TaskSpec } from '../runtime/task-spec.js';
import { GLOBAL_OPTIONS } from './global-flags.js';

/** The synopsis of a task: `validate:envs [options] <cloud>`. */
export function usageLine(task: TaskSpec): string {
  const args = task.args.map((a) => (a.optional ? `[${a.name}${a.variadic ? '...' : ''}]` : `<${a.name}${a.variadic ? '...' : ''}>`));
  return ['jetscale', task.id, task.flags.length > 0 ? '[options]' : '', ...args].filter(Boolean).join(' ');
}

/** Tasks grouped by namespace, aliases hidden, for the terminal. */
export function formatTaskList(tasks: readonly TaskSpec[]): string {
  const width = Math.max(...tasks.map((t) => t.id.length)) + 2;
  const lines = ['jetscale: validate, test, deploy and clean up the JetScale stack.', '', 'Tasks:'];
  const order = [...NAMESPACES, ...new Set(tasks.map((t) => namespaceOf(t.id)))];
  for (const ns of new Set(order)) {
    const inNs = tasks.filter((t) => namespaceOf(t.id) === ns);
    if (inNs.length === 0) continue;
    lines.push(`  ${ns}`);
    for (const t of inNs) lines.push(`    ${t.id.padEnd(width)}${t.summary}${t.effect === 'read' ? '' : ` [${t.effect}]`}`);
  }
  lines.push('', 'Run `jetscale help <task>` for arguments, flags and examples; `jetscale list --json` for the task model.');
  return lines.join('\n');
}

/** The machine-readable task model (`jetscale list --json`). */
export function toTaskModel(tasks: readonly TaskSpec[]): unknown {
  return {
    tasks: tasks.map((t) => ({
      id: t.id,
      namespace: namespaceOf(t.id),
      summary: t.summary,
      effect: t.effect,
      usage: usageLine(t),
      args: t.args,
      flags: t.flags,
      tools: t.tools,
      examples: t.examples,
    })),
  };
}

/** `jetscale --help`: usage, the grouped task list and the global options. */
export function formatTopHelp(tasks: readonly TaskSpec[]): string {
  const options = [...GLOBAL_OPTIONS, ['-h, --help', 'show help (also: jetscale help <task>)'] as const].map(([flags, text]) => `  ${flags.padEnd(24)}${text}`);
  return ['Usage: jetscale [options] <task> [args...]', '', formatTaskList(tasks), '', 'Global options:', ...options, ''].join('\n');
}
