// Which file and line set each path of the merged values.
// Rule for a path present in the merged result: user files merge left→right first, so the owner is
// the last user layer defining the path that no later user layer overrode by setting an ancestor to
// a non-map (list, scalar, null replace wholesale); failing that, the chart's values.yaml (layer 0),
// whose defaults are coalesced in afterwards (pkg/chartutil/coalesce.go). Deleted paths are absent.
import { isPlainMap, pathKey } from './values-doc.js';
import type { PathSegment, ValuesDoc } from './values-doc.js';

/** Where one path's value came from. */
export interface SetLocation {
  /** The path actually located: the requested one or its nearest existing ancestor. */
  path: PathSegment[];
  file: string;
  /** Index into `Provenance.layers` (0 = chart values.yaml). */
  layer: number;
  line?: number;
  col?: number;
}

/** Provenance of a merged value tree. */
export interface Provenance {
  /** Layer files in merge order (0 = chart values.yaml). */
  layers: readonly string[];
  /** Location that set `path`, or its closest existing ancestor; undefined only for an empty layer list. */
  lookup(path: readonly PathSegment[]): SetLocation | undefined;
}

/** Build provenance for `merged` from the layer docs it was merged from. */
export function makeProvenance(layers: readonly ValuesDoc[], merged: Record<string, unknown>): Provenance {
  const files = layers.map((l) => l.file);
  const locate = (path: PathSegment[]): SetLocation | undefined => {
    const key = pathKey(path);
    for (let i = layers.length - 1; i >= 0; i--) {
      const pos = layers[i]?.positions.get(key);
      if (pos && (i === 0 || !replacedLater(layers, i, path))) {
        return { path, file: files[i] ?? '', layer: i, line: pos.line, col: pos.col };
      }
    }
    // Defined by no layer (the root of an empty file): attribute to the last layer without a line.
    return layers.length === 0 ? undefined : { path, file: files[files.length - 1] ?? '', layer: layers.length - 1 };
  };
  return {
    layers: files,
    lookup(path) {
      return locate(existingPrefix(merged, path));
    },
  };
}

// True when a user layer after `from` set a strict ancestor of `path` to a non-map value.
function replacedLater(layers: readonly ValuesDoc[], from: number, path: PathSegment[]): boolean {
  for (let m = from + 1; m < layers.length; m++) {
    const layer = layers[m];
    if (!layer) continue;
    for (let len = 1; len < path.length; len++) {
      const q = path.slice(0, len);
      if (layer.positions.has(pathKey(q)) && !isPlainMap(valueAt(layer.values, q))) return true;
    }
  }
  return false;
}

/** The value at `path` in `root`, or undefined when absent. */
export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isPlainMap(cur) && Object.hasOwn(cur, String(seg))) cur = cur[String(seg)];
    else return undefined;
  }
  return cur;
}

/** Longest prefix of `path` that exists in `root` (map keys and list indices, numeric strings allowed). */
export function existingPrefix(root: unknown, path: readonly PathSegment[]): PathSegment[] {
  const out: PathSegment[] = [];
  let cur: unknown = root;
  for (const seg of path) {
    if (Array.isArray(cur)) {
      const i = typeof seg === 'number' ? seg : /^(0|[1-9][0-9]*)$/.test(seg) ? Number(seg) : -1;
      if (i < 0 || i >= cur.length) break;
      out.push(i);
      cur = cur[i];
    } else if (isPlainMap(cur) && Object.hasOwn(cur, String(seg))) {
      out.push(String(seg));
      cur = cur[String(seg)];
    } else break;
  }
  return out;
}
