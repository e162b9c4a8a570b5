// Classifies a failed terraform run from its structured `-json` diagnostics (never from free text alone): a held
// state lock (with the holder parsed from the diagnostic's Lock Info), the AWS Load Balancer Controller's webhook
// not answering yet, or anything else. Pure.
import { CommandFailedError } from '../exec/command-failed.js';
import { formatDiagnostics, type TfDiagnostic } from '../tools/terraform-stream.js';

/** Who holds a state lock, as terraform reports it. */
export interface LockHolder {
  id: string;
  who?: string;
  operation?: string;
  path?: string;
  version?: string;
  /** When the lock was taken, if terraform's timestamp parses. */
  created?: Date;
}

/** What a failed run was. */
export type TfFailure =
  | { kind: 'lock'; holder: LockHolder | undefined; summary: string }
  | { kind: 'webhook'; summary: string }
  | { kind: 'other'; summary: string };

const LOCK_SUMMARY = /^Error acquiring the state lock$/i;
const WEBHOOK = 'no endpoints available for service "aws-load-balancer-webhook-service"';

/** `2026-02-20 10:00:00.123 +0000 UTC` (Go's time.String) or RFC 3339 → Date. */
export function parseLockTime(text: string): Date | undefined {
  const go = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?) ([+-]\d{2})(\d{2})/.exec(text.trim());
  const iso = go ? `${go[1]}T${go[2]}${go[3]}:${go[4]}` : text.trim();
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : new Date(t);
}

/** The `Lock Info:` block of a lock diagnostic's detail (`  ID: …`, `  Who: …`, `  Created: …`). */
export function parseLockInfo(detail: string): LockHolder | undefined {
  const block = detail.split(/\nLock Info:\n/)[1];
  if (!block) return undefined;
  const fields = new Map<string, string>();
  for (const line of block.split('\n')) {
    const m = /^\s+([A-Za-z]+):\s*(.*)$/.exec(line);
    if (!m) break;
    fields.set(m[1]!.toLowerCase(), m[2]!.trim());
  }
  const id = fields.get('id');
  if (!id) return undefined;
  const created = fields.get('created') ? parseLockTime(fields.get('created')!) : undefined;
  const pick = (k: string) => (fields.get(k) ? { [k]: fields.get(k)! } : {});
  return { id, ...pick('who'), ...pick('operation'), ...pick('path'), ...pick('version'), ...(created ? { created } : {}) };
}

/** The class of a failure from its error diagnostics. */
export function classifyDiagnostics(diagnostics: readonly TfDiagnostic[]): TfFailure {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const summary = formatDiagnostics(errors) || 'terraform failed without an error diagnostic';
  const lock = errors.find((d) => LOCK_SUMMARY.test(d.summary.trim()));
  if (lock) return { kind: 'lock', holder: parseLockInfo(lock.detail ?? ''), summary };
  if (errors.some((d) => `${d.summary}\n${d.detail ?? ''}`.includes(WEBHOOK))) return { kind: 'webhook', summary };
  return { kind: 'other', summary };
}

/** The diagnostics a failed terraform command carried (empty when the failure was not a -json run). */
export function diagnosticsOf(error: unknown): TfDiagnostic[] {
  if (!(error instanceof CommandFailedError)) return [];
  const details = error.details as { diagnostics?: TfDiagnostic[] } | undefined;
  return Array.isArray(details?.diagnostics) ? details.diagnostics : [];
}

/** `lock 3f2b… held by ci@runner (OperationTypeApply) since 2026-02-20T10:00:00.000Z (3 h ago)`. */
export function describeHolder(h: LockHolder | undefined, now: Date): string {
  if (!h) return 'a lock whose holder terraform did not report';
  const since = h.created ? ` since ${h.created.toISOString()} (${ago(now.getTime() - h.created.getTime())} ago)` : '';
  return `lock ${h.id} held by ${h.who ?? 'an unknown holder'}${h.operation ? ` (${h.operation})` : ''}${since}`;
}

function ago(ms: number): string {
  const m = Math.max(0, Math.round(ms / 60_000));
  return m < 120 ? `${m} min` : m < 2880 ? `${Math.round(m / 60)} h` : `${Math.round(m / 1440)} d`;
}
