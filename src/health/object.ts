// The plain shape `computeHealth` judges: any Kubernetes object as the API returns it (status included), plus small
// readers for the fields every rule uses. No client library types, so the model stays pure and cheap to import.

/** A status condition as controllers write it. */
export interface HealthCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string | Date;
}

/** Any Kubernetes object with its status; `apiVersion` and `kind` must be set (list items lack them: add them). */
export interface HealthObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    generation?: number;
    deletionTimestamp?: string | Date;
    [key: string]: unknown;
  };
  spec?: unknown;
  status?: unknown;
  [key: string]: unknown;
}

/** `group/Kind` (core kinds have no group): the key of the per-kind rule table. */
export function groupKind(obj: HealthObject): string | undefined {
  if (!obj.kind || obj.apiVersion === undefined) return undefined;
  const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
  return group ? `${group}/${obj.kind}` : obj.kind;
}

/** `Kind/name` for messages. */
export function describeObject(obj: HealthObject): string {
  return `${obj.kind ?? 'object'}/${obj.metadata?.name ?? '?'}`;
}

/** A record view of an unknown value (status, spec), never throwing on odd shapes. */
export function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A number field, or undefined. */
export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A string field, or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The object's `status.conditions`, well-formed entries only. */
export function conditionsOf(obj: HealthObject): HealthCondition[] {
  const list = record(obj.status).conditions;
  if (!Array.isArray(list)) return [];
  return list.filter((c): c is HealthCondition => typeof c === 'object' && c !== null && typeof (c as HealthCondition).type === 'string' && typeof (c as HealthCondition).status === 'string');
}

/** One condition by type. */
export function condition(obj: HealthObject, type: string): HealthCondition | undefined {
  return conditionsOf(obj).find((c) => c.type === type);
}

/** `reason: message` of a condition, for verdict messages. */
export function explainCondition(c: HealthCondition): string {
  return [c.reason, c.message].filter((s) => s !== undefined && s !== '').join(': ') || `${c.type}=${c.status}`;
}

/** Milliseconds since a timestamp, or undefined when it is missing or unparsable. */
export function ageMs(at: string | Date | undefined, now: Date): number | undefined {
  if (at === undefined) return undefined;
  const t = at instanceof Date ? at.getTime() : Date.parse(at);
  return Number.isNaN(t) ? undefined : now.getTime() - t;
}
