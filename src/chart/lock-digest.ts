// Recompute Chart.lock's `digest` without helm: Helm's internal/resolver/resolver.go `HashReq` is
// "sha256:" + hex(sha256(json.Marshal([2][]*chart.Dependency{req, lock}))), see stack-chart-envs.md §2.1.
import { createHash } from 'node:crypto';
import type { ChartDependency, LockDependency } from './chart-model.js';

/** The digest Helm would write into Chart.lock for these Chart.yaml dependencies and lock entries. */
export function computeLockDigest(deps: readonly ChartDependency[], lock: readonly LockDependency[]): string {
  return `sha256:${createHash('sha256').update(lockDigestInput(deps, lock), 'utf8').digest('hex')}`;
}

/** The exact bytes (as a string) Go's encoding/json produces for `[req, lock]`. */
export function lockDigestInput(deps: readonly ChartDependency[], lock: readonly LockDependency[]): string {
  const side = (list: readonly ChartDependency[]): string => `[${list.map(marshalDependency).join(',')}]`;
  return `[${side(deps)},${side(lock)}]`;
}

// chart.Dependency JSON tags in struct order: name; version,omitempty; repository (always);
// condition,omitempty; tags,omitempty; enabled,omitempty; import-values,omitempty; alias,omitempty.
function marshalDependency(d: ChartDependency): string {
  const parts: string[] = [`"name":${goString(d.name)}`];
  if (d.version) parts.push(`"version":${goString(d.version)}`);
  parts.push(`"repository":${goString(d.repository ?? '')}`);
  if (d.condition) parts.push(`"condition":${goString(d.condition)}`);
  if (d.tags && d.tags.length > 0) parts.push(`"tags":[${d.tags.map(goString).join(',')}]`);
  if (d.enabled === true) parts.push('"enabled":true');
  const iv = d['import-values'];
  if (iv && iv.length > 0) parts.push(`"import-values":${goJson(iv)}`);
  if (d.alias) parts.push(`"alias":${goString(d.alias)}`);
  return `{${parts.join(',')}}`;
}

/** Go `json.Marshal` of a JSON-like value: map keys sorted (Go maps), HTML-safe string escaping. */
export function goJson(v: unknown): string {
  if (typeof v === 'string') return goString(v);
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  if (typeof v === 'object') {
    const keys = Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)); // Go sorts by byte order
    return `{${keys.map((k) => `${goString(k)}:${goJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** A JSON string literal as Go's encoding/json writes it (SetEscapeHTML(true), the default). */
export function goString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
