// The resource types the simulator serves: one table drives discovery, routing and storage.

/** One REST resource as discovery describes it. */
export interface ResourceDef {
  group: string;
  version: string;
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
  subresources?: string[];
  /** Not stored (e.g. SelfSubjectAccessReview): create answers and forgets. */
  virtual?: boolean;
  /** Custom resources keep apiVersion/kind on list items, built-ins do not. */
  custom?: boolean;
  /** Discovery categories (`kubectl get all` expands "all"). */
  categories?: string[];
  /** metadata.generation is tracked (spec-bearing built-ins and every custom resource). */
  generation?: boolean;
}

const CRUD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const ALL = ['all'];

// Built-ins whose strategy maintains metadata.generation; ConfigMaps, Secrets, Services, Pods… have none.
const GENERATION = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Ingress']);

function def(group: string, version: string, kind: string, plural: string, namespaced: boolean, extra: Partial<ResourceDef> = {}): ResourceDef {
  return { group, version, kind, plural, singular: kind.toLowerCase(), namespaced, verbs: CRUD, generation: GENERATION.has(kind) || extra.custom === true, ...extra };
}

/** Every resource the simulator knows; anything else is a 404, never a silent pass. */
export const RESOURCES: readonly ResourceDef[] = [
  def('', 'v1', 'Namespace', 'namespaces', false, { shortNames: ['ns'], subresources: ['status'] }),
  def('', 'v1', 'Secret', 'secrets', true),
  def('', 'v1', 'ConfigMap', 'configmaps', true, { shortNames: ['cm'] }),
  def('', 'v1', 'ServiceAccount', 'serviceaccounts', true, { shortNames: ['sa'] }),
  def('', 'v1', 'Service', 'services', true, { shortNames: ['svc'], categories: ALL, subresources: ['status'] }),
  def('', 'v1', 'Pod', 'pods', true, { shortNames: ['po'], categories: ALL, subresources: ['status', 'log'] }),
  def('', 'v1', 'Event', 'events', true, { shortNames: ['ev'] }),
  def('apps', 'v1', 'Deployment', 'deployments', true, { shortNames: ['deploy'], categories: ALL, subresources: ['status', 'scale'] }),
  def('apps', 'v1', 'ReplicaSet', 'replicasets', true, { shortNames: ['rs'], categories: ALL, subresources: ['status', 'scale'] }),
  def('apps', 'v1', 'StatefulSet', 'statefulsets', true, { shortNames: ['sts'], categories: ALL, subresources: ['status', 'scale'] }),
  def('apps', 'v1', 'DaemonSet', 'daemonsets', true, { shortNames: ['ds'], categories: ALL, subresources: ['status'] }),
  def('batch', 'v1', 'Job', 'jobs', true, { categories: ALL, subresources: ['status'] }),
  def('batch', 'v1', 'CronJob', 'cronjobs', true, { shortNames: ['cj'], categories: ALL, subresources: ['status'] }),
  def('networking.k8s.io', 'v1', 'Ingress', 'ingresses', true, { shortNames: ['ing'], subresources: ['status'] }),
  def('external-secrets.io', 'v1', 'ExternalSecret', 'externalsecrets', true, { shortNames: ['es'], subresources: ['status'], custom: true }),
  def('external-secrets.io', 'v1', 'SecretStore', 'secretstores', true, { shortNames: ['ss'], subresources: ['status'], custom: true }),
  def('external-secrets.io', 'v1', 'ClusterSecretStore', 'clustersecretstores', false, { shortNames: ['css'], subresources: ['status'], custom: true }),
  def('authorization.k8s.io', 'v1', 'SelfSubjectAccessReview', 'selfsubjectaccessreviews', false, { verbs: ['create'], virtual: true }),
];

/** "apps/v1" for grouped resources, "v1" for the core group. */
export function apiVersionOf(d: ResourceDef): string {
  return d.group ? `${d.group}/${d.version}` : d.version;
}

/** The resource under a URL's group/version, by plural name. */
export function findByPlural(group: string, version: string, plural: string): ResourceDef | undefined {
  return RESOURCES.find((d) => d.group === group && d.version === version && d.plural === plural);
}

/** Resolves what a test or fixture calls a type: Kind, plural, short name, or "plural.group". */
export function resolveKind(name: string, apiVersion?: string): ResourceDef | undefined {
  const lower = name.toLowerCase();
  return RESOURCES.find((d) => {
    if (apiVersion !== undefined && apiVersionOf(d) !== apiVersion) return false;
    const names = [d.kind.toLowerCase(), d.plural, d.singular, ...(d.shortNames ?? [])];
    return names.includes(lower) || (d.group !== '' && lower === `${d.plural}.${d.group}`);
  });
}

/** "deployments.apps" / "pods": how Kubernetes names a resource in error messages. */
export function qualifiedName(d: ResourceDef): string {
  return d.group ? `${d.plural}.${d.group}` : d.plural;
}
