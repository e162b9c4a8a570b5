// Turns ajv's errors into the sentences kubeconform users expect: the JSON path in dotted form and the
// offending field, e.g. `unknown field spec.template.spec.contianers`.
import type { ErrorObject } from 'ajv';

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** `/spec/containers/0/name` → `spec.containers[0].name`; keys with dots or slashes are bracketed. */
export function toDottedPath(pointer: string, extraKey?: string): string {
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extraKey !== undefined) segments.push(extraKey);
  let out = '';
  for (const seg of segments) {
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? '(root)' : out;
}

function typeOfValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function preview(value: unknown): string {
  if (typeof value === 'object' && value !== null) return '';
  const text = JSON.stringify(value) ?? String(value);
  return ` ${text.length > 40 ? `${text.slice(0, 37)}...` : text}`;
}

/** One human sentence per ajv error (ajv must run with `verbose: true` so `data` is present). */
export function describeSchemaError(err: ErrorObject): string {
  const params = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'additionalProperties':
      return `unknown field ${toDottedPath(err.instancePath, String(params.additionalProperty))}`;
    case 'required':
      return `missing required field ${toDottedPath(err.instancePath, String(params.missingProperty))}`;
    case 'type': {
      const expected = Array.isArray(params.type) ? params.type.join(' or ') : String(params.type);
      return `wrong type at ${toDottedPath(err.instancePath)}: expected ${expected}, got ${typeOfValue(err.data)}${preview(err.data)}`;
    }
    case 'enum':
      return `invalid value at ${toDottedPath(err.instancePath)}:${preview(err.data)} is not one of ${(params.allowedValues as unknown[]).join(', ')}`;
    default:
      return `invalid value at ${toDottedPath(err.instancePath)}: ${err.message ?? err.keyword}`;
  }
}
