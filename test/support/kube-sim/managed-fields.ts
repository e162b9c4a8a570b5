// metadata.managedFields bookkeeping: who owns which fields, updated on every write the way the API server does it.
import { diffFields, fieldsOf, fromFieldsV1, toFieldsV1, type FieldsV1 } from './fieldset.js';
import type { KubeObject } from './selectors.js';

/** One manager's claim: a `managedFields` entry with its paths decoded. */
export interface Owner {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  subresource?: string;
  paths: Set<string>;
}

/** The wire form of one `managedFields` entry. */
export interface ManagedFieldsEntry {
  manager: string;
  operation: string;
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: FieldsV1;
  subresource?: string;
}

/** Seconds-precision RFC 3339, as metav1.Time serialises. */
export function nowTime(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

/** Identity of an entry: the same manager may own fields through Apply and through Update, per subresource. */
export function sameOwner(a: Pick<Owner, 'manager' | 'operation' | 'subresource'>, b: Pick<Owner, 'manager' | 'operation' | 'subresource'>): boolean {
  return a.manager === b.manager && a.operation === b.operation && (a.subresource ?? '') === (b.subresource ?? '');
}

/** Decodes `managedFields`; entries that are not objects are skipped. */
export function decodeOwners(list: unknown): Owner[] {
  if (!Array.isArray(list)) return [];
  return list.filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null).map((e) => ({
    manager: String(e.manager ?? ''),
    operation: e.operation === 'Apply' ? 'Apply' : 'Update',
    apiVersion: String(e.apiVersion ?? ''),
    time: String(e.time ?? nowTime()),
    ...(typeof e.subresource === 'string' && e.subresource ? { subresource: e.subresource } : {}),
    paths: fromFieldsV1(e.fieldsV1),
  }));
}

/** Encodes owners, dropping empty ones, in the API server's order (Apply first, then by time, then by manager). */
export function encodeOwners(owners: Owner[]): ManagedFieldsEntry[] {
  return owners
    .filter((o) => o.paths.size > 0)
    .sort((a, b) => (a.operation !== b.operation ? (a.operation < b.operation ? -1 : 1) : a.time !== b.time ? (a.time < b.time ? -1 : 1) : a.manager < b.manager ? -1 : a.manager > b.manager ? 1 : 0))
    .map((o) => ({
      manager: o.manager, operation: o.operation, apiVersion: o.apiVersion, time: o.time, fieldsType: 'FieldsV1' as const,
      fieldsV1: toFieldsV1([...o.paths].sort()), ...(o.subresource ? { subresource: o.subresource } : {}),
    }));
}

// The request may set managedFields: `[{}]` resets them, a different non-empty list replaces them, anything else keeps live's.
function startingOwners(prev: KubeObject | undefined, requested: unknown): Owner[] {
  if (Array.isArray(requested) && requested.length === 1 && JSON.stringify(requested[0]) === '{}') return [];
  const live = prev?.metadata.managedFields;
  if (Array.isArray(requested) && requested.length > 0 && JSON.stringify(requested) !== JSON.stringify(live)) return decodeOwners(requested);
  return decodeOwners(live);
}

/** Records a non-apply write (create, update, patch) by `manager` in `next.metadata.managedFields`. */
export function trackUpdate(kind: string, prev: KubeObject | undefined, next: KubeObject, who: { manager: string; apiVersion: string; subresource?: string }): void {
  const owners = startingOwners(prev, next.metadata.managedFields);
  const before = prev ? fieldsOf(kind, prev, who.subresource) : new Map<string, string>();
  const { changed, removed } = diffFields(before, fieldsOf(kind, next, who.subresource));
  const me = { manager: who.manager, operation: 'Update' as const, ...(who.subresource ? { subresource: who.subresource } : {}) };
  for (const o of owners) {
    for (const p of removed) o.paths.delete(p);
    if (!sameOwner(o, me)) for (const p of changed) o.paths.delete(p);
  }
  if (changed.size > 0) {
    let mine = owners.find((o) => sameOwner(o, me));
    if (!mine) owners.push((mine = { ...me, apiVersion: who.apiVersion, time: nowTime(), paths: new Set() }));
    for (const p of changed) mine.paths.add(p);
    mine.time = nowTime();
    mine.apiVersion = who.apiVersion;
  }
  next.metadata.managedFields = encodeOwners(owners);
}

/** The manager name of a request: `fieldManager`, else the User-Agent up to its first "/" (as the API server derives it). */
export function managerOf(fieldManager: string | null, userAgent: string): string {
  if (fieldManager) return fieldManager;
  return (userAgent.split('/')[0] ?? '').slice(0, 128) || 'unknown';
}
