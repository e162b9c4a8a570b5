// Random AWS inventories for the cleanup safety property, and the model of what a cleanup of the target
// environment must delete. The model is written here from the rules, independently of src/ephemeral:
// two signals (env tag, controller tag, exact name, membership of the env's anchored cluster/VPC), refusals
// (protection tag, non-ephemeral lifecycle, a tag or name of another environment, protected words), dependencies
// (a cluster needs its nodegroups gone, a target group the load balancers forwarding to it), the blast-radius cap,
// and the state object (deleted only when it tracks nothing).
import type { AwsFixture } from '../../support/aws-sim/index.js';
import type { Rng } from './prng.js';

export const TAG = { env: 'jetscale.env_id', cluster: 'jetscale.cluster_id', ctl: 'elbv2.k8s.aws/cluster', prot: 'jetscale.protected', life: 'jetscale.lifecycle' } as const;
export const STATE_BUCKET = 'jetscale-tfstate-prop';
export const OTHER_BUCKET = 'someone-elses-state';
export const LB_CAP = 4;

type Tags = Record<string, string>;
export interface GenCluster { name: string; vpc: string; status: 'ACTIVE' | 'FAILED' | 'CREATING'; tags: Tags; nodegroups: Array<{ name: string; tags: Tags }> }
export interface GenLb { name: string; vpc: string; tags: Tags; forwards: string[] }
export interface GenTg { name: string; vpc: string; tags: Tags }
export interface GenSecret { name: string; tags: Tags; scheduled: boolean }
export interface GenState { bucket: string; key: string; empty: boolean }

/** One generated account. */
export interface GenInventory {
  target: string;
  others: string[];
  clusters: GenCluster[];
  lbs: GenLb[];
  tgs: GenTg[];
  secrets: GenSecret[];
  states: GenState[];
  /** A bucket tagged for the target: a type the sweep cannot delete. */
  taggedBucket?: { name: string; tags: Tags };
}

/** Stable keys of every resource, as the simulator's final state is compared. */
export type Key = string;
export const keys = {
  cluster: (n: string) => `cluster:${n}`,
  ng: (c: string, n: string) => `ng:${c}/${n}`,
  lb: (n: string) => `lb:${n}`,
  tg: (n: string) => `tg:${n}`,
  secret: (n: string) => `secret:${n}`,
  object: (b: string, k: string) => `object:${b}/${k}`,
  bucket: (n: string) => `bucket:${n}`,
};

/** A target env plus look-alikes: its prefixes and extensions (pr-1 vs pr-12 vs pr-123) and unrelated ones. */
function envFamily(r: Rng): { target: string; others: string[] } {
  const n = r.int(1, 999);
  const digits = String(n);
  const family = new Set<string>();
  for (let i = 1; i < digits.length; i++) family.add(digits.slice(0, i));
  family.add(`${digits}${r.int(0, 9)}`);
  family.add(`${digits}${r.int(10, 99)}`);
  family.add(String(r.int(1, 9999)));
  const others = [...family].filter((d) => d !== digits && !d.startsWith('0')).map((d) => `pr-${d}`);
  return { target: `pr-${digits}`, others: r.subset(others, 0.8).slice(0, 4) };
}

/** Tags an owner would carry, with the occasional confusion: wrong case, trailing space, protection, lifecycle. */
function tagsFor(r: Rng, owner: string, target: string, opts: { ctl?: boolean } = {}): Tags {
  const t: Tags = {};
  const form = r.int(0, 5);
  if (form === 1 || form === 4) t[TAG.env] = owner;
  if (form === 2 || form === 4) t[TAG.cluster] = owner;
  if (form === 3) Object.assign(t, { [TAG.env]: owner, [TAG.cluster]: owner });
  if ((opts.ctl ?? true) && r.chance(0.45)) t[TAG.ctl] = owner;
  if (r.chance(0.2)) t.Name = `${owner}-thing`;
  if (owner === target && r.chance(0.06)) t[r.pick([TAG.env, TAG.cluster, TAG.ctl])] = r.pick([owner.toUpperCase(), `${owner} `, `${owner}0`, owner.slice(0, -1) || 'pr-1']);
  if (r.chance(0.05)) t[TAG.prot] = r.pick(['true', 'TRUE', 'yes', 'false']);
  if (r.chance(0.08)) t[TAG.life] = r.pick(['ephemeral', 'ephemeral', 'persistent']);
  return t;
}

