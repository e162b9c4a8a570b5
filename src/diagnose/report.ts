// The diagnosis as data: per layer its verdict and checks with evidence, the conclusion, the commands to see the same
// evidence by hand, and who looked with which credentials. `--json` prints exactly this.
import { CHECKS, LAYERS, isHealthy, isNotChecked, isProblem, makeCheck, notChecked, type Check, type CheckId, type Layer } from '../health/index.js';
import type { Conclusion } from './conclude.js';

/** Human titles of the layers. */
export const LAYER_TITLES: Readonly<Record<Layer, string>> = { dns: 'DNS', https: 'HTTPS', alb: 'ALB', kubernetes: 'Kubernetes', secrets: 'Secrets Manager' };

/** healthy: every check passed. unhealthy: at least one problem. partly-checked: no problem, some checks could not run. */
export type LayerVerdict = 'healthy' | 'unhealthy' | 'partly-checked' | 'not-checked';

/** One layer of the report. */
export interface LayerReport {
  layer: Layer;
  title: string;
  verdict: LayerVerdict;
  /** Set when the whole layer could not be checked: why. */
  notChecked?: string;
  checks: Check[];
  /** Layer-wide evidence (recent Warning events, which ALB was looked for…). */
  notes: string[];
}

/** Who looked, and whether their credentials themselves are read-only. */
export interface CredentialsReport {
  aws?: { caller: string; readOnly: 'session-policy' | 'code-only'; detail: string };
  kube?: { context: string; readOnly: 'view-only' | 'can-write' | 'unknown'; detail: string };
}

/** The whole diagnosis. */
export interface DiagnosisReport {
  target: { kind: string; label: string; host?: string; envId?: string; namespace?: string; release?: string; secretPrefix?: string; context?: string };
  credentials: CredentialsReport;
  layers: LayerReport[];
  conclusion: Conclusion;
  commands: Array<{ layer: Layer; command: string }>;
}

/** Every check of a layer, not checked for `why` (so causal chains can stop there). */
export function layerNotChecked(layer: Layer, why: string): Check[] {
  return (Object.keys(CHECKS) as CheckId[]).filter((id) => CHECKS[id].layer === layer).map((id) => makeCheck(id, LAYER_TITLES[layer], notChecked(why)));
}

/** Groups checks by layer (outside in) and gives each its verdict. */
export function assembleLayers(checks: readonly Check[], notes: Partial<Record<Layer, string[]>> = {}): LayerReport[] {
  return LAYERS.map((layer) => {
    const mine = checks.filter((c) => CHECKS[c.id].layer === layer);
    const unchecked = mine.filter((c) => isNotChecked(c.health));
    const verdict: LayerVerdict = mine.some((c) => isProblem(c.health)) ? 'unhealthy' : mine.length === 0 || unchecked.length === mine.length ? 'not-checked' : mine.every((c) => isHealthy(c.health)) ? 'healthy' : 'partly-checked';
    const reasons = [...new Set(unchecked.map((c) => c.health.message))];
    const whole = verdict === 'not-checked' ? (reasons.length === 1 ? reasons[0]!.replace(/^not checked: /, '') : reasons.length ? reasons.join('; ') : 'nothing to check') : undefined;
    return { layer, title: LAYER_TITLES[layer], verdict, ...(whole ? { notChecked: whole } : {}), checks: verdict === 'not-checked' ? [] : mine, notes: notes[layer] ?? [] };
  });
}
