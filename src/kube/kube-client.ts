// The narrow Kubernetes facade tasks use: typed reads, writes that answer `Performed`, typed errors. Built once per
// run from the kubeconfig (in memory) over one gated HTTP layer, so every request is declared to the effect gate.
import type {
  AppsV1Api, AuthorizationV1Api, CoreV1Api, CoreV1Event, CustomObjectsApi, NetworkingV1Api,
  V1Deployment, V1Ingress, V1Namespace, V1Pod, V1ReplicaSet, V1Service,
} from '@kubernetes/client-node';
import type { EffectGate, Performed } from '../core/effects.js';
import { toKubeError, type KubeRef } from './errors.js';
import { GatedHttp } from './gated-http.js';
import { loadKubeConfig, type KubeConfigRequest, type LoadedKubeConfig } from './kubeconfig.js';
import { KubeTransport } from './kube-transport.js';
import { applyObject, createObject, deleteObject, patchObject, type PatchType, type PropagationPolicy } from './kube-writes.js';
import type { AccessAnswer, AccessQuestion, ExternalSecret, KubeObject, ListOptions, ObjectRef, SecretStore } from './types.js';

type ClientNode = typeof import('@kubernetes/client-node');

/** How to build a client: where the kubeconfig is, which gate decides, how long a request may take. */
export interface KubeClientOptions extends KubeConfigRequest {
  gate: EffectGate;
  /** The run's cancellation; aborts in-flight requests. */
  signal?: AbortSignal;
  /** Deadline for one request (default 30 s). */
  requestTimeoutMs?: number;
  /** Server-side apply field manager (default `jetscale`). */
  fieldManager?: string;
}

const PAGE = 500;
const ESO = { group: 'external-secrets.io', version: 'v1' };

interface ListPage<T> { items: T[]; metadata?: { _continue?: string; continue?: string } }

// Lists page by page so a big namespace never arrives as one giant response.
async function listAll<T>(page: (cont: string | undefined) => Promise<ListPage<T>>): Promise<T[]> {
  const items: T[] = [];
  let cont: string | undefined;
  do {
    const p = await page(cont);
    items.push(...(p.items ?? []));
    cont = p.metadata?._continue ?? p.metadata?.continue;
  } while (cont);
  return items;
}

const sel = (o: ListOptions = {}) => ({ ...(o.labelSelector ? { labelSelector: o.labelSelector } : {}), ...(o.fieldSelector ? { fieldSelector: o.fieldSelector } : {}) });

/** Builds a client for the selected context (loads @kubernetes/client-node on first use). */
export async function createKubeClient(options: KubeClientOptions): Promise<KubeClient> {
  const loaded = await loadKubeConfig(options);
  const k8s = await import('@kubernetes/client-node');
  return new KubeClient(k8s, loaded, options);
}

/** Typed access to one cluster; every request passes the effect gate. */
export class KubeClient {
  readonly context: string;
  /** The context's default namespace. */
  readonly namespace: string;
  readonly server: string;
  readonly #k8s: ClientNode;
  readonly #loaded: LoadedKubeConfig;
  readonly #o: KubeClientOptions;
  readonly #core: CoreV1Api;
  readonly #apps: AppsV1Api;
  readonly #net: NetworkingV1Api;
  readonly #custom: CustomObjectsApi;
  readonly #authz: AuthorizationV1Api;
  readonly #t: KubeTransport;

  /** Use `createKubeClient`; the module is passed in so this file never imports client-node at load time. */
  constructor(k8s: ClientNode, loaded: LoadedKubeConfig, options: KubeClientOptions) {
    this.#k8s = k8s;
    this.#loaded = loaded;
    this.#o = options;
    this.context = loaded.context;
    this.namespace = loaded.namespace;
    this.server = loaded.cluster.server;
    // No auth method on the configuration: credentials are applied inside the gated transport, after admission.
    const authenticate = (req: Parameters<typeof loaded.kubeConfig.applySecurityAuthentication>[0]) => loaded.kubeConfig.applySecurityAuthentication(req);
    const http = new GatedHttp(k8s, { gate: options.gate, requestTimeoutMs: options.requestTimeoutMs ?? 30_000, server: this.server, authenticate, ...(options.signal ? { signal: options.signal } : {}) });
    const cfg = k8s.createConfiguration({
      baseServer: new k8s.ServerConfiguration(this.server, {}),
      httpApi: http.library(),
    });
    this.#core = new k8s.CoreV1Api(cfg);
    this.#apps = new k8s.AppsV1Api(cfg);
    this.#net = new k8s.NetworkingV1Api(cfg);
    this.#custom = new k8s.CustomObjectsApi(cfg);
    this.#authz = new k8s.AuthorizationV1Api(cfg);
    this.#t = new KubeTransport(cfg, http, this.context);
  }

