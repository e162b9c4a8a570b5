// The KubeSim handle: starts the listener, seeds state, and offers scripting, faults and inspection to tests.
import type { Server } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import type { AccessRule } from './access.js';
import { simCert } from './cert.js';
import { Faults, type FaultHandle, type FaultMatch, type FaultSpec } from './faults.js';
import { loadFixture, parseFixture, type Behaviour, type KubeFixture } from './fixture.js';
import { makeKubeConfig, writeKubeconfig } from './kubeconfig.js';
import { resolveKind, type ResourceDef } from './resources.js';
import { listen, type RequestRecord } from './server.js';
import { linkEvent, recordEvent, type EventSpec } from './events.js';
import { RolloutController, type RolloutOptions } from './rollout.js';
import { crashLoopHook, deploymentHook, externalSecretHook, ingressHook, type After, type CrashLoopState, type ExternalSecretState } from './scripts.js';
import type { KubeObject } from './selectors.js';
import { logKey, newState, type HealthCheck, type SimState } from './state.js';
import type { ReadHook, StoreEvent } from './store.js';

/** Options for `startKubeSim`. */
export interface KubeSimOptions {
  /** Seed state: an object or a YAML/JSON file path. */
  fixture?: KubeFixture | string;
  /** Bearer token clients must send (default "kube-sim-token"). */
  token?: string;
  /** Port on 127.0.0.1 (default 0 = any free port). */
  port?: number;
  /** Called once per finished (or abandoned) request, e.g. to print a log line. */
  onRequest?: (r: RequestRecord) => void;
  /** How often idle watches with `allowWatchBookmarks=true` get a BOOKMARK (default 1000 ms; the real server: ~1 min). */
  bookmarkMs?: number;
}

function def(kind: string): ResourceDef {
  const d = resolveKind(kind);
  if (!d || d.virtual) throw new Error(`kube-sim: unknown kind ${kind}`);
  return d;
}

/** A running simulator. */
export class KubeSim {
  /** Every request in arrival order; statuses fill in as responses are sent. */
  readonly requests: RequestRecord[] = [];
  private readonly state: SimState = newState();
  private readonly faults = new Faults();
  private readonly rollouts = new RolloutController(this.state.store);
  private server: Server | undefined;
  private readonly sockets = new Set<import('node:net').Socket>();
  url = '';

  private constructor(readonly token: string, readonly caPem: string) {}

