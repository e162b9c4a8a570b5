// The parsed form of one values file: plain JS values plus where each path was written.
// Paths are arrays of map keys and list indices; they are keyed by `pathKey` so a map key "0"
// and list index 0 share a key (both can never exist at the same level of one value).

/** One path segment: a map key or a list index. */
export type PathSegment = string | number;

/** A 1-based source location; `plain` is the raw text of an unquoted, untagged scalar value. */
export interface SourcePos {
  line: number;
  col: number;
  plain?: string;
}

/** pathKey(path) → location of the map KEY (map entries) or of the item (list entries). */
export type PositionIndex = ReadonlyMap<string, SourcePos>;

/** A strictly parsed values file. */
export interface ValuesDoc {
  /** Repo-relative path, as shown in findings. */
  file: string;
  values: Record<string, unknown>;
  positions: PositionIndex;
}

/** Stable string key for a path; segments are stringified so pointer segments match indices. */
export function pathKey(path: readonly PathSegment[]): string {
  return JSON.stringify(path.map(String));
}

/** `a.b[0]."x.y"` style rendering of a path for messages. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `${out === '' ? '' : '.'}${JSON.stringify(seg)}`;
  }
  return out === '' ? '(root)' : out;
}

/** True for a plain object (the only kind of value Helm merges recursively). */
export function isPlainMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
