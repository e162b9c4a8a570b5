// One error base with structured fields; thrown without printing, rendered once by the CLI.
import { describeCode, type ErrorCode, type ErrorSource } from './error-codes.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';

export type { ErrorCode, ErrorSource } from './error-codes.js';

export interface ErrorFields {
  /** Stable machine code from src/core/error-codes.ts, e.g. `E_TOOL_MISSING`. */
  code: ErrorCode;
  /** Defaults to the code's exit code. */
  exitCode?: ExitCodeValue;
  /** One sentence telling the user how to fix it. */
  hint?: string;
  cause?: unknown;
  /** The last lines a failed tool wrote (already redacted): data, rendered once under the message. */
  tail?: string;
}

/** Base of every error the CLI knows how to render. */
export class JetscaleError extends Error {
  readonly code: string;
  readonly exitCode: ExitCodeValue;
  readonly source: ErrorSource;
  readonly hint?: string;
  readonly tail?: string;

  constructor(message: string, fields: ErrorFields) {
    super(message, { cause: fields.cause });
    this.name = 'JetscaleError';
    this.code = fields.code;
    const known = describeCode(fields.code);
    this.exitCode = fields.exitCode ?? known.exitCode;
    this.source = known.source;
    if (fields.hint !== undefined) this.hint = fields.hint;
    if (fields.tail !== undefined) this.tail = fields.tail;
  }
}

/** Bad command line: unknown task, missing or extra argument, invalid value (exit 2). */
export function usageError(message: string, hint?: string): JetscaleError {
  return new JetscaleError(message, { code: 'E_USAGE', exitCode: ExitCode.usage, hint });
}

/** Something the task needs is missing: a tool, env var, credentials, the right account (exit 3). */
export function preconditionError(message: string, hint?: string, code: ErrorCode = 'E_PRECONDITION'): JetscaleError {
  return new JetscaleError(message, { code, exitCode: ExitCode.precondition, hint });
}

/** The run was cancelled by the user (exit 130). */
export class InterruptedError extends JetscaleError {
  /** What stopped the run: `Ctrl-C`, `SIGTERM`, or a description. */
  readonly what: string;
  constructor(what: string) {
    super(`interrupted: ${what}`, { code: 'E_INTERRUPTED', exitCode: ExitCode.interrupted });
    this.name = 'InterruptedError';
    this.what = what;
  }
}

/** True when an AbortSignal was aborted by Ctrl-C (the reason we set in cli.ts). */
export function isInterrupt(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true && signal.reason instanceof InterruptedError;
}
