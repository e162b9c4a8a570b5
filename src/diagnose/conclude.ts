// The conclusion: the most likely cause first, as a causal chain from the symptom a user sees to the deepest failing
// check (health/causes.ts), then the other causes, then what could not be checked. The exit code follows: 5 when a
// problem was found, 3 when nothing was found but something could not be checked, 0 when every check passed.
import { CHECKS, explainChecks, isNotChecked, isProblem, type Check, type Layer } from '../health/index.js';
import { ExitCode } from '../core/exit-codes.js';
import type { LayerReport } from './report.js';

/** One cause and the chains of symptoms it explains. */
export interface CauseReport {
  /** The root cause in one line. */
  cause: string;
  layer: Layer;
  reason: string;
  /** Symptom first, root last, each as one line. */
  chain: string[];
  /** Where the evidence stops below the root: "Kubernetes not checked: …". */
  open?: string;
  /** How many symptoms it explains. */
  explains: number;
}

/** The verdict of the whole diagnosis. */
export interface Conclusion {
  verdict: 'healthy' | 'unhealthy' | 'not-checked';
  exitCode: 0 | 3 | 5;
  headline: string;
  causes: CauseReport[];
  notChecked: string[];
}

/** One line for a check in a chain: Kubernetes and Secrets Manager checks name their object. */
export function describeLink(c: Check): string {
  const layer = CHECKS[c.id].layer;
  if (layer !== 'kubernetes' && layer !== 'secrets') return c.health.message;
  // `pr-7/Pod/api-1` names an object; `pr-7/Secret` (a whole kind) adds nothing to the message.
  const parts = c.subject.split('/');
  return layer === 'kubernetes' && parts.length >= 3 ? `${parts.slice(1).join(' ')}: ${c.health.message}` : c.health.message;
}

/** What could not be checked: one line per unchecked layer, else per unchecked check. */
export function listNotChecked(layers: readonly LayerReport[]): string[] {
  return layers.flatMap((l) => (l.notChecked !== undefined ? [`${l.title}: ${l.notChecked}`] : l.checks.filter((c) => isNotChecked(c.health)).map((c) => `${l.title}, ${CHECKS[c.id].title}: ${c.health.message.replace(/^not checked: /, '')}`)));
}

/** Concludes from every check of the run (placeholders of unchecked layers included) and the assembled layers. */
export function conclude(checks: readonly Check[], layers: readonly LayerReport[]): Conclusion {
  const causes = explainChecks(checks).map((cause): CauseReport => {
    const longest = [...cause.chains].sort((a, b) => b.links.length - a.links.length)[0]!;
    return {
      cause: describeLink(cause.root), layer: CHECKS[cause.root.id].layer, reason: cause.root.health.reason,
      chain: longest.links.map(describeLink),
      ...(cause.open ? { open: `${CHECKS[cause.open.id].title}: ${cause.open.health.message}` } : {}),
      explains: cause.chains.length,
    };
  });
  const unchecked = [...new Set(listNotChecked(layers))];
  if (checks.some((c) => isProblem(c.health))) {
    const first = causes[0]!;
    return { verdict: 'unhealthy', exitCode: ExitCode.healthGate, headline: `Most likely cause: ${first.cause}${first.open ? ` (below it, ${first.open})` : ''}`, causes, notChecked: unchecked };
  }
  if (unchecked.length > 0) {
    return { verdict: 'not-checked', exitCode: ExitCode.precondition, headline: `No problem found, but ${unchecked.length} check(s) could not run: ${unchecked[0]}`, causes, notChecked: unchecked };
  }
  return { verdict: 'healthy', exitCode: ExitCode.ok, headline: `Healthy: all ${checks.length} checks passed`, causes, notChecked: [] };
}
