// The janitor's candidate environments, read-only: `pr-*` values of the environment and controller tag keys
// (Tagging GetTagValues), EKS clusters named `pr-*`, and state objects under the state key pattern's prefix.
import type { Aws } from '../aws/index.js';
import { isEnvId, prNumber } from './env-id.js';
import type { TagKeys } from './resources.js';

/** One candidate: where it was seen and the timestamps that tell its age. */
export interface Candidate {
  env: string;
  sources: string[];
  /** Creation times known so far (cluster createdAt, state object last write). */
  times: string[];
  hasCluster: boolean;
}

export interface CandidateOptions {
  tags: TagKeys;
  stateBucket: string;
  stateKeyPattern: string;
}

/** Every env id any listing names, sorted by PR number. */
export async function findCandidates(aws: Aws, o: CandidateOptions): Promise<Candidate[]> {
  const all = new Map<string, Candidate>();
  const note = (env: string, source: string, time?: string) => {
    if (!isEnvId(env)) return;
    const c = all.get(env) ?? { env, sources: [], times: [], hasCluster: false };
    if (!c.sources.includes(source)) c.sources.push(source);
    if (time) c.times.push(time);
    all.set(env, c);
  };
  const keys = [...new Set([o.tags.envId, o.tags.clusterId, o.tags.controllerCluster])];
  const [values, clusters, states] = await Promise.all([
    Promise.all(keys.map(async (k) => [k, await aws.tagging.getTagValues(k)] as const)),
    aws.eks.listClusters(),
    o.stateBucket ? aws.s3.listObjectsV2(o.stateBucket, { prefix: statePrefix(o.stateKeyPattern) }) : Promise.resolve([]),
  ]);
  for (const [key, vs] of values) for (const v of vs) note(v, `tag ${key}`);
  for (const name of clusters) {
    note(name, 'eks cluster');
    const c = all.get(name);
    if (c) c.hasCluster = true;
  }
  const keyRe = stateKeyRegex(o.stateKeyPattern);
  for (const obj of states) {
    const env = keyRe.exec(obj.key)?.[1];
    if (env) note(env, 'terraform state', obj.lastModified?.toISOString());
  }
  return [...all.values()].sort((a, b) => prNumber(a.env) - prNumber(b.env));
}

/** The fixed part of the key pattern before `{env}` (`ephemeral/`). */
export function statePrefix(pattern: string): string {
  return pattern.slice(0, Math.max(0, pattern.indexOf('{env}')));
}

/** A regex that matches a state key exactly and captures the env id. */
export function stateKeyRegex(pattern: string): RegExp {
  const parts = pattern.split('{env}').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('(pr-[1-9][0-9]{0,5})')}$`);
}
