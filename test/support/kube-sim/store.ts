// In-memory object store: one map per resource type, a global resourceVersion counter, a change feed, read-time scripts.
import { randomUUID } from 'node:crypto';
import { apiVersionOf, type ResourceDef } from './resources.js';
import type { KubeObject } from './selectors.js';

/** Mutates a stored object's copy when it is served; `reads` counts API reads of that object so far. */
export type ReadHook = (obj: KubeObject, reads: number) => void;

/** One committed change, as a watch reports it; `prev` is the version it replaced. */
export interface StoreEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  def: ResourceDef;
  rv: number;
  obj: KubeObject;
  prev?: KubeObject;
}

/** Called synchronously after every committed change (never in dry-run). */
export type StoreListener = (e: StoreEvent) => void;

// Enough history for any test's watch-from-resourceVersion; older starts get 410 Gone like a compacted etcd.
const HISTORY = 10_000;

/** Objects plus the hooks that script their status. */
export class Store {
  private readonly maps = new Map<ResourceDef, Map<string, KubeObject>>();
  private readonly hooks = new Map<string, { hook: ReadHook; reads: number }>();
  private readonly listeners = new Set<StoreListener>();
  private history: StoreEvent[] = [];
  private rv = 100;
  private dry = false;

  /** The latest resourceVersion handed out (lists report it). */
  currentRv(): string {
    return String(this.rv);
  }

  /** The oldest resourceVersion a watch can still start from. */
  oldestRv(): number {
    return (this.history[0]?.rv ?? this.rv + 1) - 1;
  }

  /** Runs `fn` with writes computed but not committed: no map change, no resourceVersion, no event. */
  dryRun<T>(fn: () => T): T {
    const was = this.dry;
    this.dry = true;
    try {
      return fn();
    } finally {
      this.dry = was;
    }
  }

  /** Subscribes to committed changes; returns the unsubscribe function. */
  subscribe(l: StoreListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** Committed changes after `rv` (exclusive), oldest first. */
  eventsSince(rv: number): StoreEvent[] {
    const i = this.history.findIndex((e) => e.rv > rv);
    return i < 0 ? [] : this.history.slice(i);
  }

  private map(d: ResourceDef): Map<string, KubeObject> {
    let m = this.maps.get(d);
    if (!m) this.maps.set(d, (m = new Map()));
    return m;
  }

  private static key(d: ResourceDef, ns: string | undefined, name: string): string {
    return d.namespaced ? `${ns ?? ''}/${name}` : name;
  }

  private emit(e: StoreEvent): void {
    this.history.push(e);
    if (this.history.length > HISTORY) this.history = this.history.slice(-HISTORY / 2);
    for (const l of [...this.listeners]) l(e);
  }

  /** A copy of one object, or undefined. */
  get(d: ResourceDef, ns: string | undefined, name: string): KubeObject | undefined {
    const o = this.map(d).get(Store.key(d, ns, name));
    return o ? structuredClone(o) : undefined;
  }

  /** Copies of all objects of a type (optionally one namespace), in etcd key order. */
  list(d: ResourceDef, ns?: string): KubeObject[] {
    return [...this.map(d).entries()]
      .filter(([, o]) => ns === undefined || o.metadata.namespace === ns)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, o]) => structuredClone(o));
  }

  /** Stores an object under a fresh resourceVersion, stamping uid/creationTimestamp/generation when new. */
  save(d: ResourceDef, obj: KubeObject): KubeObject {
    const o = structuredClone(obj);
    o.apiVersion = apiVersionOf(d);
    o.kind = d.kind;
    const meta = o.metadata;
    if (!d.namespaced) delete meta.namespace;
    meta.uid ??= randomUUID();
    meta.creationTimestamp ??= new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    if (d.generation) meta.generation ??= 1;
    const key = Store.key(d, meta.namespace, meta.name);
    const prev = this.map(d).get(key);
    // A dry run answers with the version it would replace (none for a create), as the API server does.
    if (this.dry) {
      if (prev?.metadata.resourceVersion !== undefined) meta.resourceVersion = prev.metadata.resourceVersion;
      else delete meta.resourceVersion;
    } else meta.resourceVersion = String(++this.rv);
    this.hooks.get(this.hookKey(d, meta.namespace, meta.name))?.hook(o, this.readsOf(d, meta.namespace, meta.name));
    if (this.dry) return o;
    this.map(d).set(key, o);
    this.emit({ type: prev ? 'MODIFIED' : 'ADDED', def: d, rv: this.rv, obj: o, ...(prev ? { prev } : {}) });
    return structuredClone(o);
  }

  /** Removes an object (a new resourceVersion marks the deletion); returns what was stored. */
  delete(d: ResourceDef, ns: string | undefined, name: string): KubeObject | undefined {
    const key = Store.key(d, ns, name);
    const o = this.map(d).get(key);
    if (!o || this.dry) return o ? structuredClone(o) : undefined;
    this.map(d).delete(key);
    const gone = { ...o, metadata: { ...o.metadata, resourceVersion: String(++this.rv) } };
    this.emit({ type: 'DELETED', def: d, rv: this.rv, obj: gone, prev: o });
    return structuredClone(o);
  }

  private hookKey(d: ResourceDef, ns: string | undefined, name: string): string {
    return `${d.plural}.${d.group}/${Store.key(d, ns, name)}`;
  }

  private readsOf(d: ResourceDef, ns: string | undefined, name: string): number {
    return this.hooks.get(this.hookKey(d, ns, name))?.reads ?? 0;
  }

  /** Scripts an object (existing or future); applies at once so inspectors see the scripted state. */
  script(d: ResourceDef, ns: string | undefined, name: string, hook: ReadHook): void {
    this.hooks.set(this.hookKey(d, ns, name), { hook, reads: 0 });
    const cur = this.get(d, ns, name);
    if (cur) this.save(d, cur);
  }

  /** Counts an API read and re-runs the hook; bumps resourceVersion only if the hook changed something. */
  observe(d: ResourceDef, obj: KubeObject): KubeObject {
    const entry = this.hooks.get(this.hookKey(d, obj.metadata.namespace, obj.metadata.name));
    if (!entry) return obj;
    entry.reads++;
    const next = structuredClone(obj);
    entry.hook(next, entry.reads);
    return JSON.stringify(next) === JSON.stringify(obj) ? obj : this.save(d, next);
  }
}
