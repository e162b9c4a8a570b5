// The merged view of one environment that every policy rule reads: values plus where each value came from.
import type { Finding } from '../core/finding.js';
import type { Provenance } from '../values/merge.js';
import { valueAt } from '../values/provenance.js';
import { pathKey, type PathSegment, type ValuesDoc } from '../values/values-doc.js';

export interface EnvUnderTest {
  /** `<type>/<name>`, e.g. `live/console`. */
  id: string;
  type: string;
  /** Repo-relative environment file. */
  file: string;
  cloud: string;
  /** Repo-relative cloud layer, e.g. `envs/aws.yaml`. */
  cloudFile: string;
  values: Record<string, unknown>;
  provenance: Provenance;
  /** The parsed layers in merge order (0 = chart values.yaml, 1 = the cloud layer), when available. */
  layerDocs?: readonly ValuesDoc[];
}

/** The last environment layer (after the chart) that wrote `path`, even as `null`: where a user must look. */
export function writtenAt(env: EnvUnderTest, path: readonly PathSegment[]): { layer: number; file: string; line: number; col: number } | undefined {
  const docs = env.layerDocs ?? [];
  for (let i = docs.length - 1; i >= 1; i--) {
    const pos = docs[i]!.positions.get(pathKey(path));
    if (pos) return { layer: i, file: docs[i]!.file, line: pos.line, col: pos.col };
  }
  return undefined;
}

/** The value the cloud layer (layer 1) itself writes at `path`, if any. */
export function cloudValue(env: EnvUnderTest, path: readonly PathSegment[]): unknown {
  const cloud = env.layerDocs?.[1];
  return cloud ? valueAt(cloud.values, path) : undefined;
}

/** A rule over one environment. */
export type EnvRule = (env: EnvUnderTest) => Finding[];

/** A rule across environments (parity). */
export type FleetRule = (envs: readonly EnvUnderTest[]) => Finding[];

/** The merged value at `path`. */
export function get(env: EnvUnderTest, path: readonly PathSegment[]): unknown {
  return valueAt(env.values, path);
}

/** Where `path` (or its nearest ancestor) was set; falls back to the environment file. */
export function locate(env: EnvUnderTest, path: readonly PathSegment[]): Pick<Finding, 'file' | 'line' | 'col'> {
  const at = env.provenance.lookup(path);
  if (!at || at.layer === 0 || at.path.length === 0) return { file: env.file };
  return { file: at.file, ...(at.line !== undefined ? { line: at.line } : {}), ...(at.col !== undefined ? { col: at.col } : {}) };
}

/** A finding for `env` located at `path`. */
export function finding(env: EnvUnderTest, path: readonly PathSegment[], f: Omit<Finding, 'env' | 'file' | 'line' | 'col'>, where = locate(env, path)): Finding {
  return { ...f, env: env.id, ...where };
}
