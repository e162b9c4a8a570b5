// Typed access to decoded request parameters; a wrong type is a ParamError (the service's validation code).
import { ParamError } from '../errors.js';

/** Decoded parameters of one call, whatever the wire protocol. */
export type Params = Record<string, unknown>;

/** An optional string parameter. */
export function optStr(p: Params, key: string): string | undefined {
  const v = p[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new ParamError(`${key} must be a string`);
  return v;
}

/** A required string parameter. */
export function reqStr(p: Params, key: string): string {
  const v = optStr(p, key);
  if (v === undefined) throw new ParamError(`1 validation error detected: Value null at '${key}' failed to satisfy constraint: Member must not be null`);
  return v;
}

/** An optional integer within [min, max]; form-encoded numbers arrive as strings. */
export function optInt(p: Params, key: string, min: number, max: number): number | undefined {
  const v = p[key];
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n)) throw new ParamError(`${key} must be an integer`);
  if (n < min) throw new ParamError(`1 validation error detected: Value '${n}' at '${key}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
  if (n > max) throw new ParamError(`1 validation error detected: Value '${n}' at '${key}' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
  return n;
}

/** An optional boolean; form-encoded booleans arrive as "true"/"false". */
export function optBool(p: Params, key: string): boolean | undefined {
  const v = p[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new ParamError(`${key} must be a boolean`);
}

/** An optional list of strings (an empty form value means an empty list). */
export function strList(p: Params, key: string): string[] {
  const v = p[key];
  if (v === undefined || v === null || v === '') return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new ParamError(`${key} must be a list of strings`);
  return v as string[];
}

/** An optional list of objects (structures inside a list). */
export function objList(p: Params, key: string): Params[] {
  const v = p[key];
  if (v === undefined || v === null || v === '') return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'object' || x === null)) throw new ParamError(`${key} must be a list of structures`);
  return v as Params[];
}
