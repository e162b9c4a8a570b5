// A release left in pending-install / pending-upgrade / pending-rollback (an earlier run was cancelled mid-way) blocks
// every later helm operation with "another operation is in progress". This decides the recovery: roll back to the
// last deployed revision, or uninstall when there never was one. Guarded: only when the pending revision is older
// than helm's own timeout (nobody can still be running it) or the user passed --recover-pending. Pure.
import type { HelmRevision } from '../tools/helm.js';

export const PENDING = /^pending-(install|upgrade|rollback)$/;

/** What to do about the release before upgrading it. */
export type PendingDecision =
  | { action: 'none' }
  | { action: 'rollback'; revision: number; pending: HelmRevision; why: string }
  | { action: 'uninstall'; pending: HelmRevision; why: string }
  | { action: 'refuse'; pending: HelmRevision; why: string };

/** The decision for a release's history (oldest first) at `now`. */
export function decidePendingRecovery(history: readonly HelmRevision[], o: { now: Date; minAgeMs: number; force: boolean }): PendingDecision {
  const latest = history.at(-1);
  if (!latest || !PENDING.test(latest.status)) return { action: 'none' };
  const updated = Date.parse(latest.updated);
  const ageMs = Number.isNaN(updated) ? undefined : o.now.getTime() - updated;
  const age = ageMs === undefined ? 'of unknown age' : `${Math.round(ageMs / 1000)} s old`;
  if (!o.force && (ageMs === undefined || ageMs < o.minAgeMs)) {
    return { action: 'refuse', pending: latest, why: `revision ${latest.revision} is ${latest.status} and ${age}, younger than helm's timeout (${Math.round(o.minAgeMs / 1000)} s): another deploy may still be running it` };
  }
  const by = o.force ? '--recover-pending' : `it is ${age}, older than helm's timeout`;
  const deployed = [...history].reverse().find((r) => r.revision !== latest.revision && (r.status === 'deployed' || r.status === 'superseded'));
  if (deployed) return { action: 'rollback', revision: deployed.revision, pending: latest, why: `revision ${latest.revision} is stuck in ${latest.status} (${by}); rolling back to revision ${deployed.revision}, the last one that was deployed` };
  return { action: 'uninstall', pending: latest, why: `revision ${latest.revision} is stuck in ${latest.status} (${by}) and no revision was ever deployed; uninstalling so the install can start over` };
}
