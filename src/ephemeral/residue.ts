// Verification's verdict: everything re-discovery still finds after the sweep is residue, each with the reason it is
// there (still deleting, a dependency, access denied, refused as protected, suspect, a type we cannot delete, …).
import type { Outcome, PlanResource, Residue, ResidueKind } from './resources.js';

/** What the run knows about each resource while judging what is left. */
export interface ResidueContext {
  outcomes: ReadonlyMap<string, Outcome>;
  /** Planned deletes a dependency kept (id → why). */
  blocked: Readonly<Record<string, string>>;
  /** Ids the run meant to delete (deletable and, with --plan, in the plan). */
  targeted: ReadonlySet<string>;
}

/** The residue among resources found after the sweep (a secret scheduled for deletion is on its way: not residue). */
export function classifyResidue(now: readonly PlanResource[], c: ResidueContext): Residue[] {
  const out: Residue[] = [];
  for (const r of now) {
    if (r.type === 'secretsmanager:secret' && r.status === 'scheduled') continue;
    const [kind, why] = reasonFor(r, c);
    out.push({ id: r.id, type: r.type, name: r.name, kind, why });
  }
  return out.sort((a, b) => a.type.localeCompare(b.type) || a.id.localeCompare(b.id));
}

function reasonFor(r: PlanResource, c: ResidueContext): [ResidueKind, string] {
  if (r.action === 'refused') return ['refused', r.reason];
  if (r.action === 'suspect') return ['suspect', r.reason];
  if (r.action === 'unsupported') return ['unsupported', `${r.reason} (found by ${r.foundBy.join(', ')})`];
  const blocked = c.blocked[r.id];
  if (blocked) return ['dependency', `not deleted: ${blocked}`];
  const o = c.outcomes.get(r.id);
  if (r.status === 'DELETING') return ['still-deleting', 'EKS is still deleting it'];
  if (!o) return c.targeted.has(r.id) ? ['failed', 'the sweep did not reach it'] : ['not-in-plan', 'not deleted: it is not in the plan (or appeared after discovery); plan again'];
  if (o.result === 'failed') {
    if (o.errorCode && /AccessDenied|UnauthorizedOperation|Forbidden/.test(o.errorCode)) return ['access-denied', o.reason ?? 'access denied'];
    if (o.errorCode && /ResourceInUse/.test(o.errorCode)) return ['dependency', o.reason ?? 'still in use'];
    return ['failed', o.reason ?? 'the delete failed'];
  }
  if (o.result === 'skipped') {
    if (o.reason?.startsWith('dependency:')) return ['dependency', o.reason];
    return [r.type === 's3:object' ? 'state-not-empty' : 'failed', o.reason ?? 'skipped'];
  }
  return ['still-deleting', `deleted (${o.result}) but still listed; AWS may still be removing it`];
}

/** True when some residue may clear by itself soon (worth another look before giving up). */
export function mayStillClear(residue: readonly Residue[]): boolean {
  return residue.some((r) => r.kind === 'still-deleting');
}
