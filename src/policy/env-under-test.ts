// The merged view of one environment that every policy rule reads: values plus where each value came from.
import type { Finding } from '../core/finding.js';
import type { Provenance } from '../values/merge.js';
import { valueAt } from '../values/provenance.js';
import type { PathSegment } from '../values/values-doc.js';

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
