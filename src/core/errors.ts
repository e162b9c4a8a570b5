// One error base with structured fields; thrown without printing, rendered once by the CLI.
import { ExitCode, type ExitCodeValue } from './exit-codes.js';

export interface ErrorFields {
  /** Stable machine code, e.g. `E_TOOL_MISSING`. */
  code: string;
  exitCode: ExitCodeValue;
  /** One sentence telling the user how to fix it. */
  hint?: string;
  cause?: unknown;
}

/** Base of every error the CLI knows how to render. */
export class JetscaleError extends Error {
  readonly code: string;
  readonly exitCode: ExitCodeValue;
  readonly hint?: string;

  constructor(message: string, fields: ErrorFields) {
    super(message, { cause: fields.cause });
    this.name = 'JetscaleError';
    this.code = fields.code;
    this.exitCode = fields.exitCode;
    if (fields.hint !== undefined) this.hint = fields.hint;
  }
}

/** Bad command line: unknown task, missing or extra argument, invalid value (exit 2). */
export function usageError(message: string, hint?: string): JetscaleError {
  return new JetscaleError(message, { code: 'E_USAGE', exitCode: ExitCode.usage, hint });
}

/** Something the task needs is missing: a tool, env var, credentials, the right account (exit 3). */
export function preconditionError(message: string, hint?: string, code = 'E_PRECONDITION'): JetscaleError {
  return new JetscaleError(message, { code, exitCode: ExitCode.precondition, hint });
}

/** The run was cancelled by the user (exit 130). */
export class InterruptedError extends JetscaleError {
  constructor(what: string) {
    super(`interrupted: ${what}`, { code: 'E_INTERRUPTED', exitCode: ExitCode.interrupted });
    this.name = 'InterruptedError';
  }
}

/** True when an AbortSignal was aborted by Ctrl-C (the reason we set in cli.ts). */
export function isInterrupt(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true && signal.reason instanceof InterruptedError;
}
