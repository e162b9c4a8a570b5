// The simulator's whole mutable world: ordered collections, name indexes and ghosts of deleted resources.
import { Collection, Ghosts } from './collection.js';
import { ruleArn } from './ids.js';
import { parseSecretArn } from './arns.js';
import type { Bucket, Cluster, Deleting, Listener, ListenerRule, LoadBalancer, Nodegroup, Secret, TargetGroup } from './model.js';
import type { AssumedSession } from './session-policy.js';

/** Caller identity returned by STS GetCallerIdentity. */
export interface Caller {
  account: string;
  arn: string;
  userId: string;
}

/** All resources, keyed by ARN (clusters by name, nodegroups by "cluster/name", secrets by name). */
export class SimState {
  readonly loadBalancers = new Collection<LoadBalancer>();
  readonly lbByName = new Map<string, string>();
  readonly listeners = new Collection<Listener>();
  readonly targetGroups = new Collection<TargetGroup>();
  readonly tgByName = new Map<string, string>();
  readonly clusters = new Collection<Cluster>();
  readonly nodegroups = new Collection<Nodegroup>();
  readonly secrets = new Collection<Secret>();
  readonly buckets = new Collection<Bucket>();
  readonly ghosts = {
    loadBalancers: new Ghosts<LoadBalancer>(),
    targetGroups: new Ghosts<TargetGroup>(),
    secrets: new Ghosts<Secret>(),
  };
  /** AssumeRole sessions by access key id (their session policies are enforced by the server). */
  readonly sessions = new Map<string, AssumedSession>();
  private tgUse: Map<string, Set<string>> | undefined;

  constructor(
    readonly account: string,
    readonly region: string,
    public caller: Caller,
    /** How many reads a DELETING cluster or nodegroup survives before it is gone. */
    public deletingReads = 2,
    /** When set, a DELETING cluster or nodegroup is gone this many seconds after the delete, however often it is read. */
    public deletingSeconds: number | undefined = undefined,
  ) {}

  /** Start the DELETING countdown of a cluster or nodegroup (a second delete does not restart it). */
  startDeleting(r: Deleting & { status: string }, nowMs: number): void {
    if (r.status === 'DELETING') return;
    r.status = 'DELETING';
    r.deletingReads = this.deletingReads;
    r.deletingUntil = this.deletingSeconds === undefined ? undefined : nowMs + this.deletingSeconds * 1000;
  }

  /** Drop clusters and nodegroups whose DELETING deadline has passed (time countdowns expire without being read). */
  expireDeleting(nowMs: number): void {
    const due = (r: Deleting & { status: string }) => r.status === 'DELETING' && r.deletingUntil !== undefined && r.deletingUntil <= nowMs;
    for (const n of this.nodegroups.all().filter(due)) this.nodegroups.delete(`${n.cluster}/${n.name}`);
    for (const c of this.clusters.all().filter(due)) this.clusters.delete(c.name);
  }

  /** Listeners of one load balancer, in creation order. */
  listenersOf(lbArn: string): Listener[] {
    return this.listeners.all().filter((l) => l.lbArn === lbArn);
  }

  /** Load balancers whose listeners or rules forward to each target group (cached until listeners change). */
  tgUsage(): Map<string, Set<string>> {
    if (this.tgUse) return this.tgUse;
    const use = new Map<string, Set<string>>();
    for (const l of this.listeners.all()) {
      const actions = [...l.defaultActions, ...l.rules.flatMap((r) => r.actions)];
      for (const a of actions) {
        if (a.TargetGroupArn === undefined) continue;
        const set = use.get(a.TargetGroupArn) ?? new Set<string>();
        set.add(l.lbArn);
        use.set(a.TargetGroupArn, set);
      }
    }
    this.tgUse = use;
    return use;
  }

  /** Add or replace a listener (drops the usage cache). */
  putListener(l: Listener): void {
    this.listeners.set(l.arn, l);
    this.tgUse = undefined;
  }

  /** Remove a listener (drops the usage cache). */
  deleteListener(arn: string): void {
    this.listeners.delete(arn);
    this.tgUse = undefined;
  }

  /** A non-default rule and its listener, by rule ARN. */
  findRule(arn: string): { listener: Listener; rule: ListenerRule } | undefined {
    for (const listener of this.listeners.all()) {
      const rule = listener.rules.find((r) => r.arn === arn);
      if (rule) return { listener, rule };
    }
    return undefined;
  }

  /** Whether a rule ARN names a listener rule, the default rule included. */
  hasRule(arn: string): boolean {
    return this.findRule(arn) !== undefined || this.listeners.all().some((l) => ruleArn(l.arn, 0) === arn);
  }

  /** Nodegroups of one cluster. */
  nodegroupsOf(cluster: string): Nodegroup[] {
    return this.nodegroups.all().filter((n) => n.cluster === cluster);
  }

  /**
   * Find a secret by name, full ARN or partial ARN (no "-xxxxxx" suffix). As in Secrets Manager, an ARN whose
   * name part ends in a hyphen and six characters is taken as complete, so a name shaped like that cannot be found by partial ARN.
   */
  findSecret(id: string): Secret | undefined {
    const arn = parseSecretArn(id);
    if (!arn) return this.secrets.get(id);
    if (arn.account !== this.account || arn.region !== this.region) return undefined;
    if (/-[A-Za-z0-9]{6}$/.test(arn.rest)) return this.secrets.all().find((s) => s.arn === id);
    return this.secrets.get(arn.rest);
  }
}
