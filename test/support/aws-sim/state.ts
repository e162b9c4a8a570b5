// The simulator's whole mutable world: ordered collections, name indexes and ghosts of deleted resources.
import { Collection, Ghosts } from './collection.js';
import type { Cluster, Listener, LoadBalancer, Nodegroup, Secret, TargetGroup } from './model.js';

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
  readonly ghosts = {
    loadBalancers: new Ghosts<LoadBalancer>(),
    targetGroups: new Ghosts<TargetGroup>(),
    secrets: new Ghosts<Secret>(),
  };
  private tgUse: Map<string, Set<string>> | undefined;

  constructor(
    readonly account: string,
    readonly region: string,
    public caller: Caller,
    /** How many reads a DELETING cluster or nodegroup survives before it is gone. */
    public deletingReads = 2,
  ) {}

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

  /** Nodegroups of one cluster. */
  nodegroupsOf(cluster: string): Nodegroup[] {
    return this.nodegroups.all().filter((n) => n.cluster === cluster);
  }

  /** Find a secret by name or full ARN. */
  findSecret(id: string): Secret | undefined {
    const byName = this.secrets.get(id);
    if (byName) return byName;
    return this.secrets.all().find((s) => s.arn === id);
  }
}
