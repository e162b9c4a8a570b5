// The Kubernetes adapter's public surface. Importing it loads no @kubernetes/client-node code: the client library is
// imported inside `createKubeClient` / `loadKubeConfig`, so tasks that never talk to a cluster never pay for it.
export { createKubeClient, KubeClient, type KubeClientOptions } from './kube-client.js';
export { loadKubeConfig, type KubeConfigRequest, type LoadedKubeConfig } from './kubeconfig.js';
export { classifyRequest, declareRequest, type KubeRequestInfo } from './classify-request.js';
export {
  KubeApiError, KubeConflictError, KubeForbiddenError, KubeNotFoundError, KubeUnauthorizedError,
  isKubeConflict, isKubeForbidden, isKubeNotFound, isKubeUnauthorized, kubeErrorFor, type KubeRef,
} from './errors.js';
export { waitFor, WaitTimeoutError, type WaitOptions } from './wait-for.js';
export { describeObservation, isKubeApiTransient } from './observe.js';
export { RECORDED_HEADER } from './gated-http.js';
export type { PatchType, PropagationPolicy } from './kube-writes.js';
export type { AccessAnswer, AccessQuestion, Condition, ExternalSecret, KubeObject, ListOptions, ObjectRef, SecretStore } from './types.js';
export { KNOWN_TYPES, type ResourceType } from './resource-types.js';
