// The janitor's rule: an environment is an orphan only if its PR has been closed for longer than the grace
// period, or the environment is older than --older-than and its open PR has no `preview` label. An unknown PR
// state is never an orphan.
import type { PrState } from './pr-state.js';

/** The label that keeps an open PR's preview alive. */
export const PREVIEW_LABEL = 'preview';

export interface OrphanRule {
  graceMs: number;
  olderThanMs: number;
  now: Date;
}

/** Orphan or not, and why in words. */
export interface OrphanVerdict {
  orphan: boolean;
  why: string;
}

/** Decides one environment from its PR state and its age (undefined when nothing says how old it is). */
export function decideOrphan(pr: PrState, ageMs: number | undefined, rule: OrphanRule): OrphanVerdict {
  if (pr.kind === 'unknown') return { orphan: false, why: `PR state unknown (${pr.why}): never treated as an orphan` };
  if (pr.kind === 'closed') {
    const closedFor = rule.now.getTime() - Date.parse(pr.closedAt);
    return closedFor > rule.graceMs
      ? { orphan: true, why: `PR closed ${formatAge(closedFor)} ago (grace ${formatAge(rule.graceMs)})` }
      : { orphan: false, why: `PR closed ${formatAge(Math.max(0, closedFor))} ago, within the grace of ${formatAge(rule.graceMs)}` };
  }
  if (pr.labels.includes(PREVIEW_LABEL)) return { orphan: false, why: `PR open with the ${PREVIEW_LABEL} label` };
  if (ageMs === undefined) return { orphan: false, why: `PR open without the ${PREVIEW_LABEL} label, but the environment's age is unknown` };
  return ageMs > rule.olderThanMs
    ? { orphan: true, why: `PR open without the ${PREVIEW_LABEL} label and the environment is ${formatAge(ageMs)} old (> ${formatAge(rule.olderThanMs)})` }
    : { orphan: false, why: `PR open without the ${PREVIEW_LABEL} label, environment only ${formatAge(ageMs)} old` };
}

/** `90s`, `45m`, `3h`, `2d5h`. */
export function formatAge(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d${h % 24 ? `${h % 24}h` : ''}`;
}

/** A duration flag (`30m`, `2h`, `7d`, `90s`) in milliseconds; undefined when it does not parse. */
export function parseAge(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(s|m|h|d)$/.exec(text.trim());
  if (!m) return undefined;
  return Math.round(Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd']);
}
