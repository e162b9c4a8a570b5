// How ephemeral:deploy calls terraform: in the IaC directory, with the state backend from configuration, the
// environment's variables as TF_VAR_*, and `init` once per run. Every call goes through src/tools/terraform.ts.
import * as tf from '../tools/terraform.js';
import type { DeployContext } from './deploy-context.js';

/** The input variables every terraform call gets (undeclared ones are ignored by terraform). */
export function terraformVars(d: DeployContext): Record<string, string> {
  const c = d.ctx.config;
  const tags = { [c.tags.clusterId]: d.id.envId, [c.tags.envId]: d.id.envId, [c.tags.lifecycle]: 'ephemeral' };
  return {
    env_id: d.id.envId,
    cluster_name: d.id.cluster,
    kubernetes_namespace: d.id.namespace,
    public_host: d.id.host,
    domain_name: c.dns.domain,
    ...(d.caller ? { aws_region: d.caller.region, expected_account_id: d.caller.account } : {}),
    tags: JSON.stringify(tags),
  };
}

/** `terraform init` with the state backend (bucket, key, region), at most once per run; a failure is retried next call. */
export function initTerraform(d: DeployContext): Promise<void> {
  d.terraformInit ??= (async () => {
    const tool = await d.tool('terraform');
    const s = d.settings;
    const backendConfig = s.stateBucket ? { bucket: s.stateBucket, key: s.stateKey, ...(d.caller?.region ? { region: d.caller.region } : {}) } : {};
    await tf.init(d.ctx.exec, tool, { dir: s.iacDir, backendConfig, reconfigure: true });
  })().catch((error: unknown) => {
    d.terraformInit = undefined;
    throw error;
  });
  return d.terraformInit;
}

/** The lock wait every state-changing call uses (`terraform.lockTimeoutSeconds`). */
export function lockWait(d: DeployContext): { lockTimeoutMs: number } {
  return { lockTimeoutMs: d.ctx.config.terraform.lockTimeoutSeconds * 1000 };
}
