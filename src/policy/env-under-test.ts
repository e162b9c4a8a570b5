// The merged view of one environment that every policy rule reads: values plus where each value came from,
// and the configuration the rules take as parameters (they never read config or the environment themselves).
import type { Finding } from '../core/finding.js';
import type { Provenance } from '../values/merge.js';
import { valueAt } from '../values/provenance.js';
import { isPlainMap, pathKey, type PathSegment, type ValuesDoc } from '../values/values-doc.js';
import type { CloudContract } from './cloud-contracts.js';

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

/** What the rules are configured with (jetscale.config.yaml values, passed in by the task). */
export interface PolicyOptions {
  /** Types served publicly (`publicEnvTypes`): TLS parity spans all of them. */
  publicEnvTypes: readonly string[];
  /** The zone hosts live one label under (`dns.domain`); empty skips the domain part of the host check. */
  domain: string;
  /** Kinds each type must render (`requiredKinds`); only its type names are checked here. */
  requiredKinds?: Readonly<Record<string, readonly string[]>>;
  /** Every discovered environment type, including those whose layers did not parse. */
  envTypes?: readonly string[];
  /** Ingress-controller contracts by ingress class; defaults to CLOUD_CONTRACTS. */
  contracts?: Readonly<Record<string, CloudContract>>;
}

/** Where the value at a path was last written by a layer after the chart: at the path itself, or at an ancestor
 * that layer replaced with a non-map (null, a scalar, a list), which drops everything below it. */
export interface WrittenAt {
  layer: number;
  file: string;
  line: number;
  col: number;
  /** The path the layer wrote: the requested one or the replaced ancestor. */
  path: PathSegment[];
  /** What that layer wrote there. */
  value: unknown;
}

/** The last layer after the chart (even as `null`, or by replacing a parent map) that decided `path`: where a user must look. */
export function writtenAt(env: EnvUnderTest, path: readonly PathSegment[]): WrittenAt | undefined {
  const docs = env.layerDocs ?? [];
  for (let i = docs.length - 1; i >= 1; i--) {
    const doc = docs[i]!;
    for (let len = 1; len <= path.length; len++) {
      const at = path.slice(0, len);
      const pos = doc.positions.get(pathKey(at));
      if (!pos) break; // the layer never reached this deep
      const value = valueAt(doc.values, at);
      const listGoesOn = Array.isArray(value) && len < path.length && doc.positions.has(pathKey(path.slice(0, len + 1)));
      if (len === path.length || (!isPlainMap(value) && !listGoesOn)) return { layer: i, file: doc.file, line: pos.line, col: pos.col, path: [...at], value };
    }
  }
  return undefined;
}

/** The value the cloud layer (layer 1) itself writes at `path`, if any. */
export function cloudValue(env: EnvUnderTest, path: readonly PathSegment[]): unknown {
  const cloud = env.layerDocs?.[1];
  return cloud ? valueAt(cloud.values, path) : undefined;
}

/** A rule over one environment. */
export type EnvRule = (env: EnvUnderTest, opts: PolicyOptions) => Finding[];

/** A rule across environments (parity, uniqueness). */
export type FleetRule = (envs: readonly EnvUnderTest[], opts: PolicyOptions) => Finding[];

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

/** `file:line` of `path` for messages that name another environment's setting. */
export function describeLocation(env: EnvUnderTest, path: readonly PathSegment[]): string {
  const at = locate(env, path);
  return at.line === undefined ? `${at.file}` : `${at.file}:${at.line}`;
}

/** A finding for `env` located at `path`. */
export function finding(env: EnvUnderTest, path: readonly PathSegment[], f: Omit<Finding, 'env' | 'file' | 'line' | 'col'>, where = locate(env, path)): Finding {
  return { ...f, env: env.id, ...where };
}

/** `{file, line, col}` of a WrittenAt, for a finding's location. */
export function whereWritten(w: WrittenAt): Pick<Finding, 'file' | 'line' | 'col'> {
  return { file: w.file, line: w.line, col: w.col };
}
