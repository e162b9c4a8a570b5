// `jetscale values`: each leaf of an environment's merged values with the file:line of the layer that set it and
// the earlier layers it overrode (Helm cannot say which file a value came from). Pure.
import { isPlainMap, pathKey, type PathSegment, type ValuesDoc } from './values-doc.js';
import type { Provenance } from './provenance.js';
import { valueAt } from './provenance.js';

export interface SetAt {
  file: string;
  line?: number;
  col?: number;
}

export interface ExplainedValue {
  path: PathSegment[];
  /** A scalar, a list (lists replace wholesale in Helm, so a list is one value) or an empty map. */
  value: unknown;
  setAt: SetAt;
  /** Earlier layers that also set this exact path, oldest first: the values this one replaced. */
  overrides: SetAt[];
}

/** The leaves under `under` (default: the whole tree) in key order; undefined when `under` does not exist. */
export function explainValues(values: Record<string, unknown>, provenance: Provenance, layers: readonly ValuesDoc[], under: readonly PathSegment[] = []): ExplainedValue[] | undefined {
  const root = under.length === 0 ? values : valueAt(values, under);
  if (root === undefined) return undefined;
  const out: ExplainedValue[] = [];
  const visit = (value: unknown, path: PathSegment[]) => {
    if (isPlainMap(value) && Object.keys(value).length > 0) {
      for (const key of Object.keys(value).sort()) visit(value[key], [...path, key]);
      return;
    }
    const at = provenance.lookup(path);
    const owner = at?.layer ?? layers.length - 1;
    const overrides = layers.slice(0, owner).flatMap((l) => {
      const pos = l.positions.get(pathKey(path));
      return pos ? [{ file: l.file, line: pos.line, col: pos.col }] : [];
    });
    out.push({ path, value, setAt: at ? { file: at.file, ...(at.line !== undefined ? { line: at.line, col: at.col } : {}) } : { file: '(unknown)' }, overrides });
  };
  visit(root, [...under]);
  return out;
}

/** Parses `a.b[0].c`, `x["a.b"]` and the printed form `x."a.b"`; undefined when malformed. */
export function parseValuesPath(text: string): PathSegment[] | undefined {
  const path: PathSegment[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '[') {
      const m = /^\[(\d+)\]|^\["((?:[^"\\]|\\.)*)"\]/.exec(text.slice(i));
      if (!m) return undefined;
      path.push(m[1] !== undefined ? Number(m[1]) : (JSON.parse(`"${m[2]}"`) as string));
      i += m[0].length;
    } else {
      if (text[i] === '.' && path.length > 0) i += 1;
      // `."a.b"` is how paths are printed, so it is accepted back.
      const quoted = /^"((?:[^"\\]|\\.)*)"/.exec(text.slice(i));
      if (quoted) {
        path.push(JSON.parse(quoted[0]) as string);
        i += quoted[0].length;
        continue;
      }
      const m = /^[^.[\]"]+/.exec(text.slice(i));
      if (!m) return undefined;
      path.push(m[0]);
      i += m[0].length;
    }
  }
  return path;
}
