// ExternalSecret (external-secrets.io): Ready=True (reason SecretSynced) is Current, Ready=False is Failed (ESO
// could not read or write the secret: the store, the remote key or a property is wrong; retrying alone rarely
// fixes it), no Ready yet is InProgress. A Ready secret that ESO has not refreshed for more than two refresh
// intervals is Unknown: the controller may be gone, so "synced" is stale news (Argo CD checks freshness too).
import { ageMs, condition, explainCondition, record, str } from '../object.js';
import { current, failed, inProgress, unknown } from '../status.js';
import type { KindRule } from './rule.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go duration (`1h`, `15m`, `1h30m`, `90s`) in milliseconds; `0` or unparsable → undefined (no refresh). */
export function parseGoDuration(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return undefined;
  const ms = parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]!]!, 0);
  return ms > 0 ? ms : undefined;
}

/** Judges an ExternalSecret. */
export const externalSecretHealth: KindRule = (obj, now) => {
  const ready = condition(obj, 'Ready');
  if (!ready || ready.status === 'Unknown') return inProgress('NotSynced', 'External Secrets Operator has not synced it yet');
  if (ready.status !== 'True') return failed(ready.reason ?? 'SecretSyncedError', explainCondition(ready));
  const interval = parseGoDuration(str(record(obj.spec).refreshInterval));
  const since = ageMs(str(record(obj.status).refreshTime), now);
  if (interval !== undefined && since !== undefined && since > 2 * interval) {
    return unknown('SyncOverdue', `last refreshed ${Math.round(since / 60_000)} min ago, more than twice its refreshInterval: is the External Secrets controller running?`);
  }
  return current('SecretSynced', 'synced');
};
