// The one HTTP layer under every client-node API object we build: each request is classified and declared to the
// effect gate before a byte is sent. Refused requests never leave the process; recorded ones (--dry-run) are answered
// here with a synthetic success, so the generated client code runs unchanged and the facade reports a typed skip.
import type { HttpLibrary, RequestContext, ResponseContext } from '@kubernetes/client-node';
import type { EffectGate, EffectRecord } from '../core/effects.js';
import { InterruptedError, JetscaleError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { formatMs } from '../core/output.js';
import { classifyRequest, declareRequest, type KubeRequestInfo } from './classify-request.js';

type ClientNode = typeof import('@kubernetes/client-node');

/** Header on synthetic answers, so anyone reading raw responses can tell nothing was sent. */
export const RECORDED_HEADER = 'x-jetscale-dry-run';

/** What the gated layer needs: the gate, cancellation, a per-request deadline and the server (for messages). */
export interface GatedHttpOptions {
  gate: EffectGate;
  /** The run's cancellation (Ctrl-C): aborts in-flight requests. */
  signal?: AbortSignal;
  /** Per-request deadline; a request without an answer by then fails with E_KUBE_TIMEOUT. */
  requestTimeoutMs: number;
  /** The API server URL, for error messages. */
  server: string;
  /** The transport that actually sends (default: client-node's own fetch library). */
  inner?: HttpLibrary;
  /** Adds credentials (token, client certificate, CA) to an admitted request. Called only after the gate allowed
   * it, so a refused or recorded request never runs a kubeconfig exec plugin (`aws eks get-token`) either. */
  authenticate?: (req: RequestContext) => Promise<void>;
}

/** Sends requests through the gate; remembers which requests were only recorded. */
export class GatedHttp {
  readonly #k8s: ClientNode;
  readonly #o: GatedHttpOptions;
  readonly #inner: HttpLibrary;
  readonly #recorded = new WeakMap<RequestContext, EffectRecord>();

  constructor(k8s: ClientNode, options: GatedHttpOptions) {
    this.#k8s = k8s;
    this.#o = options;
    this.#inner = options.inner ?? new k8s.IsomorphicFetchHttpLibrary();
  }

  /** The HttpLibrary to hand to `createConfiguration`. */
  library(): HttpLibrary {
    return this.#k8s.wrapHttpLibrary({ send: (req) => this.send(req) });
  }

  /** The transcript entry of a request that was recorded instead of sent (dry-run), if it was. */
  recordedFor(req: RequestContext): EffectRecord | undefined {
    return this.#recorded.get(req);
  }

  /** Declares, then sends or answers one request. Throws EffectRefusedError before sending anything. */
  async send(req: RequestContext): Promise<ResponseContext> {
    const url = new URL(req.getUrl());
    const info = classifyRequest(req.getHttpMethod(), url);
    const decl = declareRequest(info, url);
    const admission = this.#o.gate.admit(decl);
    if (!admission.run) {
      this.#recorded.set(req, admission.skipped.record);
      return this.#synthetic(info, req);
    }
    const run = this.#o.signal;
    if (run?.aborted) {
      admission.done({ error: 'interrupted before it was sent' });
      throw abortReason(run, decl.command ?? info.path);
    }
    try {
      await this.#o.authenticate?.(req);
    } catch (error) {
      admission.done({ error: `credentials: ${error instanceof Error ? error.message : String(error)}` });
      throw error;
    }
    const timeout = AbortSignal.timeout(this.#o.requestTimeoutMs);
    const own = req.getSignal();
    req.setSignal(AbortSignal.any([timeout, ...(run ? [run] : []), ...(own ? [own] : [])]));
    try {
      const res = await this.#inner.send(req).toPromise();
      admission.done(res.httpStatusCode >= 400 ? { error: `HTTP ${res.httpStatusCode}` } : {});
      return res;
    } catch (error) {
      admission.done({ error: error instanceof Error ? error.message : String(error) });
      if (run?.aborted) throw abortReason(run, decl.command ?? info.path);
      if (timeout.aborted) throw this.#timedOut(decl.command ?? info.path);
      if (own?.aborted) throw error;
      throw this.#unreachable(error);
    }
  }

  // Create/update/patch echo the object sent (what the server would have stored); delete answers a Success Status.
  #synthetic(info: KubeRequestInfo, req: RequestContext): ResponseContext {
    const sent = req.getBody();
    let body: unknown = typeof sent === 'string' ? parseObject(sent) : undefined;
    if (body === undefined || info.verb === 'delete' || info.verb === 'deletecollection') {
      body = {
        kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success',
        details: { ...(info.name ? { name: info.name } : {}), ...(info.group ? { group: info.group } : {}), ...(info.resource ? { kind: info.resource } : {}) },
      };
    }
    const text = JSON.stringify(body);
    const code = info.verb === 'create' ? 201 : 200;
    return new this.#k8s.ResponseContext(code, { 'content-type': 'application/json', [RECORDED_HEADER]: 'recorded' }, {
      text: () => Promise.resolve(text),
      binary: () => Promise.resolve(Buffer.from(text)),
    });
  }

  #timedOut(command: string): JetscaleError {
    return new JetscaleError(`the Kubernetes API at ${this.#o.server} did not answer ${command} within ${formatMs(this.#o.requestTimeoutMs)}`, {
      code: 'E_KUBE_TIMEOUT',
      exitCode: ExitCode.taskFailed,
      hint: 'check that the cluster is healthy and reachable from here, then run the task again',
    });
  }

  #unreachable(error: unknown): JetscaleError {
    const detail = error instanceof Error ? error.message : String(error);
    return new JetscaleError(`cannot reach the Kubernetes API at ${this.#o.server}: ${detail}`, {
      code: 'E_KUBE_UNREACHABLE',
      exitCode: ExitCode.precondition,
      hint: 'check the kube context (--context, KUBECONFIG), your network or VPN, and that the cluster still exists',
      cause: error,
    });
  }
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function abortReason(signal: AbortSignal, what: string): Error {
  return signal.reason instanceof Error ? signal.reason : new InterruptedError(what);
}
