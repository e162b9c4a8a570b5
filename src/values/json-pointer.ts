// Map Ajv's `instancePath` (a JSON Pointer, RFC 6901) back to a values path for provenance lookup.
import type { PathSegment } from './values-doc.js';

/**
 * `/ingress/hosts/a.b` → ['ingress', 'hosts', 'a.b'] (unescaping ~1 → / then ~0 → ~, per RFC 6901 §4).
 * With `values`, segments that index a list become numbers; without, every segment stays a string
 * (provenance lookups accept both).
 */
export function instancePathToPath(pointer: string, values?: unknown): PathSegment[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new TypeError(`not a JSON pointer: ${JSON.stringify(pointer)}`);
  const out: PathSegment[] = [];
  let cur: unknown = values;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur) && /^(0|[1-9][0-9]*)$/.test(seg)) {
      out.push(Number(seg));
      cur = cur[Number(seg)];
    } else {
      out.push(seg);
      cur = typeof cur === 'object' && cur !== null ? (cur as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}
