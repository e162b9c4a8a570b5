// Kubernetes `Status` failure bodies, and the error type handlers throw to produce them.
import { qualifiedName, type ResourceDef } from './resources.js';

/** A cause inside Status.details, as the API server reports field errors. */
export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

/** Thrown by handlers; the server turns it into a Status body with the same code. */
export class KubeError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** The wire shape of a failure, exactly what client-node and kubectl parse. */
export function statusBody(err: KubeError): Record<string, unknown> {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: err.message,
    reason: err.reason,
    ...(err.details ? { details: err.details } : {}),
    code: err.code,
  };
}

function details(d: ResourceDef, name: string): Record<string, unknown> {
  return { name, ...(d.group ? { group: d.group } : {}), kind: d.plural };
}

/** 404 for a named object. */
export function notFound(d: ResourceDef, name: string): KubeError {
  return new KubeError(404, 'NotFound', `${qualifiedName(d)} "${name}" not found`, details(d, name));
}

/** 409 on create of an existing name. */
export function alreadyExists(d: ResourceDef, name: string): KubeError {
  return new KubeError(409, 'AlreadyExists', `${qualifiedName(d)} "${name}" already exists`, details(d, name));
}

/** 409 on a stale resourceVersion (optimistic concurrency) or a failed delete precondition. */
export function conflict(d: ResourceDef, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again'): KubeError {
  const msg = `Operation cannot be fulfilled on ${qualifiedName(d)} "${name}": ${why}`;
  return new KubeError(409, 'Conflict', msg, details(d, name));
}

/** 422 with field causes, message formatted like the API server's validation errors. */
export function invalid(d: ResourceDef, name: string, causes: StatusCause[]): KubeError {
  const kind = d.group ? `${d.kind}.${d.group}` : d.kind;
  const list = causes.map((c) => `${c.field ?? ''}: ${c.message}`).join(', ');
  return new KubeError(422, 'Invalid', `${kind} "${name}" is invalid: ${list}`, {
    name, ...(d.group ? { group: d.group } : {}), kind: d.kind, causes,
  });
}

/** 400 for malformed requests (bad selector, name mismatch, bad body). */
export function badRequest(message: string): KubeError {
  return new KubeError(400, 'BadRequest', message);
}

/** 404 for a URL that names no known resource. */
export function pathNotFound(path: string): KubeError {
  return new KubeError(404, 'NotFound', `the server could not find the requested resource (${path})`, {});
}

/** 405 when a resource does not support the verb. */
export function methodNotAllowed(verb: string, d: ResourceDef): KubeError {
  return new KubeError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource (${verb} ${qualifiedName(d)})`, {});
}
