// Requests the typed client-node APIs cannot express (server-side apply of any kind, Table reads, discovery), sent
// through the same client-node configuration, authentication and gated HTTP layer as every typed call.
import type { Configuration, HttpMethod } from '@kubernetes/client-node';
import type { EffectRecord } from '../core/effects.js';
import { JetscaleError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { isKubeNotFound, kubeErrorFor, type KubeRef } from './errors.js';
import type { GatedHttp } from './gated-http.js';
import { findKnownType, groupVersionPath, type ResourceType } from './resource-types.js';

/** One request by path. */
export interface RawRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
  accept?: string;
}

/** A JSON answer, or the gate's record when the request was only recorded (--dry-run). */
export type RawResult<T> = { recorded: EffectRecord } | { recorded?: undefined; status: number; value: T };

/** Sends raw requests and resolves kinds to REST paths (known table first, then discovery, cached). */
export class KubeTransport {
  readonly #cfg: Configuration;
  readonly #http: GatedHttp;
  readonly #context: string;
  readonly #discovered = new Map<string, Promise<ResourceType[]>>();

  constructor(cfg: Configuration, http: GatedHttp, context: string) {
    this.#cfg = cfg;
    this.#http = http;
    this.#context = context;
  }

  /** Sends `r`; error statuses become typed errors about `ref`; a 2xx body is parsed as JSON. */
  async request<T>(r: RawRequest, ref: KubeRef): Promise<RawResult<T>> {
    const ctx = this.#cfg.baseServer.makeRequestContext(r.path, r.method as HttpMethod);
    for (const [k, v] of Object.entries(r.query ?? {})) if (v !== undefined) ctx.setQueryParam(k, v);
    ctx.setHeaderParam('Accept', r.accept ?? 'application/json');
    if (r.body !== undefined) {
      ctx.setHeaderParam('Content-Type', r.contentType ?? 'application/json');
      ctx.setBody(typeof r.body === 'string' ? r.body : JSON.stringify(r.body));
    }
    const res = await this.#cfg.httpApi.send(ctx).toPromise();
    const recorded = this.#http.recordedFor(ctx);
    if (recorded) return { recorded };
    const text = await res.body.text();
    if (res.httpStatusCode >= 400) throw kubeErrorFor(res.httpStatusCode, text, { ...ref, context: this.#context });
    return { status: res.httpStatusCode, value: (text.trim() === '' ? undefined : JSON.parse(text)) as T };
  }

  /** Where objects of `kind` live; unknown kinds are looked up once per group/version by discovery. */
  async resourceType(kind: string, apiVersion: string | undefined): Promise<ResourceType> {
    const known = findKnownType(kind, apiVersion);
    if (known) return known;
    if (apiVersion === undefined) throw unknownKind(kind, undefined, 'give its apiVersion');
    let pending = this.#discovered.get(apiVersion);
    if (!pending) {
      pending = this.#discover(apiVersion);
      this.#discovered.set(apiVersion, pending);
      pending.catch(() => this.#discovered.delete(apiVersion));
    }
    const found = (await pending).find((r) => r.kind === kind);
    if (!found) throw unknownKind(kind, apiVersion, 'check the apiVersion and that its CRD is installed');
    return found;
  }

  async #discover(apiVersion: string): Promise<ResourceType[]> {
    type Doc = { resources?: Array<{ name: string; kind: string; namespaced: boolean }> };
    let doc: Doc = {};
    try {
      const r = await this.request<Doc>({ method: 'GET', path: groupVersionPath(apiVersion) }, { verb: 'get', kind: `API group ${apiVersion}` });
      if (!r.recorded) doc = r.value;
    } catch (error) {
      // A group/version the server does not serve has no kinds; the caller reports the unknown kind.
      if (!isKubeNotFound(error)) throw error;
    }
    return (doc.resources ?? []).filter((x) => !x.name.includes('/')).map((x) => ({ apiVersion, kind: x.kind, plural: x.name, namespaced: x.namespaced }));
  }
}

function unknownKind(kind: string, apiVersion: string | undefined, fix: string): JetscaleError {
  return new JetscaleError(`unknown Kubernetes kind ${apiVersion ? `${apiVersion} ` : ''}${kind}`, { code: 'E_KUBE_KIND', exitCode: ExitCode.taskFailed, hint: fix });
}
