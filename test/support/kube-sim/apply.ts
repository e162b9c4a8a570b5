// Server-side apply: merge the applied configuration into the live object, detect conflicts with other managers,
// remove what this manager applied before and no longer applies, and record ownership in managedFields.
import { describePath, fieldsOf, removePath, type Fields } from './fieldset.js';
import { decodeOwners, encodeOwners, nowTime, sameOwner, type Owner } from './managed-fields.js';
import { itemKey, schemaFor, type SchemaNode } from './schema.js';
import type { KubeObject } from './selectors.js';
import { KubeError } from './status.js';

type Json = unknown;
type Obj = Record<string, Json>;

const KUBECTL = 'kubectl';
const isObject = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: Json, b: Json): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Who applies, and how. */
export interface Applier {
  manager: string;
  apiVersion: string;
  force: boolean;
  subresource?: string;
}

function mergeList(live: Json, cfg: Json[], node: SchemaNode | undefined): Json[] {
  const l = node?.list;
  const base = Array.isArray(live) ? live.map((x) => structuredClone(x)) : [];
  if (l === 'set') return [...base, ...cfg.filter((c) => !base.some((b) => same(b, c))).map((c) => structuredClone(c))];
  if (l === undefined || l === 'atomic') return structuredClone(cfg);
  for (const c of cfg) {
    if (!isObject(c)) continue;
    const id = itemKey(l.keys, c);
    const at = base.findIndex((b) => isObject(b) && same(itemKey(l.keys, b), id));
    if (at >= 0) base[at] = merge(base[at], c, node?.elem);
    else base.push(merge(undefined, c, node?.elem));
  }
  return base;
}

/** Merges an applied value into a live value: maps by field, associative lists by key, sets by value, the rest replaced. */
export function merge(live: Json, cfg: Json, node: SchemaNode | undefined): Json {
  if (Array.isArray(cfg)) return mergeList(live, cfg, node);
  if (!isObject(cfg) || node?.atomicMap) return structuredClone(cfg);
  const out: Obj = isObject(live) ? { ...live } : {};
  for (const [k, v] of Object.entries(cfg)) {
    if (v === null) delete out[k];
    else out[k] = merge(out[k], v, node?.fields?.[k]);
  }
  return out;
}

function conflictError(d: { kind: string; group: string }, name: string, found: Array<[string, Owner]>): KubeError {
  const causes = found.map(([p, o]) => ({ reason: 'FieldManagerConflict', message: `conflict with "${o.manager}"${o.operation === 'Update' ? ` using ${o.apiVersion}` : ''}`, field: describePath(p) }));
  const lines = causes.map((c) => `- ${c.message}: ${c.field}`).join('\n');
  const n = causes.length;
  return new KubeError(409, 'Conflict', `Apply failed with ${n} conflict${n === 1 ? '' : 's'}: ${n === 1 ? `${causes[0]?.message}: ${causes[0]?.field}` : `\n${lines}`}`, {
    name, ...(d.group ? { group: d.group } : {}), kind: d.kind, causes,
  });
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

// kubectl's own manager may take over fields that client-side apply set and nobody changed since (the API server's
// lastAppliedManager), so `kubectl apply --server-side` after `kubectl apply` does not conflict with itself.
function allowedByLastApplied(kind: string, live: KubeObject, liveFields: Fields): Set<string> {
  const text = ((live.metadata.annotations ?? {}) as Record<string, string>)[LAST_APPLIED];
  let last: unknown;
  try {
    last = text === undefined ? undefined : JSON.parse(text);
  } catch {
    return new Set();
  }
  if (!isObject(last)) return new Set();
  return new Set([...fieldsOf(kind, last as KubeObject)].filter(([p, v]) => liveFields.get(p) === v).map(([p]) => p));
}

// …and keeps an existing last-applied annotation in step with what it applies (lastAppliedUpdater); ownership is untouched.
function syncLastApplied(live: KubeObject | undefined, cfg: KubeObject, merged: KubeObject): void {
  if (!live || !(LAST_APPLIED in ((live.metadata.annotations ?? {}) as Record<string, string>))) return;
  const { [LAST_APPLIED]: _old, ...rest } = (cfg.metadata.annotations ?? {}) as Record<string, string>;
  const text = JSON.stringify({ ...cfg, metadata: { ...cfg.metadata, ...(Object.keys(rest).length ? { annotations: rest } : {}) } });
  merged.metadata.annotations = { ...((merged.metadata.annotations ?? {}) as Record<string, string>), [LAST_APPLIED]: `${text}\n` };
}

function ownedByOthers(owners: Owner[], me: Owner, p: string): boolean {
  return owners.some((o) => o !== me && [...o.paths].some((q) => q === p || q.startsWith(`${p}\n`)));
}

/** Applies `config` over `live` (undefined = create); returns the object to commit, managedFields included. */
export function applyConfig(d: { kind: string; group: string }, live: KubeObject | undefined, config: KubeObject, who: Applier): KubeObject {
  const sub = who.subresource;
  const { managedFields: _mf, resourceVersion: _rv, ...cfgMeta } = config.metadata;
  const cfg: KubeObject = { ...config, metadata: cfgMeta as KubeObject['metadata'] };
  if (sub !== 'status') delete cfg.status;
  const liveFields: Fields = live ? fieldsOf(d.kind, live, sub) : new Map();
  let owners = decodeOwners(live?.metadata.managedFields);
  // Objects written before any field tracking are owned by "before-first-apply", so a first apply still sees conflicts.
  if (live && owners.length === 0 && liveFields.size > 0) {
    owners = [{ manager: 'before-first-apply', operation: 'Update', apiVersion: who.apiVersion, time: nowTime(), paths: new Set(liveFields.keys()) }];
  }
  const key = { manager: who.manager, operation: 'Apply' as const, ...(sub ? { subresource: sub } : {}) };
  let me = owners.find((o) => sameOwner(o, key));
  if (!me) owners.push((me = { ...key, apiVersion: who.apiVersion, time: nowTime(), paths: new Set() }));
  const cfgFields = fieldsOf(d.kind, cfg, sub);

  const conflicts: Array<[string, Owner]> = [];
  for (const [p, v] of cfgFields) {
    if (liveFields.get(p) === v) continue;
    for (const o of owners) if (o !== me && o.paths.has(p)) conflicts.push([p, o]);
  }
  const allowed = conflicts.length > 0 && live && who.manager === KUBECTL ? allowedByLastApplied(d.kind, live, liveFields) : new Set<string>();
  const blocking = conflicts.filter(([p]) => !allowed.has(p));
  if (blocking.length > 0 && !who.force) throw conflictError(d, config.metadata.name, blocking);
  for (const [p, o] of conflicts) o.paths.delete(p);

  const merged = (sub === 'status' ? { ...(live ?? cfg), status: merge(live?.status, cfg.status, schemaFor(d.kind).fields?.status) } : merge(live ?? {}, cfg, schemaFor(d.kind))) as KubeObject;
  const dropped = [...me.paths].filter((p) => !cfgFields.has(p) && !ownedByOthers(owners, me, p));
  for (const p of dropped.sort((a, b) => a.length - b.length)) removePath(merged, p); // items before their fields

  if (who.manager === KUBECTL && sub === undefined) syncLastApplied(live, cfg, merged);
  me.paths = new Set(cfgFields.keys());
  me.time = nowTime();
  me.apiVersion = who.apiVersion;
  merged.metadata.managedFields = encodeOwners(owners);
  return merged;
}
