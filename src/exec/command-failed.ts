// The error of a failed external command: the whole run travels with it as data (command, exit code, duration,
// the redacted tail of what the tool wrote, structured details such as terraform diagnostics), rendered once.
import { JetscaleError } from '../core/errors.js';
import { formatMs } from '../core/output.js';

/** Everything known about a failed command, already redacted. */
export interface CommandFailure {
  /** The redacted command line. */
  command: string;
  tool: string;
  exitCode: number;
  durationMs: number;
  /** The last lines the tool wrote, already redacted. */
  tail: string;
  /** A one-line reason replacing the generic `exited with code N` (e.g. the first terraform error summary). */
  reason?: string;
  /** Structured, redacted data about the failure (terraform diagnostics, parsed tool errors). */
  details?: unknown;
}

/** A command ran and exited non-zero. */
export class CommandFailedError extends JetscaleError {
  readonly command: string;
  readonly tool: string;
  /** The child's exit code (not jetscale's own, which is `exitCode`). */
  readonly commandExitCode: number;
  readonly durationMs: number;
  readonly details?: unknown;

  constructor(f: CommandFailure) {
    const reason = f.reason ? `: ${f.reason}` : '';
    super(`${f.command} exited with code ${f.exitCode} after ${formatMs(f.durationMs)}${reason}`, { code: 'E_COMMAND_FAILED', ...(f.tail ? { tail: f.tail } : {}) });
    this.name = 'CommandFailedError';
    this.command = f.command;
    this.tool = f.tool;
    this.commandExitCode = f.exitCode;
    this.durationMs = f.durationMs;
    if (f.details !== undefined) this.details = f.details;
  }
}

/** The last `lines` non-empty lines of a tool's output (stderr first, stdout when stderr is empty). */
export function outputTail(stderr: string, stdout: string, lines = 20): string {
  const text = stderr.trim() || stdout.trim();
  return text.split('\n').slice(-lines).join('\n');
}
