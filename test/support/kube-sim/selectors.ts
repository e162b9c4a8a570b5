// Label and field selectors with the API server's syntax; unparseable input is a 400, not "match all".
import { badRequest } from './status.js';

/** A compiled selector: true when the object matches. */
export type Matcher = (obj: KubeObject) => boolean;

/** The loose object shape the store holds. */
export type KubeObject = Record<string, unknown> & { metadata: Record<string, unknown> & { name: string; namespace?: string } };

// Split on commas outside parentheses so `env in (a,b),tier` stays two requirements.
function splitTerms(sel: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of sel) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out.filter((t) => t !== '');
}

const KEY = /^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?$/;

function labelTerm(term: string): (labels: Record<string, string>) => boolean {
  const set = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
  if (set) {
    const [, key = '', op, raw = ''] = set;
    const values = raw.split(',').map((v) => v.trim());
    return op === 'in' ? (l) => key in l && values.includes(l[key] ?? '') : (l) => !(key in l) || !values.includes(l[key] ?? '');
  }
  const eq = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
  if (eq) {
    const [, key = '', op, value = ''] = eq;
    return op === '!=' ? (l) => l[key] !== value : (l) => l[key] === value;
  }
  if (term.startsWith('!') && KEY.test(term.slice(1))) return (l) => !(term.slice(1) in l);
  if (KEY.test(term)) return (l) => term in l;
  throw badRequest(`unable to parse requirement: found '${term}', expected a label selector requirement`);
}

/** Compiles a `labelSelector` query value. */
export function labelMatcher(selector: string | null): Matcher {
  if (!selector) return () => true;
  const terms = splitTerms(selector).map(labelTerm);
  return (obj) => {
    const labels = (obj.metadata.labels ?? {}) as Record<string, string>;
    return terms.every((t) => t(labels));
  };
}

const COMMON_FIELDS = ['metadata.name', 'metadata.namespace'];
const EXTRA_FIELDS: Record<string, string[]> = {
  pods: ['status.phase', 'spec.nodeName', 'spec.serviceAccountName'],
  events: ['involvedObject.name', 'involvedObject.kind', 'involvedObject.namespace', 'involvedObject.uid', 'involvedObject.apiVersion', 'reason', 'type'],
  secrets: ['type'],
};

function pathValue(obj: unknown, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[part] : undefined;
  return cur === undefined || cur === null ? '' : String(cur);
}

/** Compiles a `fieldSelector`; only the fields Kubernetes supports for the resource are accepted. */
export function fieldMatcher(selector: string | null, plural: string): Matcher {
  if (!selector) return () => true;
  const allowed = [...COMMON_FIELDS, ...(EXTRA_FIELDS[plural] ?? [])];
  const terms = splitTerms(selector).map((term) => {
    const m = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
    if (!m) throw badRequest(`invalid field selector: '${term}'`);
    const [, field = '', op, value = ''] = m;
    if (!allowed.includes(field)) throw badRequest(`field label not supported: ${field}`);
    return (obj: KubeObject) => (pathValue(obj, field) === value) === (op !== '!=');
  });
  return (obj) => terms.every((t) => t(obj));
}
