// Plain shapes the Kubernetes facade takes and returns where client-node has no model (custom resources, generic objects).

/** Any Kubernetes object as sent to or read from the API. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** Names one object; `apiVersion` may be left out for the kinds in `src/kube/resource-types.ts`. */
export interface ObjectRef {
  apiVersion?: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** Selectors for list calls (the API server's syntax: `app=x,tier!=db`, `involvedObject.name=x`). */
export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
}

/** A status condition as controllers write it (Ready, Available, Progressing…). */
export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** external-secrets.io/v1 ExternalSecret: the fields diagnose and deploy read. */
export interface ExternalSecret extends KubeObject {
  spec?: {
    refreshInterval?: string;
    secretStoreRef?: { kind?: string; name?: string };
    target?: { name?: string };
    [key: string]: unknown;
  };
  status?: { conditions?: Condition[]; refreshTime?: string; syncedResourceVersion?: string };
}

/** external-secrets.io/v1 SecretStore or ClusterSecretStore. */
export interface SecretStore extends KubeObject {
  spec?: { provider?: Record<string, unknown>; [key: string]: unknown };
  status?: { conditions?: Condition[]; capabilities?: string };
}

/** What a SelfSubjectAccessReview asks: may the current identity do `verb` on `resource`? */
export interface AccessQuestion {
  verb: string;
  resource: string;
  group?: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** The API server's answer to an AccessQuestion. */
export interface AccessAnswer {
  allowed: boolean;
  denied: boolean;
  reason?: string;
}
