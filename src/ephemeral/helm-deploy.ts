// The helm step: vendored subcharts (dependency build once, skipped when charts/ already holds every locked
// dependency), recovery of a release stuck in pending-*, the checked values, then `helm upgrade --install` with a
// timeout. No --wait: helm 4's watcher would wait on every custom resource with no explanation; readiness is the
// health gate's job, which says which layer is not ready and why.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { JetscaleError } from '../core/errors.js';
import { writeFileEffect } from '../core/file-effects.js';
import { ExitCode } from '../core/exit-codes.js';
import * as helm from '../tools/helm.js';
import type { DeployContext } from './deploy-context.js';
import { decidePendingRecovery } from './pending-release.js';

/** What the step did. */
export interface HelmOutcome {
  dependencies: 'vendored' | 'built';
  recovery?: string;
  revision?: number;
}

/** True when charts/ holds `<name>-<version>.tgz` for every dependency in Chart.lock (nothing to download). */
export async function dependenciesVendored(chartDir: string): Promise<boolean> {
  const lock = await readFile(join(chartDir, 'Chart.lock'), 'utf8').catch(() => undefined);
  if (lock === undefined) return false;
  const deps = ((parse(lock) as { dependencies?: Array<{ name?: string; version?: string }> } | null)?.dependencies ?? []);
  return deps.every((dep) => dep.name && dep.version && existsSync(join(chartDir, 'charts', `${dep.name}-${dep.version}.tgz`)));
}

/** Rolls back or uninstalls a release stuck in pending-*, behind the age guard or --recover-pending. */
async function recoverPending(d: DeployContext, tool: Awaited<ReturnType<DeployContext['tool']>>): Promise<string | undefined> {
  const target = { release: d.id.release, namespace: d.id.namespace, ...(d.flags.context ? { kubeContext: d.flags.context } : {}) };
  const history = await helm.history(d.ctx.exec, tool, target);
  const decision = decidePendingRecovery(history, { now: d.ctx.now(), minAgeMs: d.ctx.config.ephemeral.helmTimeoutSeconds * 1000, force: d.flags.recoverPending });
  if (decision.action === 'none') return undefined;
  if (decision.action === 'refuse') {
    throw new JetscaleError(`Helm release ${d.id.namespace}/${d.id.release} is stuck: ${decision.why}`, {
      code: 'E_HELM_PENDING', exitCode: ExitCode.precondition,
      hint: 'if no other deploy of this environment is running, re-run with --recover-pending to roll it back now',
    });
  }
  d.ctx.out.event({ code: 'TASK_WARN', level: 'warn', step: 'helm', message: `recovering Helm release ${d.id.release}: ${decision.why}` });
  if (decision.action === 'rollback') await helm.rollback(d.ctx.exec, tool, { ...target, revision: decision.revision, timeoutMs: d.ctx.config.ephemeral.helmTimeoutSeconds * 1000 });
  else await helm.uninstall(d.ctx.exec, tool, { ...target, wait: true, timeoutMs: d.ctx.config.ephemeral.helmTimeoutSeconds * 1000 });
  return decision.why;
}

/** The helm step. */
export async function deployChart(d: DeployContext): Promise<HelmOutcome> {
  const tool = await d.tool('helm');
  const s = d.settings;
  const values = await d.values();
  const vendored = await dependenciesVendored(s.chartDir);
  if (!vendored) await helm.dependencyBuild(d.ctx.exec, tool, { chartDir: s.chartDir });
  for (const [path, data] of Object.entries(values.generated)) await writeFileEffect(d.ctx.effects, { path, data, operation: 'write-values', createDirs: true }, d.ctx.root);
  const recovery = await recoverPending(d, tool);
  const timeoutMs = d.ctx.config.ephemeral.helmTimeoutSeconds * 1000;
  await helm.upgradeInstall(d.ctx.exec, tool, {
    release: d.id.release, chart: s.chartDir, namespace: d.id.namespace, createNamespace: true, valuesFiles: values.files, timeoutMs,
    ...(d.flags.context ? { kubeContext: d.flags.context } : {}),
  });
  const status = await helm.status(d.ctx.exec, tool, { release: d.id.release, namespace: d.id.namespace, ...(d.flags.context ? { kubeContext: d.flags.context } : {}) });
  return { dependencies: vendored ? 'vendored' : 'built', ...(recovery ? { recovery } : {}), ...(status ? { revision: status.version } : {}) };
}
