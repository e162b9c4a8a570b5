// Many verdicts → one, worst first (Failed > Unknown > NotFound > Terminating > InProgress > Current), as kstatus'
// aggregator ranks them, except that an empty set is Unknown: "nothing to check" never means healthy.
import { SEVERITY, current, unknown, type Health } from './status.js';

/** One judged subject: `pr-7/Deployment/backend-api`, a host, a target group ARN. */
export interface Judged {
  subject: string;
  health: Health;
}

/** The worst verdict of `items`, naming its subject and how many share it; Unknown for an empty set. */
export function aggregateHealth(items: readonly Judged[]): Health {
  if (items.length === 0) return unknown('NothingToJudge', 'no resources to judge; an empty set is never healthy');
  const worst = [...items].sort((a, b) => SEVERITY.indexOf(a.health.status) - SEVERITY.indexOf(b.health.status))[0]!;
  if (worst.health.status === 'Current') return current('AllCurrent', `${items.length} of ${items.length} current`);
  const same = items.filter((i) => i.health.status === worst.health.status).length;
  const more = same > 1 ? ` (and ${same - 1} more ${worst.health.status})` : '';
  return { status: worst.health.status, reason: worst.health.reason, message: `${worst.subject}: ${worst.health.message}${more}` };
}
