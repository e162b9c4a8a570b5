// A time-driven deployment controller: every new generation of a watched Deployment rolls out one replica per step,
// writing status (and ScalingReplicaSet events) the way kube-controller-manager does, so watchers see it happen.
import { createHash } from 'node:crypto';
import { recordEvent } from './events.js';
import { trackUpdate } from './managed-fields.js';
import { resolveKind, type ResourceDef } from './resources.js';
import type { KubeObject } from './selectors.js';
import type { Store, StoreEvent } from './store.js';

/** How a scripted rollout behaves. */
export interface RolloutOptions {
  /** Milliseconds between one replica becoming ready and the next (default 50). */
  stepMs?: number;
  /** Never completes: after the steps the Deployment reports Progressing=False/ProgressDeadlineExceeded. */
  stuck?: boolean;
}

type Rec = Record<string, unknown>;
interface Rule { namespace: string; name?: string; opts: Required<RolloutOptions> }

const DEPLOYMENT = resolveKind('Deployment') as ResourceDef;
const CONTROLLER = 'kube-controller-manager';

function cond(type: string, ok: boolean, reason: string, message: string): Rec {
  const t = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return { type, status: ok ? 'True' : 'False', reason, message, lastUpdateTime: t, lastTransitionTime: t };
}

// The pod-template-hash a ReplicaSet of this template would get.
function rsName(obj: KubeObject): string {
  const hash = createHash('sha256').update(JSON.stringify((obj.spec as Rec | undefined)?.template ?? {})).digest('hex').slice(0, 10);
  return `${obj.metadata.name}-${hash}`;
}

/** Where one rollout stands: how many pods run the new template, and how many pods are ready in all. */
interface Progress { updated: number; ready: number; timedOut: boolean }