/** Generates one inventory from the stream `r`; `id` keeps names unique across the run. */
export function generateInventory(r: Rng, id: number): GenInventory {
  const { target, others } = envFamily(r);
  const prod = 'jetscale-prod';
  const owners = [target, target, ...others, prod, ''];
  const vpcOf = new Map<string, string>(owners.map((o, i) => [o, `vpc-${id.toString(16)}x${i}`]));
  vpcOf.set(target, `vpc-${id.toString(16)}t`);
  const vpcs = [...new Set(vpcOf.values())];
  const inv: GenInventory = { target, others, clusters: [], lbs: [], tgs: [], secrets: [], states: [] };
  let seq = 0;
  const uid = () => `${id.toString(36)}${(seq++).toString(36)}`;
  const ownerTags = (o: string, ctl = true) => (o === '' ? (r.chance(0.5) ? {} : { team: 'web' }) : o === prod ? prodTags(r, target) : tagsFor(r, o, target, { ctl }));

  // Clusters: the target's (usually), some of the look-alikes', production's, and an odd one tagged for the target.
  for (const o of [target, ...others, prod]) {
    if (!r.chance(o === target ? 0.75 : 0.4)) continue;
    const nodegroups = Array.from({ length: r.int(0, 2) }, (_, i) => ({ name: `${o}-ng${i}`, tags: r.chance(0.15) ? {} : ownerTags(o, false) }));
    inv.clusters.push({ name: o, vpc: vpcOf.get(o)!, status: o === target && r.chance(0.1) ? r.pick(['FAILED', 'CREATING'] as const) : 'ACTIVE', tags: ownerTags(o, false), nodegroups });
  }
  if (r.chance(0.15)) inv.clusters.push({ name: `odd-${uid()}`, vpc: r.pick(vpcs), status: 'ACTIVE', tags: { [TAG.env]: target, [TAG.ctl]: target }, nodegroups: [] });

  // Target groups and load balancers per owner, mostly in the owner's VPC, sometimes in another (incl. the target's).
  for (const o of owners) {
    const tgs = Array.from({ length: r.int(0, 2) }, () => ({ name: `tg-${uid()}`, vpc: r.chance(0.85) ? vpcOf.get(o)! : r.pick(vpcs), tags: ownerTags(o) }));
    inv.tgs.push(...tgs);
    for (let i = r.int(0, o === target ? 3 : 2); i > 0; i--) {
      const forwards = r.subset(tgs.map((t) => t.name), 0.6);
      if (r.chance(0.08) && inv.tgs.length) forwards.push(r.pick(inv.tgs).name);
      inv.lbs.push({ name: `lb-${uid()}`, vpc: r.chance(0.85) ? vpcOf.get(o)! : r.pick(vpcs), tags: ownerTags(o), forwards: [...new Set(forwards)] });
    }
  }
  // A few extra controller-tagged load balancers now and then, to reach the blast-radius cap.
  if (r.chance(0.05)) for (let i = 0; i < LB_CAP; i++) inv.lbs.push({ name: `lb-${uid()}`, vpc: vpcOf.get(target)!, tags: { [TAG.ctl]: target, [TAG.env]: target }, forwards: [] });

  // Secrets: exact name rule with the slash, near misses without it, look-alikes' and production's.
  for (const o of owners) {
    for (let i = r.int(0, 2); i > 0; i--) {
      const base = o === '' ? `misc/${uid()}` : o === prod ? `${prod}/db/${uid()}` : r.pick([`${o}-ephemeral/app/${uid()}`, `${o}-ephemeral/database/${uid()}`, `${o}-ephemeralx/${uid()}`, `${o}/legacy/${uid()}`]);
      inv.secrets.push({ name: base, tags: ownerTags(o, false), scheduled: r.chance(0.1) });
    }
  }
  if (r.chance(0.3)) inv.secrets.push({ name: `${target}-ephemeral/application/aws/client-${uid()}`, tags: {}, scheduled: false });

  // State objects: the target's (empty or not), the look-alikes', production's, and the target's key in another bucket.
  const stateKey = (e: string) => `ephemeral/${e}/terraform.tfstate`;
  if (r.chance(0.6)) inv.states.push({ bucket: STATE_BUCKET, key: stateKey(target), empty: r.chance(0.5) });
  for (const o of others) if (r.chance(0.4)) inv.states.push({ bucket: STATE_BUCKET, key: stateKey(o), empty: r.chance(0.5) });
  inv.states.push({ bucket: STATE_BUCKET, key: 'live/terraform.tfstate', empty: false });
  if (r.chance(0.3)) inv.states.push({ bucket: OTHER_BUCKET, key: stateKey(target), empty: true });
  if (r.chance(0.1)) inv.taggedBucket = { name: `tagged-${uid()}`, tags: { [TAG.env]: target, [TAG.cluster]: target } };
  return inv;
}

