// Merge the values layers of one environment the way `helm template -f a -f b` does, and keep
// provenance (which file and line set each path) so schema and policy findings point at the right line.
import type { Finding } from '../core/finding.js';
import { coalesceWithDefaults, mergeMaps } from './helm-merge.js';
import type { CoalesceWarning } from './helm-merge.js';
import { makeProvenance } from './provenance.js';
import type { Provenance } from './provenance.js';
import { formatPath } from './values-doc.js';
import type { ValuesDoc } from './values-doc.js';

export { instancePathToPath } from './json-pointer.js';
export type { Provenance, SetLocation } from './provenance.js';

/** One input layer: layer 0 is the chart's values.yaml, later layers win. */
export interface MergeLayer {
  file: string;
  doc: ValuesDoc;
}

/** The merged values, their provenance and Helm's coalesce warnings as findings. */
export interface MergeResult {
  values: Record<string, unknown>;
  provenance: Provenance;
  /** `values/type-clash` warnings (Helm prints these and keeps the user value). */
  findings: Finding[];
}

/** Helm-compatible merge: user layers left→right (mergeMaps), then coalesced over layer 0 (defaults). */
export function mergeLayers(layers: readonly MergeLayer[]): MergeResult {
  const [chart, ...user] = layers;
  const docs = layers.map((l) => ({ ...l.doc, file: l.file }));
  let merged: Record<string, unknown> = {};
  for (const l of user) merged = mergeMaps(merged, l.doc.values);
  const warnings: CoalesceWarning[] = [];
  const values = coalesceWithDefaults(merged, chart?.doc.values ?? {}, warnings);
  const provenance = makeProvenance(docs, values);
  const findings = warnings.map((w): Finding => {
    const at = provenance.lookup(w.path);
    return {
      rule: 'values/type-clash', severity: 'warning',
      message: `${formatPath(w.path)}: ${w.message}`,
      ...(at ? { file: at.file, line: at.line, col: at.col } : {}),
      hint: 'Use the same type as the chart default (map vs. scalar/list), or set it to null to drop the default.',
    };
  });
  return { values, provenance, findings };
}
