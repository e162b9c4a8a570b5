// Test-side implementation of Helm's Chart.lock digest (resolver.HashReq), used to check the committed lock.
import { createHash } from 'node:crypto';

// A dependency as written in Chart.yaml or Chart.lock (only the fields Helm hashes).
export interface ChartDependency {
  name: string;
  version?: string;
  repository?: string;
  condition?: string;
  tags?: string[];
  enabled?: boolean;
  'import-values'?: unknown[];
  alias?: string;
}

// sha256 over Go's json.Marshal([req, lock]) with chart.Dependency field order and omitempty rules.
export function helmLockDigest(req: ChartDependency[], lock: ChartDependency[]): string {
  const json = JSON.stringify([req.map(goDependency), lock.map(goDependency)]);
  return `sha256:${createHash('sha256').update(goHtmlEscape(json), 'utf8').digest('hex')}`;
}

// Rebuilds the object in Go struct order: name, version?, repository, condition?, tags?, enabled?, import-values?, alias?.
function goDependency(dep: ChartDependency): Record<string, unknown> {
  const out: Record<string, unknown> = { name: dep.name };
  if (dep.version) out.version = dep.version;
  out.repository = dep.repository ?? '';
  if (dep.condition) out.condition = dep.condition;
  if (dep.tags && dep.tags.length > 0) out.tags = dep.tags;
  if (dep.enabled === true) out.enabled = true;
  if (dep['import-values'] && dep['import-values'].length > 0) out['import-values'] = dep['import-values'].map(sortKeys);
  if (dep.alias) out.alias = dep.alias;
  return out;
}

// Go marshals maps with sorted keys.
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

// encoding/json escapes <, >, & and U+2028/2029 by default (HTML-safe output).
function goHtmlEscape(json: string): string {
  return json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