/** Production: its own values in the same keys, and now and then the target's tag by mistake (its name protects it). */
function prodTags(r: Rng, target: string): Tags {
  const t: Tags = { [TAG.env]: 'jetscale-prod', [TAG.life]: 'persistent' };
  if (r.chance(0.15)) return { [TAG.env]: target, [TAG.cluster]: target, [TAG.ctl]: target };
  return t;
}

const EMPTY_STATE = { version: 4, terraform_version: '1.11.4', serial: 3, lineage: 'prop', outputs: {}, resources: [] };
const FULL_STATE = { ...EMPTY_STATE, resources: [{ mode: 'managed', type: 'aws_vpc', name: 'this', instances: [{}] }, { mode: 'data', type: 'aws_caller_identity', name: 'me', instances: [{}] }] };

/** The simulator fixture of an inventory. */
export function toFixture(inv: GenInventory, account: string): AwsFixture {
  const buckets = new Map<string, Record<string, unknown>>([[STATE_BUCKET, {}]]);
  for (const s of inv.states) {
    const objects = buckets.get(s.bucket) ?? {};
    objects[s.key] = s.empty ? EMPTY_STATE : FULL_STATE;
    buckets.set(s.bucket, objects);
  }
  return {
    account,
    eks: { clusters: inv.clusters.map((c) => ({ name: c.name, vpcId: c.vpc, status: c.status, tags: c.tags, nodegroups: c.nodegroups.map((n) => ({ name: n.name, tags: n.tags })) })) },
    elbv2: {
      targetGroups: inv.tgs.map((t) => ({ name: t.name, vpcId: t.vpc, tags: t.tags })),
      loadBalancers: inv.lbs.map((l) => ({ name: l.name, vpcId: l.vpc, tags: l.tags, listeners: l.forwards.map((tg, i) => ({ port: 8000 + i, protocol: 'HTTP' as const, defaultActions: [{ forward: tg }] })) })),
    },
    secretsManager: { secrets: inv.secrets.map((s) => ({ name: s.name, tags: s.tags, value: 'fake-value', ...(s.scheduled ? { deletedAt: '2026-01-02T00:00:00Z' } : {}) })) },
    s3: {
      buckets: [
        ...[...buckets].map(([name, objects]) => ({ name, objects: objects as Record<string, Record<string, unknown>> })),
        ...(inv.taggedBucket ? [{ name: inv.taggedBucket.name, tags: inv.taggedBucket.tags }] : []),
      ],
    },
  };
}

/** Every resource key of an inventory. */
export function allKeys(inv: GenInventory): Set<Key> {
  const out = new Set<Key>();
  for (const c of inv.clusters) {
    out.add(keys.cluster(c.name));
    for (const n of c.nodegroups) out.add(keys.ng(c.name, n.name));
  }
  for (const l of inv.lbs) out.add(keys.lb(l.name));
  for (const t of inv.tgs) out.add(keys.tg(t.name));
  for (const s of inv.secrets) out.add(keys.secret(s.name));
  for (const s of inv.states) out.add(keys.object(s.bucket, s.key));
  for (const b of new Set([STATE_BUCKET, ...inv.states.map((s) => s.bucket), ...(inv.taggedBucket ? [inv.taggedBucket.name] : [])])) out.add(keys.bucket(b));
  return out;
}

const PROTECTED_WORDS = ['prod', 'live', 'staging', 'tools'];

