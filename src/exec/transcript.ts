// The record of every external call of a run: what `--dry-run` prints and `--json` returns.
import type { Effect } from '../core/task-spec.js';

export type CallStatus = 'ran' | 'recorded' | 'refused';

export interface TranscriptEntry {
  /** The command line as a user could paste it, with secrets redacted. */
  command: string;
  tool: string;
  effect: Effect;
  /** `recorded`: a write or destroy under --dry-run, not run. `refused`: a non-read call in a read-only task. */
  status: CallStatus;
  exitCode?: number;
  durationMs?: number;
}

/** Quotes one argv element for display only (we never run shell strings). */
export function quoteArg(arg: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** `helm template x --values 'a b.yaml'` for display. */
export function formatCommand(tool: string, args: readonly string[]): string {
  return [tool, ...args].map(quoteArg).join(' ');
}
