// Flags every task accepts; parsed by commander on the program and visible in every task's help.
export interface GlobalFlags {
  verbose: boolean;
  dryRun: boolean;
  json: boolean;
  color: boolean | undefined;
  dotenv: boolean;
  timeout?: string;
}

/** Commander option definitions: [flags, description]. */
export const GLOBAL_OPTIONS: ReadonlyArray<readonly [string, string]> = [
  ['-v, --verbose', 'echo each external command (secrets redacted) with its duration; show where options came from'],
  ['--dry-run', 'run read-only calls, record writes and deletions without running them, print the transcript'],
  ['--json', 'print one machine-readable JSON result on stdout (logs stay on stderr)'],
  ['--no-color', 'disable colour (also NO_COLOR=1); FORCE_COLOR=1 forces it'],
  ['--dotenv', 'load the repo-root .env even in CI (it is loaded by default only outside CI)'],
  ['--timeout <duration>', 'deadline for every external command, e.g. 90s, 10m (overrides each step\'s own deadline)'],
];

/** Parses `90s`, `10m`, `1h`, `1500ms` or plain seconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  const ms = Math.round(n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit]!);
  // Node timers hold at most 2^31-1 ms (~24.8 days); 0 would mean "no deadline", which is never what a user asks for.
  return ms >= 1 && ms <= 2 ** 31 - 1 ? ms : undefined;
}
