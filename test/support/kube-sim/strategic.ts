// Strategic merge patch as the API server applies it: merge keys, `$patch`, `$retainKeys`, `$setElementOrder`,
// `$deleteFromPrimitiveList`; lists without a merge strategy are replaced, like JSON merge patch.
import { childOf, type SchemaNode } from './schema.js';
import { badRequest } from './status.js';

type Json = unknown;
type Obj = Record<string, Json>;

const isObject = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: Json, b: Json): boolean => JSON.stringify(a) === JSON.stringify(b);

const ORDER = '$setElementOrder/';
const DELETE_FROM = '$deleteFromPrimitiveList/';

// A patch value with every directive removed, for places where it lands as-is (new list items, replaced lists).
function stripDirectives(v: Json): Json {
  if (Array.isArray(v)) return v.filter((x) => !(isObject(x) && x.$patch !== undefined && Object.keys(x).length === 1)).map(stripDirectives);
  if (!isObject(v)) return structuredClone(v);
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('$') && x !== null) out[k] = stripDirectives(x);
  return out;
}

function smpKeyOf(node: SchemaNode | undefined): string | undefined {
  const l = node?.list;
  return typeof l === 'object' ? l.smpKey : undefined;
}

function mergeKeyed(cur: Json[], patch: Json[], key: string, elem: SchemaNode | undefined): Json[] {
  if (patch.some((p) => isObject(p) && p.$patch === 'replace')) return stripDirectives(patch) as Json[];
  const out = cur.map((x) => structuredClone(x));
  for (const p of patch) {
    if (!isObject(p)) throw badRequest(`strategic merge patch: list item ${JSON.stringify(p)} has no merge key "${key}"`);
    if (!(key in p)) throw badRequest(`map: ${JSON.stringify(p)} does not contain declared merge key: ${key}`);
    const at = out.findIndex((x) => isObject(x) && same(x[key], p[key]));
    if (p.$patch === 'delete') {
      if (at >= 0) out.splice(at, 1);
    } else if (at >= 0) out[at] = strategicMerge(out[at], p, elem);
    else out.push(strategicMerge(undefined, p, elem));
  }
  return out;
}

function mergeList(cur: Json, patch: Json[], node: SchemaNode | undefined): Json[] {
  const key = smpKeyOf(node);
  const base = Array.isArray(cur) ? cur : [];
  if (key !== undefined) return mergeKeyed(base, patch, key, node?.elem);
  if (node?.list === 'set') {
    if (patch.some((p) => isObject(p) && p.$patch === 'replace')) return stripDirectives(patch) as Json[];
    return [...base, ...patch.filter((p) => !base.some((b) => same(b, p)))].map((x) => structuredClone(x));
  }
  return stripDirectives(patch) as Json[];
}

// `$setElementOrder/<list>`: listed items first, in that order; items the order does not name keep their relative order.
function reorder(list: Json[], order: Json[], key: string | undefined): Json[] {
  const idOf = (x: Json): string => JSON.stringify(key !== undefined && isObject(x) ? x[key] : x);
  const rank = new Map(order.map((o, i) => [idOf(o), i]));
  const named = list.filter((x) => rank.has(idOf(x))).sort((a, b) => (rank.get(idOf(a)) ?? 0) - (rank.get(idOf(b)) ?? 0));
  return [...named, ...list.filter((x) => !rank.has(idOf(x)))];
}

/** Applies a strategic merge patch to `target` under `node`; returns undefined when the patch deletes the map. */
export function strategicMerge(target: Json, patch: Json, node: SchemaNode | undefined): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const directive = patch.$patch;
  if (directive === 'delete') return undefined;
  if (directive === 'replace') return stripDirectives(patch);
  if (directive !== undefined && directive !== 'merge') throw badRequest(`strategic merge patch: unknown patch type: ${String(directive)}`);
  const out: Obj = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    const child = childOf(node, k);
    if (v === null) delete out[k];
    else if (Array.isArray(v)) out[k] = mergeList(out[k], v, child);
    else if (isObject(v)) {
      const merged = strategicMerge(out[k], v, child);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    } else out[k] = v;
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith(DELETE_FROM)) {
      const field = k.slice(DELETE_FROM.length);
      if (!Array.isArray(v)) throw badRequest(`strategic merge patch: ${k} must be a list`);
      if (Array.isArray(out[field])) out[field] = (out[field] as Json[]).filter((x) => !v.some((d) => same(d, x)));
    } else if (k.startsWith(ORDER)) {
      const field = k.slice(ORDER.length);
      if (!Array.isArray(v)) throw badRequest(`strategic merge patch: ${k} must be a list`);
      if (Array.isArray(out[field])) out[field] = reorder(out[field] as Json[], v, smpKeyOf(childOf(node, field)));
    }
  }
  const retain = patch.$retainKeys;
  if (retain !== undefined) {
    if (!Array.isArray(retain)) throw badRequest('strategic merge patch: $retainKeys must be a list of field names');
    for (const k of Object.keys(out)) if (!retain.includes(k)) delete out[k];
  }
  return out;
}