  /** The same client whose requests also stop when `signal` aborts (a step deadline, a wait). */
  withSignal(signal: AbortSignal): KubeClient {
    const combined = this.#o.signal ? AbortSignal.any([this.#o.signal, signal]) : signal;
    return new KubeClient(this.#k8s, this.#loaded, { ...this.#o, signal: combined });
  }

  async #call<T>(ref: KubeRef, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toKubeError(error, { ...ref, context: this.context });
    }
  }

  /** All namespaces (optionally by label). */
  listNamespaces(o?: ListOptions): Promise<V1Namespace[]> {
    return this.#call({ verb: 'list', kind: 'Namespace' }, () => listAll((c) => this.#core.listNamespace({ ...sel(o), limit: PAGE, _continue: c })));
  }
  /** One namespace; KubeNotFoundError when absent. */
  getNamespace(name: string): Promise<V1Namespace> {
    return this.#call({ verb: 'get', kind: 'Namespace', name }, () => this.#core.readNamespace({ name }));
  }
  /** Pods in a namespace (label and field selectors). */
  listPods(namespace: string, o?: ListOptions): Promise<V1Pod[]> {
    return this.#call({ verb: 'list', kind: 'Pod', namespace }, () => listAll((c) => this.#core.listNamespacedPod({ namespace, ...sel(o), limit: PAGE, _continue: c })));
  }
  /** One pod. */
  getPod(namespace: string, name: string): Promise<V1Pod> {
    return this.#call({ verb: 'get', kind: 'Pod', namespace, name }, () => this.#core.readNamespacedPod({ namespace, name }));
  }
  /** Deployments in a namespace. */
  listDeployments(namespace: string, o?: ListOptions): Promise<V1Deployment[]> {
    return this.#call({ verb: 'list', kind: 'Deployment', namespace }, () => listAll((c) => this.#apps.listNamespacedDeployment({ namespace, ...sel(o), limit: PAGE, _continue: c })));
  }
  /** One deployment (status included). */
  getDeployment(namespace: string, name: string): Promise<V1Deployment> {
    return this.#call({ verb: 'get', kind: 'Deployment', namespace, name }, () => this.#apps.readNamespacedDeployment({ namespace, name }));
  }
  /** ReplicaSets in a namespace. */
  listReplicaSets(namespace: string, o?: ListOptions): Promise<V1ReplicaSet[]> {
    return this.#call({ verb: 'list', kind: 'ReplicaSet', namespace }, () => listAll((c) => this.#apps.listNamespacedReplicaSet({ namespace, ...sel(o), limit: PAGE, _continue: c })));
  }
  /** Services in a namespace. */
  listServices(namespace: string, o?: ListOptions): Promise<V1Service[]> {
    return this.#call({ verb: 'list', kind: 'Service', namespace }, () => listAll((c) => this.#core.listNamespacedService({ namespace, ...sel(o), limit: PAGE, _continue: c })));
  }
  /** Ingresses in a namespace. */
  listIngresses(namespace: string, o?: ListOptions): Promise<V1Ingress[]> {
    return this.#call({ verb: 'list', kind: 'Ingress', namespace }, () => listAll((c) => this.#net.listNamespacedIngress({ namespace, ...sel(o), limit: PAGE, _continue: c })));
  }
  /** One ingress (its load balancer hostname is in status). */
  getIngress(namespace: string, name: string): Promise<V1Ingress> {
    return this.#call({ verb: 'get', kind: 'Ingress', namespace, name }, () => this.#net.readNamespacedIngress({ namespace, name }));
  }
  /** Events in a namespace, e.g. `fieldSelector: 'involvedObject.name=api'`. */
  listEvents(namespace: string, o?: ListOptions): Promise<CoreV1Event[]> {
    return this.#call({ verb: 'list', kind: 'Event', namespace }, () => listAll((c) => this.#core.listNamespacedEvent({ namespace, ...sel(o), limit: PAGE, _continue: c })));
  }

  /** Names of the secrets in a namespace, read as a metadata-only Table so secret data never leaves the server. */
  listSecretNames(namespace: string, o?: ListOptions): Promise<string[]> {
    type Table = { rows?: Array<{ object?: { metadata?: { name?: string } } }> };
    return this.#call({ verb: 'list', kind: 'Secret', namespace }, async () => {
      const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io';
      const r = await this.#t.request<Table>({ method: 'GET', path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets`, query: { ...sel(o), includeObject: 'Metadata' }, accept }, { verb: 'list', kind: 'Secret', namespace });
      const rows = r.recorded ? [] : (r.value.rows ?? []);
      return rows.map((row) => row.object?.metadata?.name).filter((n): n is string => typeof n === 'string').sort();
    });
  }

  /** ExternalSecrets in a namespace. */
  listExternalSecrets(namespace: string, o?: ListOptions): Promise<ExternalSecret[]> {
    return this.#call({ verb: 'list', kind: 'ExternalSecret', namespace }, () =>
      listAll<ExternalSecret>((c) => this.#custom.listNamespacedCustomObject({ ...ESO, namespace, plural: 'externalsecrets', ...sel(o), limit: PAGE, _continue: c })));
  }
  /** One ExternalSecret (its Ready condition says whether ESO synced it). */
  getExternalSecret(namespace: string, name: string): Promise<ExternalSecret> {
    return this.#call({ verb: 'get', kind: 'ExternalSecret', namespace, name }, () =>
      this.#custom.getNamespacedCustomObject({ ...ESO, namespace, plural: 'externalsecrets', name }) as Promise<ExternalSecret>);
  }
  /** SecretStores in a namespace. */
  listSecretStores(namespace: string): Promise<SecretStore[]> {
    return this.#call({ verb: 'list', kind: 'SecretStore', namespace }, () =>
      listAll<SecretStore>((c) => this.#custom.listNamespacedCustomObject({ ...ESO, namespace, plural: 'secretstores', limit: PAGE, _continue: c })));
  }
  /** ClusterSecretStores. */
  listClusterSecretStores(): Promise<SecretStore[]> {
    return this.#call({ verb: 'list', kind: 'ClusterSecretStore' }, () =>
      listAll<SecretStore>((c) => this.#custom.listClusterCustomObject({ ...ESO, plural: 'clustersecretstores', limit: PAGE, _continue: c })));
  }

  /** A container's log: the last `tailLines` lines, of the previous (crashed) instance with `previous`. */
  readPodLog(namespace: string, pod: string, o: { container?: string; tailLines?: number; previous?: boolean } = {}): Promise<string> {
    return this.#call({ verb: 'get', kind: 'Pod log', namespace, name: pod }, () => this.#core.readNamespacedPodLog({ namespace, name: pod, ...o }));
  }

  /** `kubectl auth can-i`: a SelfSubjectAccessReview (a read, allowed in read-only tasks). */
  reviewAccess(q: AccessQuestion): Promise<AccessAnswer> {
    return this.#call({ verb: 'create', kind: 'SelfSubjectAccessReview' }, async () => {
      const body = { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { ...q } } };
      const r = await this.#authz.createSelfSubjectAccessReview({ body });
      return { allowed: r.status?.allowed === true, denied: r.status?.denied === true, ...(r.status?.reason ? { reason: r.status.reason } : {}) };
    });
  }

  /** Creates an object (409 AlreadyExists → KubeConflictError). */
  create(obj: KubeObject): Promise<Performed<KubeObject>> {
    return createObject(this.#t, obj, this.#fieldManager);
  }
  /** Server-side apply as field manager `jetscale`: creates or updates. */
  apply(obj: KubeObject, o: { force?: boolean } = {}): Promise<Performed<KubeObject>> {
    return applyObject(this.#t, obj, this.#fieldManager, o.force ?? false);
  }
  /** Patches one object (`merge` by default). */
  patch(ref: ObjectRef, patch: unknown, o: { type?: PatchType } = {}): Promise<Performed<KubeObject>> {
    return patchObject(this.#t, ref, patch, o.type ?? 'merge', this.#fieldManager);
  }
  /** Deletes one object (a destroy: refused in read-only tasks, recorded under --dry-run). */
  delete(ref: ObjectRef, o: { propagationPolicy?: PropagationPolicy; ignoreNotFound?: boolean } = {}): Promise<Performed<{ found: boolean }>> {
    return deleteObject(this.#t, ref, o);
  }
  /** Creates a namespace with labels. */
  createNamespace(name: string, labels: Record<string, string> = {}): Promise<Performed<KubeObject>> {
    return this.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
  }
  /** Deletes a namespace and everything in it. */
  deleteNamespace(name: string, o: { ignoreNotFound?: boolean } = {}): Promise<Performed<{ found: boolean }>> {
    return this.delete({ apiVersion: 'v1', kind: 'Namespace', name }, o);
  }

  get #fieldManager(): string {
    return this.#o.fieldManager ?? 'jetscale';
  }
}