  /** Use `startKubeSim`; this does the actual start. */
  static async start(opts: KubeSimOptions = {}): Promise<KubeSim> {
    const cert = await simCert();
    const sim = new KubeSim(opts.token ?? 'kube-sim-token', cert.certPem);
    for (const ns of ['default', 'kube-system']) sim.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    const fx = typeof opts.fixture === 'string' ? await loadFixture(opts.fixture) : parseFixture(opts.fixture ?? {});
    for (const o of fx.objects) {
      if (o.metadata.namespace && !sim.get('Namespace', undefined, o.metadata.namespace)) {
        sim.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: o.metadata.namespace } });
      }
      sim.put(o as KubeObject);
    }
    // Fixture events may come before the object they describe; link them once everything is stored.
    for (const ev of sim.list('Event')) {
      const linked = linkEvent(sim.state.store, ev);
      if (linked !== ev) sim.put(linked);
    }
    for (const b of fx.behaviours) sim.behave(b);
    sim.setAccess(fx.access);
    const deps = {
      state: sim.state, faults: sim.faults, token: sim.token, requests: sim.requests,
      ...(opts.onRequest ? { onRequest: opts.onRequest } : {}), ...(opts.bookmarkMs !== undefined ? { bookmarkMs: opts.bookmarkMs } : {}),
    };
    const { server, port } = await listen(deps, { key: cert.keyPem, cert: cert.certPem }, opts.port ?? 0);
    sim.server = server;
    // Raw sockets, tracked from the TCP accept: closeAllConnections() misses a socket still in its TLS handshake, whose
    // request can then arrive after stop() and hang (a `hang` fault) with server.close() waiting on it forever.
    server.on('connection', (socket: import('node:net').Socket) => {
      sim.sockets.add(socket);
      socket.once('close', () => sim.sockets.delete(socket));
    });
    sim.url = `https://127.0.0.1:${port}`;
    return sim;
  }

  /** Writes a kubeconfig file (0600) whose current context is `context`. */
  writeKubeconfig(path: string, context?: string, namespace?: string): Promise<void> {
    return writeKubeconfig(this, path, context, namespace);
  }

  /** A client-node KubeConfig for this simulator. */
  kubeConfig(context?: string, namespace?: string): KubeConfig {
    return makeKubeConfig(this, context, namespace);
  }

  /** Forgets logged requests (e.g. after setup, before the flow under test). */
  clearRequests(): void {
    this.requests.length = 0;
  }

  /** Arms a fault for the next `spec.times` (default 1) matching requests. */
  fault(match: FaultMatch, spec: FaultSpec): FaultHandle {
    return this.faults.add(match, spec);
  }

  /** Disarms all faults. */
  clearFaults(): void {
    this.faults.clear();
  }

  /** Scripts any object: `hook` runs on every API read with the read count (also on writes, with the count so far). */
  script(kind: string, namespace: string | undefined, name: string, hook: ReadHook): void {
    this.state.store.script(def(kind), namespace, name, hook);
  }

  /** Deployment is in progress for `after` reads, then Available; "never" = Progressing=False/ProgressDeadlineExceeded. */
  deploymentAvailableAfter(namespace: string, name: string, after: After): void {
    this.script('Deployment', namespace, name, deploymentHook(after));
  }

  /** Ingress gets `status.loadBalancer.ingress[0].hostname` after `after` reads. */
  ingressHostnameAfter(namespace: string, name: string, hostname: string, after: After): void {
    this.script('Ingress', namespace, name, ingressHook(hostname, after));
  }

  /** ExternalSecret Ready condition (Ready=False defaults to reason SecretSyncedError). */
  externalSecretStatus(namespace: string, name: string, s: ExternalSecretState): void {
    this.script('ExternalSecret', namespace, name, externalSecretHook(s));
  }

  /** Pod in CrashLoopBackOff with current/previous logs; creates a minimal pod if none exists. */
  crashLoop(namespace: string, pod: string, s: CrashLoopState = {}): void {
    const container = s.container ?? this.firstContainer(namespace, pod) ?? 'app';
    if (!this.get('Pod', namespace, pod)) {
      this.put({ apiVersion: 'v1', kind: 'Pod', metadata: { name: pod, namespace }, spec: { containers: [{ name: container, image: 'example/app:latest' }] } });
    }
    this.script('Pod', namespace, pod, crashLoopHook({ ...s, container }));
    this.podLogs(namespace, pod, s.logs ?? '', { container, ...(s.previousLogs !== undefined ? { previous: s.previousLogs } : {}) });
  }

  /**
   * Plays Deployment rollouts out in time, as the deployment controller would: each new generation of `name` (or of every
   * Deployment in `namespace` when `name` is undefined) gains one ready replica per `stepMs`, then reports Available.
   * Watchers (`kubectl rollout status`, `kubectl wait`, `helm --wait`) see each step as a MODIFIED event.
   */
  rollout(namespace: string, name?: string, opts: RolloutOptions = {}): void {
    this.rollouts.add(namespace, name, opts);
  }

  /** Records a core/v1 Event about an object (linked by uid, so `kubectl describe` shows it); returns the Event. */
  recordEvent(kind: string, namespace: string | undefined, name: string, e: EventSpec): KubeObject {
    const d = def(kind);
    const obj = this.get(kind, namespace, name);
    if (!obj) throw new Error(`kube-sim: recordEvent: ${kind} ${namespace ?? ''}/${name} does not exist`);
    return recordEvent(this.state.store, d, obj, e);
  }

  /** Calls `fn` after every committed change (API writes, `put`, scripts); returns the unsubscribe function. */
  onChange(fn: (e: { type: StoreEvent['type']; kind: string; object: KubeObject }) => void): () => void {
    return this.state.store.subscribe((e) => fn({ type: e.type, kind: e.def.kind, object: structuredClone(e.obj) }));
  }

  /** Makes `/healthz`, `/readyz` or `/livez` fail (500) with `reason`, or pass again with `ok: true`. */
  setHealth(check: HealthCheck, ok: boolean, reason = 'etcd client connection failed'): void {
    if (ok) this.state.unhealthy.delete(check);
    else this.state.unhealthy.set(check, reason);
  }

  /** Sets what the pod log subresource returns (current, and previous for `previous=true`). */
  podLogs(namespace: string, pod: string, logs: string, opts: { container?: string; previous?: string } = {}): void {
    const container = opts.container ?? this.firstContainer(namespace, pod) ?? 'app';
    this.state.logs.set(logKey(namespace, pod, container), { current: logs, ...(opts.previous !== undefined ? { previous: opts.previous } : {}) });
  }

  /** Replaces the SelfSubjectAccessReview rules (first match wins; no match = allowed). */
  setAccess(rules: AccessRule[]): void {
    this.state.access = [...rules];
  }

  /** Stores an object directly (no request log entry, no managedFields), creating or replacing it; watchers see it. */
  put(obj: KubeObject): KubeObject {
    const o = obj.kind === 'Event' ? linkEvent(this.state.store, obj) : obj;
    return this.state.store.save(def(String(o.kind)), o);
  }

  /** Inspects one object without counting a read; kind may be Kind, plural or short name. */
  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.state.store.get(def(kind), namespace, name);
  }

  /** Inspects all objects of a kind, optionally in one namespace. */
  list(kind: string, namespace?: string): KubeObject[] {
    return this.state.store.list(def(kind), namespace);
  }

  /** The latest resourceVersion handed out; a write that really happened moves it, a dry run never does. */
  resourceVersion(): string {
    return this.state.store.currentRv();
  }

  /** Closes the listener and every open connection, including hung requests and open watches. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.rollouts.stop();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private firstContainer(namespace: string, pod: string): string | undefined {
    const spec = this.get('Pod', namespace, pod)?.spec as { containers?: Array<{ name?: string }> } | undefined;
    return spec?.containers?.[0]?.name;
  }

  private behave(b: Behaviour): void {
    if (b.type === 'rollout') {
      return this.rollout(b.namespace, b.name, { ...(b.stepMs !== undefined ? { stepMs: b.stepMs } : {}), ...(b.stuck !== undefined ? { stuck: b.stuck } : {}) });
    }
    const { namespace: ns, name } = b;
    if (b.type === 'deploymentAvailable') this.deploymentAvailableAfter(ns, name, b.after);
    else if (b.type === 'ingressHostname') this.ingressHostnameAfter(ns, name, b.hostname, b.after);
    else if (b.type === 'externalSecret') this.externalSecretStatus(ns, name, b);
    else if (b.type === 'crashLoop') this.crashLoop(ns, name, b);
    else this.podLogs(ns, name, b.logs, { ...(b.container ? { container: b.container } : {}), ...(b.previousLogs !== undefined ? { previous: b.previousLogs } : {}) });
  }
}

/** Starts a simulator on 127.0.0.1 with a self-signed certificate and bearer-token auth. */
export function startKubeSim(opts?: KubeSimOptions): Promise<KubeSim> {
  return KubeSim.start(opts);
}
