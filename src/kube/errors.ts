// Kubernetes API failures mapped once into typed jetscale errors that carry what was asked about (kind, namespace,
// name), so callers can tell "gone" (404) from "already there / changed" (409) from "not allowed" (403).
import { JetscaleError, type ErrorCode } from '../core/errors.js';
import { ExitCode, type ExitCodeValue } from '../core/exit-codes.js';

/** What a failed call was about; `verb` is the Kubernetes verb (get, list, patch, delete…). */
export interface KubeRef {
  verb: string;
  kind: string;
  namespace?: string;
  name?: string;
  /** The kube context, for messages about credentials and permissions. */
  context?: string;
}

/** The parts of a Kubernetes `Status` failure body we use. */
interface StatusBody {
  message?: string;
  reason?: string;
}

/** A Kubernetes API call answered with an error status. */
export class KubeApiError extends JetscaleError {
  readonly status: number;
  readonly reason: string | undefined;
  readonly kind: string;
  readonly namespace: string | undefined;
  readonly objectName: string | undefined;
  readonly verb: string;

  constructor(message: string, ref: KubeRef, status: number, reason: string | undefined, fields: { code: ErrorCode; exitCode: ExitCodeValue; hint?: string }) {
    super(message, fields);
    this.name = 'KubeApiError';
    this.status = status;
    this.reason = reason;
    this.kind = ref.kind;
    this.namespace = ref.namespace;
    this.objectName = ref.name;
    this.verb = ref.verb;
  }
}

/** 404: the object (or its namespace) does not exist. */
export class KubeNotFoundError extends KubeApiError {
  override name = 'KubeNotFoundError';
}
/** 409: AlreadyExists on create, Conflict on a stale update or a server-side apply field conflict. */
export class KubeConflictError extends KubeApiError {
  override name = 'KubeConflictError';
}
/** 403: the identity lacks the RBAC permission. */
export class KubeForbiddenError extends KubeApiError {
  override name = 'KubeForbiddenError';
}
/** 401: the credentials are missing, wrong or expired. */
export class KubeUnauthorizedError extends KubeApiError {
  override name = 'KubeUnauthorizedError';
}

/** True when the object was not there. */
export const isKubeNotFound = (e: unknown): e is KubeNotFoundError => e instanceof KubeNotFoundError;
/** True for AlreadyExists and Conflict. */
export const isKubeConflict = (e: unknown): e is KubeConflictError => e instanceof KubeConflictError;
/** True when RBAC said no. */
export const isKubeForbidden = (e: unknown): e is KubeForbiddenError => e instanceof KubeForbiddenError;
/** True when the API server rejected the credentials. */
export const isKubeUnauthorized = (e: unknown): e is KubeUnauthorizedError => e instanceof KubeUnauthorizedError;

function parseStatus(body: unknown): StatusBody {
  let v = body;
  if (typeof body === 'string') {
    try {
      v = JSON.parse(body);
    } catch {
      return body.trim() ? { message: body.trim().slice(0, 500) } : {};
    }
  }
  if (typeof v !== 'object' || v === null) return {};
  const o = v as Record<string, unknown>;
  return {
    ...(typeof o.message === 'string' ? { message: o.message } : {}),
    ...(typeof o.reason === 'string' ? { reason: o.reason } : {}),
  };
}

function label(ref: KubeRef): string {
  const what = ref.name !== undefined ? `${ref.kind} "${ref.name}"` : ref.kind;
  return ref.namespace ? `${what} in namespace ${ref.namespace}` : what;
}

/** The typed error for an HTTP error status and its body (a Status JSON text or object). */
export function kubeErrorFor(status: number, body: unknown, ref: KubeRef): KubeApiError {
  const s = parseStatus(body);
  const detail = s.message ? `: ${s.message}` : '';
  const ctx = ref.context ? ` (context ${ref.context})` : '';
  if (status === 404) {
    return new KubeNotFoundError(`${label(ref)} not found${ctx}`, ref, status, s.reason, {
      code: 'E_KUBE_NOT_FOUND', exitCode: ExitCode.taskFailed, hint: 'check the name and namespace, and that --context points at the right cluster',
    });
  }
  if (status === 409) {
    const exists = s.reason === 'AlreadyExists';
    return new KubeConflictError(`${label(ref)} ${exists ? 'already exists' : 'could not be changed because of a conflict'}${detail}`, ref, status, s.reason, {
      code: 'E_KUBE_CONFLICT', exitCode: ExitCode.taskFailed,
      hint: exists ? 'apply the object instead of creating it, or delete the old one first' : 'read the object again and retry; another writer changed it or owns these fields',
    });
  }
  if (status === 403) {
    const can = `kubectl auth can-i ${ref.verb} ${ref.kind.toLowerCase()}${ref.namespace ? ` -n ${ref.namespace}` : ''}`;
    return new KubeForbiddenError(`not allowed to ${ref.verb} ${label(ref)}${ctx}${detail}`, ref, status, s.reason, {
      code: 'E_KUBE_FORBIDDEN', exitCode: ExitCode.precondition, hint: `use a context whose identity has this RBAC permission (check with \`${can}\`)`,
    });
  }
  if (status === 401) {
    return new KubeUnauthorizedError(`the Kubernetes API rejected the credentials${ctx || ' of the kube context'}`, ref, status, s.reason, {
      code: 'E_KUBE_CREDENTIALS', exitCode: ExitCode.precondition,
      hint: 'refresh the credentials: for EKS run `aws eks update-kubeconfig --name <cluster>` (and `aws sso login` if the AWS session expired)',
    });
  }
  return new KubeApiError(`${ref.verb} ${label(ref)} failed with HTTP ${status}${s.reason ? ` ${s.reason}` : ''}${detail}`, ref, status, s.reason, {
    code: 'E_KUBE_API', exitCode: ExitCode.taskFailed, hint: status >= 500 || status === 429 ? 'the API server is overloaded or failing; retry in a minute' : 'check the object sent against the API server message',
  });
}

/** Maps client-node's ApiException to a typed error; jetscale errors (refusals, timeouts) pass through unchanged. */
export function toKubeError(err: unknown, ref: KubeRef): unknown {
  if (err instanceof JetscaleError) return err;
  const e = err as { code?: unknown; body?: unknown; headers?: unknown };
  if (err instanceof Error && typeof e.code === 'number' && 'headers' in err) return kubeErrorFor(e.code, e.body, ref);
  return err;
}
