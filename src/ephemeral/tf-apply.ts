// The terraform step: `apply -json` with `-lock-timeout`, failures classified from the diagnostics. A held lock is
// waited for, then retried; past the step's attempts it fails naming the holder, and it is released only with
// --force-unlock and only when older than terraform.forceUnlockAfterMinutes. The ALB controller's webhook not
// answering means: wait for its Deployment, then retry. Anything else fails at once with the error summary.
// Under --dry-run the step plans without taking the lock (a read) and reports what apply would change.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JetscaleError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import type { RetryPolicy } from '../core/steps.js';
import * as tf from '../tools/terraform.js';
import type { TfChangeSummary } from '../tools/terraform.js';
import type { DeployContext } from './deploy-context.js';
import { classifyDiagnostics, describeHolder, diagnosticsOf, type LockHolder } from './tf-failure.js';
import { initTerraform, lockWait, terraformVars } from './tf-run.js';
import { waitForDeployment } from './workload-wait.js';

/** A failure the step's retry policy runs again (a held lock, the webhook that was not ready). */
export class TfRetryableError extends JetscaleError {
  constructor(message: string, code: 'E_TF_LOCKED' | 'E_TF_FAILED', hint: string, tail?: string) {
    super(message, { code, exitCode: ExitCode.taskFailed, hint, ...(tail ? { tail } : {}) });
    this.name = 'TfRetryableError';
  }
}

/** The step's retry policy: only the classified transient failures, `terraform.applyAttempts` times. */
export function terraformRetry(d: DeployContext): RetryPolicy {
  const t = d.ctx.config.terraform;
  return { attempts: t.applyAttempts, on: 'a held state lock or the ALB controller webhook not ready', retryable: (e) => e instanceof TfRetryableError, delayMs: () => t.retryDelaySeconds * 1000 };
}

/** What the step did. */
export type TfApplyOutcome = { action: 'skipped'; why: string } | { action: 'planned' | 'applied'; summary: TfChangeSummary | undefined };

/** One attempt of the terraform step. */
export async function applyTerraform(d: DeployContext, signal: AbortSignal): Promise<TfApplyOutcome> {
  const dir = d.settings.iacDir;
  if (!dir) return { action: 'skipped', why: 'no IaC directory is configured (terraform.iacDir or --iac-dir)' };
  await initTerraform(d);
  const tool = await d.tool('terraform');
  const vars = terraformVars(d);
  if (d.ctx.effects.verdict('write') === 'record') {
    // A read: no lock is taken, nothing is written but the plan file. Plans embed state (sensitive values included),
    // so it goes to a private (0700) temp directory that is removed afterwards.
    const privateDir = await mkdtemp(join(tmpdir(), `jetscale-${d.id.envId}-`));
    const planFile = join(privateDir, 'dry-run.tfplan');
    const run = await tf.plan(d.ctx.exec, tool, { dir, vars, lock: false, planFile }).finally(() => rm(privateDir, { recursive: true, force: true }));
    await tf.apply(d.ctx.exec, tool, { dir, vars, ...lockWait(d) }); // recorded, not run: it shows in the dry-run transcript
    return { action: 'planned', summary: run.summary };
  }
  try {
    const r = await tf.apply(d.ctx.exec, tool, { dir, vars, ...lockWait(d) });
    return { action: 'applied', summary: r.skipped ? undefined : r.value.summary };
  } catch (error) {
    throw await explainFailure(d, error, signal);
  }
}

async function explainFailure(d: DeployContext, error: unknown, signal: AbortSignal): Promise<Error> {
  const diagnostics = diagnosticsOf(error);
  if (diagnostics.length === 0) return error as Error;
  const failure = classifyDiagnostics(diagnostics);
  if (failure.kind === 'lock') return lockFailure(d, failure.holder, failure.summary);
  if (failure.kind === 'webhook') {
    const alb = d.ctx.config.ephemeral.albController;
    d.ctx.out.event({ code: 'TASK_WARN', level: 'warn', step: 'terraform', message: `the AWS Load Balancer Controller webhook is not answering yet; waiting for Deployment ${alb.namespace}/${alb.deployment}` });
    const health = await waitForDeployment(await d.kube(), alb.namespace, alb.deployment, { deadlineMs: 10 * 60_000, intervalMs: Math.min(2000, d.ctx.config.ephemeral.health.intervalMs), signal });
    if (health.status !== 'Current') return new JetscaleError(`the AWS Load Balancer Controller is not available (${health.reason}: ${health.message}), so its webhook cannot answer`, { code: 'E_TF_FAILED', hint: `look at the controller: kubectl -n ${alb.namespace} describe deploy/${alb.deployment}`, tail: failure.summary });
    return new TfRetryableError('terraform failed because the ALB controller webhook was not ready; the controller is available now', 'E_TF_FAILED', 'it is retried automatically', failure.summary);
  }
  return new JetscaleError(`terraform apply failed: ${diagnostics.find((x) => x.severity === 'error')?.summary ?? 'see the diagnostics'}`, { code: 'E_TF_FAILED', hint: 'fix the error terraform reports (the diagnostics are below), then re-run; the step journal resumes here with --from terraform', tail: failure.summary });
}

async function lockFailure(d: DeployContext, holder: LockHolder | undefined, summary: string): Promise<Error> {
  const now = d.ctx.now();
  const t = d.ctx.config.terraform;
  const held = describeHolder(holder, now);
  const ageMin = holder?.created ? (now.getTime() - holder.created.getTime()) / 60_000 : undefined;
  if (d.flags.forceUnlock && holder && ageMin !== undefined && ageMin >= t.forceUnlockAfterMinutes) {
    d.ctx.out.event({ code: 'TASK_WARN', level: 'warn', step: 'terraform', message: `--force-unlock: releasing ${held}, older than ${t.forceUnlockAfterMinutes} min` });
    await tf.forceUnlock(d.ctx.exec, await d.tool('terraform'), { dir: d.settings.iacDir, lockId: holder.id });
    return new TfRetryableError(`released the stale state ${held}`, 'E_TF_LOCKED', 'it is retried automatically');
  }
  const refused = d.flags.forceUnlock ? ` (--force-unlock refused: the lock is ${ageMin === undefined ? 'of unknown age' : `${Math.round(ageMin)} min old`}, not older than terraform.forceUnlockAfterMinutes = ${t.forceUnlockAfterMinutes})` : '';
  return new TfRetryableError(`the Terraform state is locked: ${held}${refused}`, 'E_TF_LOCKED',
    `wait for that run to finish; if it died, re-run with --force-unlock once the lock is older than ${t.forceUnlockAfterMinutes} min (terraform.forceUnlockAfterMinutes)`, summary);
}
