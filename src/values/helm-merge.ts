// Helm's two value-combining steps, on plain data.
// 1. `mergeMaps` (pkg/cli/values/options.go): user files left→right; map+map recurse, anything else
//    (list, scalar, null, map over scalar) replaces wholesale.
// 2. `coalesce` (pkg/chartutil/coalesce.go coalesceValues/coalesceTablesFullKey, merge=false): user
//    values over chart defaults; a user null deletes the key; map+map recurse; otherwise user wins.
import { isPlainMap } from './values-doc.js';
import type { PathSegment } from './values-doc.js';

/** A type clash Helm prints as a warning while coalescing (user value kept). */
export interface CoalesceWarning {
  path: PathSegment[];
  message: string;
}

/** Deep-copy plain JSON-like data so merged results never alias a layer's values. */
export function cloneValue<T>(v: T): T {
  return structuredClone(v);
}

/** Helm `mergeMaps(a, b)`: b wins; returns a new map. */
export function mergeMaps(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = isPlainMap(v) && isPlainMap(prev) ? mergeMaps(prev, v) : cloneValue(v);
  }
  return out;
}

/** Helm `coalesce` of merged user values over chart defaults: a user null deletes a key that has a chart default;
 * a null with no default stays null (helm 4.2 verified: `helm template` then validates it, e.g. against the schema). */
export function coalesceWithDefaults(
  user: Record<string, unknown>,
  defaults: Record<string, unknown>,
  warnings: CoalesceWarning[] = [],
): Record<string, unknown> {
  return coalesceTables(cloneValue(user), defaults, [], warnings);
}

function coalesceTables(
  dst: Record<string, unknown>,
  src: Record<string, unknown>,
  path: PathSegment[],
  warnings: CoalesceWarning[],
): Record<string, unknown> {
  const deleted = dropDefaultedNulls(dst, src);
  for (const [key, val] of Object.entries(src)) {
    if (deleted.has(key)) continue; // a user null deletes the defaulted key
    if (!Object.hasOwn(dst, key)) {
      dst[key] = cloneValue(val); // chart defaults keep their own nulls, as Helm does
      continue;
    }
    const dv = dst[key];
    if (isPlainMap(val) && isPlainMap(dv)) {
      coalesceTables(dv, val, [...path, key], warnings);
    } else if (isPlainMap(val)) {
      warnings.push({ path: [...path, key], message: `cannot overwrite table with non table: the default is a map, the user value (${describe(dv)}) is kept` });
    } else if (isPlainMap(dv) && val !== null) {
      warnings.push({ path: [...path, key], message: `destination is a table: the non-table default (${describe(val)}) is ignored` });
    }
  }
  return dst;
}

// pkg/chartutil/coalesce.go: for each key of the chart defaults, a user null deletes it. Keys the chart does
// not define keep their null (checked against helm 4.2.3: `b: null` and `m.y: null` survive `helm template`).
function dropDefaultedNulls(dst: Record<string, unknown>, src: Record<string, unknown>): Set<string> {
  const deleted = new Set<string>();
  for (const [key, v] of Object.entries(dst)) {
    if (v === null && Object.hasOwn(src, key)) {
      delete dst[key];
      deleted.add(key);
    }
  }
  return deleted;
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  return `a ${typeof v}`;
}