/** The model: the keys a cleanup of the target must delete. `denied`: delete operations that always fail. */
export function expectedDeletions(inv: GenInventory, denied: ReadonlySet<string> = new Set()): Set<Key> {
  const T = inv.target;
  const envSig = (t: Tags) => t[TAG.env] === T || t[TAG.cluster] === T;
  const ctlSig = (t: Tags) => t[TAG.ctl] === T;
  const protectedName = (n: string) => n.toLowerCase().split(/[^a-z0-9]+/).some((tok) => PROTECTED_WORDS.some((w) => tok.startsWith(w)));
  const namesOther = (n: string) => {
    const m = /^(pr-[1-9][0-9]{0,5})(?:$|-ephemeral\/)/.exec(n);
    return m !== null && m[1] !== T;
  };
  const refused = (t: Tags, name: string) =>
    (t[TAG.prot] !== undefined && t[TAG.prot]!.trim().toLowerCase() !== 'false') ||
    (t[TAG.life] !== undefined && t[TAG.life] !== 'ephemeral') ||
    [TAG.env, TAG.cluster, TAG.ctl].some((k) => t[k] !== undefined && t[k] !== T) ||
    protectedName(name) || namesOther(name);
  const count = (...xs: boolean[]) => xs.filter(Boolean).length;

  const cluster = inv.clusters.find((c) => c.name === T);
  const clusterRefused = cluster ? refused(cluster.tags, cluster.name) : false;
  const clusterOwned = cluster !== undefined && !clusterRefused && count(true, envSig(cluster.tags), ctlSig(cluster.tags)) >= 2;
  const anchorVpc = clusterOwned ? cluster.vpc : undefined;
  const discoveryVpc = cluster?.vpc;

  const lbOk = (l: GenLb) => (envSig(l.tags) || ctlSig(l.tags) || l.vpc === discoveryVpc) && !refused(l.tags, l.name) && count(envSig(l.tags), ctlSig(l.tags), l.vpc === anchorVpc) >= 2;
  const tgOk = (t: GenTg) => (envSig(t.tags) || ctlSig(t.tags) || t.vpc === discoveryVpc) && !refused(t.tags, t.name) && count(envSig(t.tags), ctlSig(t.tags), t.vpc === anchorVpc) >= 2;
  const deletableLbs = inv.lbs.filter(lbOk);
  if (deletableLbs.length > LB_CAP) return new Set();

  const out = new Set<Key>();
  const gone = (type: string, ok: boolean) => ok && !denied.has(type);
  // Nodegroups of the target's cluster; the cluster only when every one of them goes.
  let allNodegroupsGo = true;
  for (const n of cluster?.nodegroups ?? []) {
    const ok = !clusterRefused && !refused(n.tags, n.name) && count(envSig(n.tags), ctlSig(n.tags), clusterOwned) >= 2;
    if (gone('eks:DeleteNodegroup', ok)) out.add(keys.ng(T, n.name));
    else allNodegroupsGo = false;
  }
  const lbGoes = new Set(gone('elbv2:DeleteLoadBalancer', true) ? deletableLbs.map((l) => l.name) : []);
  for (const l of lbGoes) out.add(keys.lb(l));
  for (const t of inv.tgs) {
    const users = inv.lbs.filter((l) => l.forwards.includes(t.name));
    if (gone('elbv2:DeleteTargetGroup', tgOk(t)) && users.every((l) => lbGoes.has(l.name))) out.add(keys.tg(t.name));
  }
  if (cluster && clusterOwned && allNodegroupsGo && gone('eks:DeleteCluster', true)) out.add(keys.cluster(T));
  for (const s of inv.secrets) {
    const nameSig = s.name.startsWith(`${T}-ephemeral/`);
    if (gone('secretsmanager:DeleteSecret', !refused(s.tags, s.name) && count(envSig(s.tags), ctlSig(s.tags), nameSig) >= 2)) out.add(keys.secret(s.name));
  }
  for (const s of inv.states) {
    if (s.bucket === STATE_BUCKET && s.key === `ephemeral/${T}/terraform.tfstate` && gone('s3:DeleteObject', s.empty)) out.add(keys.object(s.bucket, s.key));
  }
  return out;
}
