// Kubeconfig for a simulator: a file for kubectl/helm, or an in-memory KubeConfig for client-node.
import { writeFile } from 'node:fs/promises';
import { KubeConfig } from '@kubernetes/client-node';
import { stringify } from 'yaml';

/** Connection facts of one running simulator. */
export interface SimEndpoint {
  url: string;
  caPem: string;
  token: string;
}

/** The kubeconfig document: one cluster, one token user, one context (current). */
export function kubeconfigDoc(ep: SimEndpoint, context = 'kube-sim', namespace?: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: context, cluster: { server: ep.url, 'certificate-authority-data': Buffer.from(ep.caPem).toString('base64') } }],
    users: [{ name: context, user: { token: ep.token } }],
    contexts: [{ name: context, context: { cluster: context, user: context, ...(namespace ? { namespace } : {}) } }],
    'current-context': context,
    preferences: {},
  };
}

/** Writes the kubeconfig with 0600, as it holds a token. */
export async function writeKubeconfig(ep: SimEndpoint, path: string, context?: string, namespace?: string): Promise<void> {
  await writeFile(path, stringify(kubeconfigDoc(ep, context, namespace)), { mode: 0o600 });
}

/** A client-node KubeConfig pointing at the simulator (loaded from the same document kubectl would read). */
export function makeKubeConfig(ep: SimEndpoint, context?: string, namespace?: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(stringify(kubeconfigDoc(ep, context, namespace)));
  return kc;
}
