// The secret contract's cluster half: External Secrets Operator installed and available, the SecretStore the chart
// uses Ready, the registry pull secret (built in-process from a token in an env var, never argv) and the
// `<release>-app-secrets` placeholder present in the namespace. Each function is one independent check.
import { computeHealth, withKind } from '../health/compute.js';
import type { KubeClient } from '../kube/index.js';
import { JetscaleError } from '../core/errors.js';
import type { DeployContext } from './deploy-context.js';
import type { CheckResult } from './preflight-secret.js';
import { deploymentHealthOf } from './workload-wait.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** ESO: its CRDs are served (ExternalSecrets can be listed) and its controller Deployment is available. */
export async function checkEso(d: DeployContext, kube: KubeClient): Promise<CheckResult> {
  const check = 'external secrets operator';
  const eso = d.ctx.config.ephemeral.eso;
  const [served, health] = await Promise.all([
    kube.listExternalSecrets(d.id.namespace).then(() => true, (error: unknown) => {
      const code = error instanceof JetscaleError ? error.code : '';
      if (code === 'E_KUBE_KIND' || code === 'E_KUBE_NOT_FOUND') return false;
      throw error;
    }),
    deploymentHealthOf(kube, eso.namespace, eso.deployment, d.ctx.now()),
  ]);
  if (!served) return { check, ok: false, message: 'the ExternalSecret kind is not served: External Secrets Operator (its CRDs) is not installed' };
  if (health.status !== 'Current') return { check, ok: false, message: `Deployment ${eso.namespace}/${eso.deployment} is ${health.status} (${health.reason}: ${health.message})` };
  return { check, ok: true, message: `CRDs served, Deployment ${eso.namespace}/${eso.deployment} available` };
}

/** The SecretStore the ExternalSecrets use is Ready; the chart's own store (no secretStoreName) is judged by the gate. */
export async function checkSecretStore(d: DeployContext, kube: KubeClient): Promise<CheckResult> {
  const check = 'secret store';
  const values = (await d.values()).values;
  const es = (values.externalSecret ?? {}) as { enabled?: boolean; secretStoreName?: string };
  if (es.enabled === false) return { check, ok: true, message: 'externalSecret.enabled is false: no store is used' };
  if (!es.secretStoreName) return { check, ok: true, message: `the chart renders its own store (${d.id.release}-secrets-store); its ExternalSecrets are checked by the health gate` };
  const store = (await kube.listSecretStores(d.id.namespace)).find((s) => s.metadata?.name === es.secretStoreName);
  const health = computeHealth(store && withKind(store as never, 'external-secrets.io/v1', 'SecretStore'), d.ctx.now());
  if (health.status !== 'Current') return { check, ok: false, message: `SecretStore ${d.id.namespace}/${es.secretStoreName} is ${health.status} (${health.reason}: ${health.message})` };
  return { check, ok: true, message: `SecretStore ${es.secretStoreName} is Ready` };
}

/** The image pull secret exists, or is created from the token in `ephemeral.registry.tokenEnv`. */
export async function checkPullSecret(d: DeployContext, kube: KubeClient, existing: readonly string[]): Promise<CheckResult> {
  const check = 'registry pull secret';
  const r = d.ctx.config.ephemeral.registry;
  if (existing.includes(r.secretName)) return { check, ok: true, message: `${d.id.namespace}/${r.secretName} exists` };
  const token = d.ctx.env.get(r.tokenEnv);
  if (!token) return { check, ok: false, message: `${d.id.namespace}/${r.secretName} does not exist and ${r.tokenEnv} is not set, so it cannot be created` };
  const auth = b64(`${r.username}:${token}`);
  const config = JSON.stringify({ auths: { [r.server]: { username: r.username, password: token, auth } } });
  d.ctx.secrets.add(token);
  d.ctx.secrets.add(auth);
  d.ctx.secrets.add(b64(config));
  await kube.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: r.secretName, namespace: d.id.namespace, labels: managedLabels(d) }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64(config) } });
  const did = d.ctx.dryRun ? 'would be created' : 'created';
  return { check, ok: true, message: `${d.id.namespace}/${r.secretName} ${did} for ${r.server}`, changed: `${d.ctx.dryRun ? 'would create' : 'created'} Secret ${d.id.namespace}/${r.secretName}` };
}

/** `<release>-app-secrets` exists (a placeholder is created: the backend's envFrom requires it). */
export async function checkAppSecrets(d: DeployContext, kube: KubeClient, existing: readonly string[]): Promise<CheckResult> {
  const check = 'app secrets';
  const name = `${d.id.release}-app-secrets`;
  if (existing.includes(name)) return { check, ok: true, message: `${d.id.namespace}/${name} exists` };
  await kube.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: d.id.namespace, labels: managedLabels(d) }, type: 'Opaque', data: { JETSCALE_PLACEHOLDER: b64('true') } });
  return { check, ok: true, message: `${d.id.namespace}/${name} ${d.ctx.dryRun ? 'would be created' : 'created'} as a placeholder`, changed: `${d.ctx.dryRun ? 'would create' : 'created'} placeholder Secret ${d.id.namespace}/${name}` };
}

/** Labels on what the deploy creates outside the chart. */
export function managedLabels(d: DeployContext): Record<string, string> {
  return { 'app.kubernetes.io/managed-by': 'jetscale', 'jetscale.ai/env-id': d.id.envId };
}
