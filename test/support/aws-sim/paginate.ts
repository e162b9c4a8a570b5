// Opaque page tokens over ordered lists; the token remembers the next item's key so deletions between pages do not skip items.
import { ParamError } from './errors.js';

/** One page of items and the token for the next page (undefined on the last page). */
export interface Page<T> {
  items: T[];
  next: string | undefined;
}

/** Slice `items` from `token` (from a previous page) for at most `size` items. */
export function paginate<T>(items: readonly T[], keyOf: (t: T) => string, token: string | undefined, size: number): Page<T> {
  let start = 0;
  if (token !== undefined) {
    const decoded = decodeToken(token);
    // Fast path: the item at the remembered index is still the remembered one.
    if (items[decoded.i] !== undefined && keyOf(items[decoded.i] as T) === decoded.k) start = decoded.i;
    else {
      const found = items.findIndex((t) => keyOf(t) === decoded.k);
      start = found >= 0 ? found : Math.min(decoded.i, items.length);
    }
  }
  const end = Math.min(start + size, items.length);
  const nextItem = items[end];
  const next = nextItem === undefined ? undefined : encodeToken(end, keyOf(nextItem));
  return { items: items.slice(start, end), next };
}

function encodeToken(i: number, k: string): string {
  return Buffer.from(JSON.stringify({ i, k })).toString('base64url');
}

function decodeToken(token: string): { i: number; k: string } {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { i?: unknown; k?: unknown };
    if (typeof v.i === 'number' && typeof v.k === 'string') return { i: v.i, k: v.k };
  } catch {
    // fall through: a token we did not issue
  }
  throw new ParamError(`Invalid pagination token: ${token}`);
}
