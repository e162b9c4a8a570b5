// Field sets as server-side apply tracks them: the leaf paths of an object, their FieldsV1 encoding, and path removal.
// A path is its FieldsV1 elements joined by "\n": `f:<field>`, `k:<json key of a list item>`, `v:<json set value>`.
import { KEY_DEFAULTS, itemKey, schemaFor, type SchemaNode } from './schema.js';

type Json = unknown;
type Obj = Record<string, Json>;

/** Member path → the JSON of its value ('' for list items, whose identity is their key), to detect changed values. */
export type Fields = Map<string, string>;

/** FieldsV1 on the wire: nested `{ "<element>": {...} }`, "." marks a node that is itself a member. */
export type FieldsV1 = { [element: string]: FieldsV1 };

const SEP = '\n';
const isObject = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

// Server-owned or identity fields are never owned by a manager.
const IGNORED_META = new Set(['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds']);

function walk(v: Json, node: SchemaNode | undefined, path: string, out: Fields): void {
  const at = (el: string): string => (path ? `${path}${SEP}${el}` : el);
  if (Array.isArray(v)) {
    const l = node?.list;
    if (v.length === 0 || l === undefined || l === 'atomic') out.set(path, JSON.stringify(v));
    else if (l === 'set') for (const x of v) out.set(at(`v:${JSON.stringify(x)}`), '');
    else {
      for (const x of v) {
        if (!isObject(x)) continue;
        const p = at(`k:${JSON.stringify(itemKey(l.keys, x))}`);
        out.set(p, '');
        walkMap(x, node?.elem, p, out);
      }
    }
  } else if (isObject(v) && !node?.atomicMap && Object.keys(v).length > 0) walkMap(v, node, path, out);
  else out.set(path, JSON.stringify(v));
}

function walkMap(v: Obj, node: SchemaNode | undefined, path: string, out: Fields): void {
  for (const [k, x] of Object.entries(v)) walk(x, node?.fields?.[k], path ? `${path}${SEP}f:${k}` : `f:${k}`, out);
}

/** The fields an object sets; `status` counts only for the status subresource, and then nothing else does. */
export function fieldsOf(kind: string, obj: Obj, subresource?: string): Fields {
  const schema = schemaFor(kind);
  const out: Fields = new Map();
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'apiVersion' || k === 'kind' || (k === 'status') !== (subresource === 'status')) continue;
    if (k === 'metadata' && isObject(v)) {
      const meta = Object.fromEntries(Object.entries(v).filter(([m]) => !IGNORED_META.has(m)));
      if (Object.keys(meta).length > 0) walkMap(meta, schema.fields?.metadata, 'f:metadata', out);
    } else walk(v, schema.fields?.[k], `f:${k}`, out);
  }
  return out;
}

/** Paths whose value `next` adds or changes relative to `prev`, and paths `prev` had that `next` lacks. */
export function diffFields(prev: Fields, next: Fields): { changed: Set<string>; removed: Set<string> } {
  const changed = new Set<string>();
  for (const [p, v] of next) if (prev.get(p) !== v) changed.add(p);
  const removed = new Set<string>();
  for (const p of prev.keys()) if (!next.has(p)) removed.add(p);
  return { changed, removed };
}

/** Encodes a set of member paths as FieldsV1. */
export function toFieldsV1(paths: Iterable<string>): FieldsV1 {
  const root: FieldsV1 = {};
  const members = new Set<FieldsV1>();
  for (const p of paths) {
    let n = root;
    for (const el of p.split(SEP)) n = n[el] ??= {};
    members.add(n);
  }
  // A member that also has owned children says so with ".".
  for (const n of members) if (Object.keys(n).length > 0) n['.'] = {};
  return root;
}

/** Decodes FieldsV1 into member paths; malformed input yields the paths that could be read. */
export function fromFieldsV1(f: unknown, prefix = ''): Set<string> {
  const out = new Set<string>();
  if (!isObject(f)) return out;
  for (const [el, child] of Object.entries(f)) {
    if (el === '.') continue;
    const p = prefix ? `${prefix}${SEP}${el}` : el;
    const kids = isObject(child) ? Object.keys(child) : [];
    if (kids.length === 0 || kids.includes('.')) out.add(p);
    for (const q of fromFieldsV1(child, p)) out.add(q);
  }
  return out;
}

/** "spec.template.spec.containers[name=\"api\"].image": how conflict messages name a path. */
export function describePath(p: string): string {
  return p.split(SEP).map((el) => {
    if (el.startsWith('f:')) return `.${el.slice(2)}`;
    if (el.startsWith('k:')) {
      const k = JSON.parse(el.slice(2)) as Obj;
      return `[${Object.entries(k).map(([a, b]) => `${a}=${JSON.stringify(b)}`).join(',')}]`;
    }
    return `[=${el.slice(2)}]`;
  }).join('');
}

function matches(item: Json, key: Obj): boolean {
  return isObject(item) && Object.entries(key).every(([k, v]) => JSON.stringify(item[k] ?? KEY_DEFAULTS[k]) === JSON.stringify(v));
}

/** Deletes the value at a path from `obj` in place (a `k:` or `v:` last element removes the list item). */
export function removePath(obj: Obj, p: string): void {
  const els = p.split(SEP);
  let cur: Json = obj;
  for (let i = 0; i < els.length; i++) {
    const el = els[i] ?? '';
    const last = i === els.length - 1;
    if (el.startsWith('f:') && isObject(cur)) {
      if (last) delete cur[el.slice(2)];
      else cur = cur[el.slice(2)];
    } else if ((el.startsWith('k:') || el.startsWith('v:')) && Array.isArray(cur)) {
      const want = JSON.parse(el.slice(2)) as Json;
      const at = cur.findIndex((x) => (el.startsWith('k:') ? matches(x, want as Obj) : JSON.stringify(x) === JSON.stringify(want)));
      if (at < 0) return;
      if (last) cur.splice(at, 1);
      else cur = cur[at];
    } else return;
  }
}
