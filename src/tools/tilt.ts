// tilt: the interactive local loop (`up`, long-running, ready when its API port answers), CI mode and teardown.
import type { Performed } from '../core/effects.js';
import type { ExecResult, Executor } from '../exec/executor.js';
import type { ProcessGroup } from '../exec/process-group.js';
import { flags, runChange, startTool, type Started } from './tool-call.js';
import type { ResolvedTool } from './tool-table.js';
import { VERSION_ARGS } from './version-args.js';

/** How the tool finder asks tilt for its version. */
export const versionArgs = VERSION_ARGS.tilt;

/** Flags every tilt command shares. */
export interface TiltOptions {
  /** Tiltfile path (`--file`). */
  file?: string;
  context?: string;
  /** Arguments for the Tiltfile (after `--`). */
  tiltfileArgs?: readonly string[];
  cwd?: string;
}

const common = (o: TiltOptions) => flags([['--file', o.file], ['--context', o.context]]);
const tail = (o: TiltOptions) => (o.tiltfileArgs?.length ? ['--', ...o.tiltfileArgs] : []);

/** The port tilt's API and web UI listen on unless told otherwise. */
export const DEFAULT_TILT_PORT = 10350;

/** `tilt up --stream` (a long-running write): ready when its API server accepts connections on `port`. */
export function up(group: ProcessGroup, tool: ResolvedTool, o: TiltOptions & { port?: number; readyTimeoutMs?: number } = {}): Promise<Started> {
  const port = o.port ?? DEFAULT_TILT_PORT;
  const args = ['up', '--stream', '--port', String(port), ...common(o), ...tail(o)];
  return startTool(group, tool, { args, effect: 'write', ...(o.cwd ? { cwd: o.cwd } : {}), ready: { tcp: { port } }, readyTimeoutMs: o.readyTimeoutMs ?? 120_000 });
}

/** `tilt ci` (write): brings everything up once, waits until healthy, exits. */
export function ci(exec: Executor, tool: ResolvedTool, o: TiltOptions & { timeoutMs?: number } = {}): Promise<Performed<ExecResult>> {
  const timeoutMs = o.timeoutMs ?? 30 * 60_000;
  const args = ['ci', ...common(o), '--timeout', `${Math.ceil(timeoutMs / 1000)}s`, ...tail(o)];
  return runChange(exec, tool, 'write', args, { cwd: o.cwd, timeoutMs: timeoutMs + 60_000, streamPrefix: '[tilt] ' });
}

/** `tilt down` (destroy): deletes what the Tiltfile deployed. */
export function down(exec: Executor, tool: ResolvedTool, o: TiltOptions = {}): Promise<Performed<ExecResult>> {
  return runChange(exec, tool, 'destroy', ['down', ...common(o), ...tail(o)], { cwd: o.cwd, timeoutMs: 10 * 60_000 });
}
