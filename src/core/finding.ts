// The one result model shared by validation, policy checks, janitor residue and diagnostics.
// Renderers (TTY, --json, GitHub annotations, step summary, JUnit) all read this shape.

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  /** Stable rule id shown to users, e.g. `schema`, `supply-chain/lock-digest`, `tls/parity`. */
  rule: string;
  severity: Severity;
  message: string;
  /** Repo-relative path of the file to fix. */
  file?: string;
  /** 1-based line and column in `file`. */
  line?: number;
  col?: number;
  /** Environment the finding belongs to (e.g. `live/console`), when it is per-environment. */
  env?: string;
  /** How to fix it, one sentence. */
  hint?: string;
}

/** True when any finding is an error (warnings alone never fail a run). */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/** `file:line:col` for display; empty when the finding has no location. */
export function toLocation(f: Pick<Finding, 'file' | 'line' | 'col'>): string {
  if (!f.file) return '';
  if (f.line === undefined) return f.file;
  return f.col === undefined ? `${f.file}:${f.line}` : `${f.file}:${f.line}:${f.col}`;
}
