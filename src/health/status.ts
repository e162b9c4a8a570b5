// The one health vocabulary of jetscale (the deploy gate and diagnose share it): a closed union of statuses, and
// every value carries a machine reason and a human message, including the healthy one (kstatus' shape, failing closed).

/** Every status, in one list the union is derived from, so the list can never miss a member. */
export const HEALTH_STATUSES = ['Current', 'InProgress', 'Failed', 'Terminating', 'NotFound', 'Unknown'] as const;

/** Current: as wanted. InProgress: not yet, may still get there. Failed: will not get there without a change.
 * Terminating: being deleted. NotFound: expected but absent. Unknown: cannot be judged (unknown kind, not checked). */
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

/** A verdict: status, a PascalCase machine reason (`ProgressDeadlineExceeded`) and one line for humans. */
export interface Health {
  readonly status: HealthStatus;
  readonly reason: string;
  readonly message: string;
}

/** Reason of a verdict that could not be reached because the evidence could not be read (no access, timeout). */
export const NOT_CHECKED = 'NotChecked';

const make = (status: HealthStatus) => (reason: string, message: string): Health => ({ status, reason, message });

/** A Current verdict. */
export const current = make('Current');
/** An InProgress verdict. */
export const inProgress = make('InProgress');
/** A Failed verdict. */
export const failed = make('Failed');
/** A Terminating verdict. */
export const terminating = make('Terminating');
/** A NotFound verdict. */
export const notFound = make('NotFound');
/** An Unknown verdict. */
export const unknown = make('Unknown');

/** The Unknown verdict for evidence that could not be read: `not checked: <why>`. */
export function notChecked(why: string): Health {
  return unknown(NOT_CHECKED, `not checked: ${why}`);
}

/** True only for Current: everything else (Unknown included) is not healthy. */
export function isHealthy(h: Health): boolean {
  return h.status === 'Current';
}

/** Same as isHealthy (kstatus' name). */
export const isCurrent = isHealthy;

/** True for a verdict that could not be reached (Unknown/NotChecked). */
export function isNotChecked(h: Health): boolean {
  return h.status === 'Unknown' && h.reason === NOT_CHECKED;
}

/** True for a verdict that names a problem: not healthy and not merely unchecked. */
export function isProblem(h: Health): boolean {
  return !isHealthy(h) && !isNotChecked(h);
}

/** Severity order for aggregation: the first listed wins (Failed > Unknown > NotFound > Terminating > InProgress > Current). */
export const SEVERITY: readonly HealthStatus[] = ['Failed', 'Unknown', 'NotFound', 'Terminating', 'InProgress', 'Current'];
