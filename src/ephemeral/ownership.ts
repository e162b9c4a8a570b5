// Ownership: which independent signals tie a resource to the environment, and whether that allows deleting it.
// Exact values everywhere (pr-1 is never pr-12); anything that protects a resource or names another
// environment wins over any number of signals.
import { protectedMatch } from './env-id.js';
import type { Action, Found, PlanResource, Signal, TagKeys } from './resources.js';

/** What a judgement needs besides the resource. */
export interface JudgeContext {
  env: string;
  tags: TagKeys;
  /** Config `protectedNames` (the built-in words are always protected). */
  protectedNames: readonly string[];
  /** The environment's own EKS cluster and its VPC, only when that cluster itself has two signals. */
  anchor?: { cluster: string; vpcId: string | undefined };
  /** The Terraform state object's location (config), when configured. */
  state?: { bucket: string; key: string };
}

/** The signals that tie `r` to the environment. */
export function signalsOf(r: Found, c: JudgeContext): Signal[] {
  const signals: Signal[] = [];
  const t = r.tags;
  if (t[c.tags.envId] === c.env || t[c.tags.clusterId] === c.env) signals.push('env-tag');
  if (t[c.tags.controllerCluster] === c.env) signals.push('controller-tag');
  if (nameRule(r, c)) signals.push('name');
  if (r.type === 's3:object' && c.state && r.id === `s3://${c.state.bucket}/${c.state.key}`) signals.push('state-bucket');
  if (memberOfAnchor(r, c)) signals.push('member');
  return signals;
}

/** The exact name rules: the cluster named `<env>`, secrets under `<env>-ephemeral/` (with the slash), the state key. */
function nameRule(r: Found, c: JudgeContext): boolean {
  if (r.type === 'eks:cluster') return r.name === c.env;
  if (r.type === 'secretsmanager:secret') return r.name.startsWith(`${c.env}-ephemeral/`);
  if (r.type === 's3:object') return c.state !== undefined && r.name === c.state.key;
  return false;
}

/** A nodegroup of the anchored cluster, or a load balancer / target group in the anchored cluster's VPC. */
function memberOfAnchor(r: Found, c: JudgeContext): boolean {
  if (!c.anchor) return false;
  if (r.type === 'eks:nodegroup') return r.cluster === c.anchor.cluster;
  if (r.type === 'elbv2:loadbalancer' || r.type === 'elbv2:targetgroup') return c.anchor.vpcId !== undefined && r.vpcId === c.anchor.vpcId;
  return false;
}

/** Why the resource may never be deleted by this run, if anything protects it. */
export function refusalOf(r: Found, c: JudgeContext): string | undefined {
  const t = r.tags;
  const prot = t[c.tags.protected];
  if (prot !== undefined && prot.trim().toLowerCase() !== 'false') return `tagged ${c.tags.protected}=${prot}`;
  const life = t[c.tags.lifecycle];
  if (life !== undefined && life !== 'ephemeral') return `tagged ${c.tags.lifecycle}=${life} (not ephemeral)`;
  for (const key of [c.tags.envId, c.tags.clusterId, c.tags.controllerCluster]) {
    if (t[key] !== undefined && t[key] !== c.env) return `tagged ${key}=${t[key]}: it names another environment`;
  }
  const hit = protectedMatch(r.name, c.protectedNames) ?? (r.cluster ? protectedMatch(r.cluster, c.protectedNames) : undefined);
  if (hit) return `its name matches the protected name "${hit}"`;
  if (r.type === 'eks:nodegroup' && r.cluster !== c.env) return `it belongs to the cluster ${r.cluster ?? '?'}, not to ${c.env}`;
  const other = OTHER_ENV_NAME.exec(r.name)?.[1];
  if (other !== undefined && other !== c.env) return `its name belongs to the environment ${other}`;
  return undefined;
}

/** A name that is an env id, or starts with `<env id>-ephemeral/`: it says which environment it belongs to. */
const OTHER_ENV_NAME = /^(pr-[1-9][0-9]{0,5})(?:$|-ephemeral\/)/;

/** Judges one resource: its signals, the action they allow, and why. */
export function judge(r: Found, c: JudgeContext): PlanResource {
  const signals = signalsOf(r, c);
  const refusal = refusalOf(r, c);
  let action: Action;
  let reason: string;
  if (refusal) [action, reason] = ['refused', `refused: ${refusal}`];
  else if (r.type === 'other') [action, reason] = ['unsupported', 'a type the sweep cannot delete'];
  else if (r.type === 'eks:cluster' && r.name !== c.env) [action, reason] = ['suspect', `suspect, not deleted: only the cluster named ${c.env} is ever deleted (signals: ${signals.join(' + ') || 'none'})`];
  else if (signals.length >= 2) [action, reason] = ['delete', `owned: ${signals.join(' + ')}`];
  else [action, reason] = ['suspect', signals.length ? `suspect, not deleted: only one ownership signal (${signals[0]})` : 'suspect, not deleted: no ownership signal'];
  return { ...r, signals, action, reason };
}

/**
 * Judges a whole inventory: the environment's cluster first, since only a cluster with two signals of its own
 * anchors membership (its nodegroups, its VPC) for everything else. An anchor in `base` (from an earlier
 * discovery, when the cluster may be gone since) is kept.
 */
export function judgeAll(found: readonly Found[], base: JudgeContext): { resources: PlanResource[]; anchor: JudgeContext['anchor'] } {
  const { anchor: given, ...rest } = base;
  const cluster = found.find((r) => r.type === 'eks:cluster' && r.name === base.env);
  const judgedCluster = cluster ? judge(cluster, rest) : undefined;
  const anchor = given ?? (judgedCluster?.action === 'delete' ? { cluster: judgedCluster.name, vpcId: judgedCluster.vpcId } : undefined);
  const ctx: JudgeContext = anchor ? { ...rest, anchor } : rest;
  // What protects the cluster protects what runs in it.
  const guard = judgedCluster?.action === 'refused' ? `refused: its cluster is ${judgedCluster.reason.replace(/^refused: /, '')}` : undefined;
  const resources = found.map((r) => {
    const j = judge(r, ctx);
    return guard && j.type === 'eks:nodegroup' && j.cluster === base.env && j.action !== 'refused' ? { ...j, action: 'refused' as const, reason: guard } : j;
  });
  return { resources, anchor };
}
