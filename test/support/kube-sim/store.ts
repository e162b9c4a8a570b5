// In-memory object store: one map per resource type, a global resourceVersion counter, read-time scripts.
import { randomUUID } from 'node:crypto';
import { apiVersionOf, type ResourceDef } from './resources.js';
import type { KubeObject } from './selectors.js';

/** Mutates a stored object's copy when it is served; `reads` counts API reads of that object so far. */
export type ReadHook = (obj: KubeObject, reads: number) => void;

/** Objects plus the hooks that script their status. */
export class Store {
  private readonly maps = new Map<ResourceDef, Map<string, KubeObject>>();
  private readonly hooks = new Map<string, { hook: ReadHook; reads: number }>();
  private rv = 100;

  /** The latest resourceVersion handed out (lists report it). */
  currentRv(): string {
    return String(this.rv);
  }

  private map(d: ResourceDef): Map<string, KubeObject> {
    let m = this.maps.get(d);
    if (!m) this.maps.set(d, (m = new Map()));
    return m;
  }

  private static key(d: ResourceDef, ns: string | undefined, name: string): string {
    return d.namespaced ? `${ns ?? ''}/${name}` : name;
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
    meta.generation ??= 1;
    meta.resourceVersion = String(++this.rv);
    this.hooks.get(this.hookKey(d, meta.namespace, meta.name))?.hook(o, this.readsOf(d, meta.namespace, meta.name));
    this.map(d).set(Store.key(d, meta.namespace, meta.name), o);
    return structuredClone(o);
  }

  /** Removes an object; returns what was stored. */
  delete(d: ResourceDef, ns: string | undefined, name: string): KubeObject | undefined {
    const key = Store.key(d, ns, name);
    const o = this.map(d).get(key);
    this.map(d).delete(key);
    return o;
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
