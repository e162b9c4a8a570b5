// ctlptl: declarative local cluster + registry (the kind cluster of the local loop, from a YAML file).
import type { Performed } from '../core/effects.js';
import type { ExecResult, Executor } from '../exec/executor.js';
import { runChange } from './tool-call.js';
import type { ResolvedTool } from './tool-table.js';
import { VERSION_ARGS } from './version-args.js';

/** How the tool finder asks ctlptl for its version. */
export const versionArgs = VERSION_ARGS.ctlptl;

/** `ctlptl apply -f <file>` (write): creates or updates the cluster and registry it declares. */
export function apply(exec: Executor, tool: ResolvedTool, o: { file: string; cwd?: string }): Promise<Performed<ExecResult>> {
  return runChange(exec, tool, 'write', ['apply', '--filename', o.file], { cwd: o.cwd, timeoutMs: 10 * 60_000, streamPrefix: '[ctlptl] ' });
}

/** `ctlptl delete -f <file>` (destroy). */
export function remove(exec: Executor, tool: ResolvedTool, o: { file: string; cwd?: string }): Promise<Performed<ExecResult>> {
  return runChange(exec, tool, 'destroy', ['delete', '--filename', o.file], { cwd: o.cwd, timeoutMs: 5 * 60_000 });
}
export { remove as delete };