function statusAt(obj: KubeObject, p: Progress, wasAvailable: boolean): Rec {
  const spec = (obj.spec ?? {}) as Rec;
  const n = typeof spec.replicas === 'number' ? spec.replicas : 1;
  const rs = rsName(obj);
  const done = p.updated >= n && p.ready >= n;
  const progressing = done
    ? cond('Progressing', true, 'NewReplicaSetAvailable', `ReplicaSet "${rs}" has successfully progressed.`)
    : p.timedOut
      ? cond('Progressing', false, 'ProgressDeadlineExceeded', `ReplicaSet "${rs}" has timed out progressing.`)
      : cond('Progressing', true, 'ReplicaSetUpdated', `ReplicaSet "${rs}" is progressing.`);
  return {
    observedGeneration: obj.metadata.generation, replicas: n, updatedReplicas: p.updated,
    ...(p.ready > 0 ? { readyReplicas: p.ready, availableReplicas: p.ready } : {}), ...(n - p.ready > 0 ? { unavailableReplicas: n - p.ready } : {}),
    conditions: [
      done || wasAvailable ? cond('Available', true, 'MinimumReplicasAvailable', 'Deployment has minimum availability.') : cond('Available', false, 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'),
      progressing,
    ],
  };
}

/** Watches the store for Deployment generations the rules cover and plays each rollout out on timers. */
export class RolloutController {
  private readonly rules: Rule[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Map<string, number>();
  /** The ReplicaSet (template hash) each Deployment last rolled out, to tell a scale from a new rollout. */
  private readonly current = new Map<string, string>();
  private readonly unsubscribe: () => void;

  constructor(private readonly store: Store) {
    this.unsubscribe = store.subscribe((e) => this.onChange(e));
  }

  /** Covers one Deployment, or every Deployment in `namespace` when `name` is undefined (the latest rule wins). */
  add(namespace: string, name: string | undefined, opts: RolloutOptions = {}): void {
    this.rules.push({ namespace, ...(name !== undefined ? { name } : {}), opts: { stepMs: opts.stepMs ?? 50, stuck: opts.stuck ?? false } });
    // Existing Deployments whose current generation no controller has observed yet roll out now.
    const existing = name !== undefined ? [this.store.get(DEPLOYMENT, namespace, name)] : this.store.list(DEPLOYMENT, namespace);
    for (const o of existing) if (o) this.onChange({ type: 'MODIFIED', def: DEPLOYMENT, rv: 0, obj: o });
  }

  /** Cancels pending steps and stops listening. */
  stop(): void {
    this.unsubscribe();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private rule(o: KubeObject): Rule | undefined {
    return [...this.rules].reverse().find((r) => r.namespace === o.metadata.namespace && (r.name === undefined || r.name === o.metadata.name));
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => { this.timers.delete(t); fn(); }, ms);
    t.unref();
    this.timers.add(t);
  }

  // A write that changes the generation (create or spec change) starts a rollout on the next tick, like an informer would.
  private onChange(e: StoreEvent): void {
    if (e.def !== DEPLOYMENT || e.type === 'DELETED' || !this.rule(e.obj)) return;
    const gen = Number(e.obj.metadata.generation ?? 1);
    const status = (e.obj.status ?? {}) as Rec;
    if (status.observedGeneration === gen || this.running.get(this.key(e.obj)) === gen) return;
    this.running.set(this.key(e.obj), gen);
    this.later(0, () => this.start(e.obj.metadata.namespace ?? '', e.obj.metadata.name));
  }

  private key(o: KubeObject): string {
    return `${o.metadata.namespace}/${o.metadata.name}`;
  }

  // A new template rolls a new ReplicaSet out (old pods keep serving); a replica change alone scales the current one.
  private start(namespace: string, name: string): void {
    const obj = this.store.get(DEPLOYMENT, namespace, name);
    const rule = obj && this.rule(obj);
    if (!obj || !rule) return;
    const key = this.key(obj);
    const gen = Number(obj.metadata.generation ?? 1);
    this.running.set(key, gen);
    const status = (obj.status ?? {}) as Rec;
    const wasAvailable = ((status.conditions ?? []) as Rec[]).some((c) => c.type === 'Available' && c.status === 'True');
    const n = Number(((obj.spec ?? {}) as Rec).replicas ?? 1);
    const prevReady = Number(status.readyReplicas ?? 0);
    const rs = rsName(obj);
    const scaling = this.current.get(key) === rs;
    this.current.set(key, rs);
    const before = scaling ? Number(status.replicas ?? 0) : 0;
    if (before !== n) {
      const verb = n > before ? 'up' : 'down';
      recordEvent(this.store, DEPLOYMENT, obj, { reason: 'ScalingReplicaSet', message: `Scaled ${verb} replica set ${rs} from ${before} to ${n}`, component: 'deployment-controller' });
    }
    const from = scaling ? Math.min(prevReady, n) : 0;
    const progress = (k: number): Progress => rule.opts.stuck
      ? { updated: 0, ready: Math.min(n, prevReady), timedOut: k > n }
      : scaling ? { updated: n, ready: k, timedOut: false } : { updated: k, ready: Math.min(n, Math.max(k, prevReady)), timedOut: false };
    this.step(namespace, name, gen, from, n, progress, wasAvailable, rule.opts.stepMs);
  }

  private step(namespace: string, name: string, gen: number, k: number, n: number, progress: (k: number) => Progress, wasAvailable: boolean, stepMs: number): void {
    const obj = this.store.get(DEPLOYMENT, namespace, name);
    if (!obj || Number(obj.metadata.generation ?? 1) !== gen) return; // deleted, or a newer rollout took over
    const p = progress(k);
    const next = { ...obj, status: statusAt(obj, p, wasAvailable) };
    trackUpdate(DEPLOYMENT.kind, obj, next, { manager: CONTROLLER, apiVersion: 'apps/v1', subresource: 'status' });
    this.store.save(DEPLOYMENT, next);
    if (p.timedOut || (p.updated >= n && p.ready >= n)) {
      this.running.delete(this.key(obj));
      return;
    }
    this.later(stepMs, () => this.step(namespace, name, gen, k + 1, n, progress, wasAvailable, stepMs));
  }
}
