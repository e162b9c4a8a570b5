// Preflight: every check runs concurrently and every failure is reported together; if any fails nothing is
// deployed (exit 3). The namespace is made first because two checks create secrets in it.
import { JetscaleError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { isKubeNotFound } from '../kube/index.js';
import type { DeployContext } from './deploy-context.js';
import { checkAppSecrets, checkEso, checkPullSecret, checkSecretStore, managedLabels } from './preflight-cluster.js';
import { checkClientSecret, type CheckResult } from './preflight-secret.js';

export type { CheckResult } from './preflight-secret.js';

/** Runs every preflight check; returns them all, or throws E_PREFLIGHT listing each failure. */
export async function runPreflight(d: DeployContext, o: { serial?: boolean } = {}): Promise<CheckResult[]> {
  const kube = await d.kube();
  const ns = d.id.namespace;
  // A namespace that does not exist yet lists no secrets: both reads go out at once.
  const [found, existing] = await Promise.all([kube.getNamespace(ns).then(() => true, (error: unknown) => {
    if (isKubeNotFound(error)) return false;
    throw error;
  }), kube.listSecretNames(ns)]);
  if (!found) await kube.createNamespace(ns, managedLabels(d));
  const checks: Array<[string, () => Promise<CheckResult>]> = [
    ['external secrets operator', () => checkEso(d, kube)],
    ['secret store', () => checkSecretStore(d, kube)],
    ['client secret', () => checkClientSecret(d)],
    ['registry pull secret', () => checkPullSecret(d, kube, existing)],
    ['app secrets', () => checkAppSecrets(d, kube, existing)],
  ];
  const settle = async ([check, run]: [string, () => Promise<CheckResult>]): Promise<CheckResult> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof JetscaleError && error.exitCode === ExitCode.validation) throw error;
      return { check, ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  };
  const results: CheckResult[] = [];
  if (o.serial) for (const c of checks) results.push(await settle(c));
  else results.push(...(await Promise.all(checks.map(settle))));
  for (const r of results) {
    if (r.changed) d.ctx.out.event({ code: 'TASK_INFO', level: 'info', step: 'preflight', message: r.changed });
  }
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) {
    throw new JetscaleError(`preflight failed (${failed.length} of ${results.length} checks); nothing was deployed`, {
      code: 'E_PREFLIGHT', exitCode: ExitCode.precondition,
      hint: 'fix each check listed below (README "ephemeral:deploy" lists what each needs), then re-run; it resumes with --from preflight',
      tail: failed.map((f) => `✗ ${f.check}: ${f.message}`).join('\n'),
    });
  }
  return results;
}
