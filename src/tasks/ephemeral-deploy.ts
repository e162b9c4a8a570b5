// ephemeral:deploy <env> — a convergent cluster-per-PR deploy whose green means reachable (seeds 004): identity,
// guards, stale state, adoption, terraform, preflight, helm, the health gate; named steps with deadlines and retry
// policies, journaled so a plain re-run converges and --from resumes. Identity and guards run on every invocation.
import { resolve } from 'node:path';
import * as z from 'zod';
import { usageError } from '../core/errors.js';
import { writeFileEffect } from '../core/file-effects.js';
import { Journal } from '../core/journal.js';
import { runSteps, type Step, type StepOutcome } from '../core/steps.js';
import { makeDeployContext, type DeployContext } from '../ephemeral/deploy-context.js';
import { buildSteps, HEAD_STEPS } from '../ephemeral/deploy-steps.js';
import { renderSummary, type DeployReport } from '../ephemeral/deploy-summary.js';
import { resolveIdentity } from '../ephemeral/identity.js';
import { typedTask } from '../runtime/typed-task.js';
import { gateDiagnostics, observeEnvironment } from './ephemeral-deploy-gate.js';
import { composeDeployValues } from './ephemeral-deploy-values.js';

const Input = z.object({
  args: z.object({ env: z.string() }),
  flags: z.object({
    branch: z.string().optional(),
    'iac-dir': z.string().optional(),
    from: z.string().optional(),
    resolve: z.string().optional(),
    'ca-file': z.string().optional(),
    'https-port': z.number().int().min(1).max(65535).optional(),
    context: z.string().optional(),
    'force-unlock': z.boolean(),
    'recover-pending': z.boolean(),
    diagnostics: z.string().optional(),
  }),
});

/** Appends `key=value` lines to $GITHUB_OUTPUT (an output write: allowed under --dry-run). */
async function writeGithubOutput(d: DeployContext): Promise<void> {
  const file = d.ctx.env.get('GITHUB_OUTPUT');
  if (!file) return;
  const lines = `env_id=${d.id.envId}\nurl=${d.id.url}\npublic_host=${d.id.host}\n`;
  await writeFileEffect(d.ctx.effects, { path: file, data: lines, operation: 'append-github-output', append: true, output: true }, d.ctx.root);
}

/** Deploys one preview environment and gates on its reachability. */
export const ephemeralDeploy = typedTask(Input, async (ctx, input) => {
  const f = input.flags;
  const branch = f.branch ?? (ctx.env.get('GITHUB_HEAD_REF') || ctx.env.get('GITHUB_REF_NAME') || '');
  if (!branch) throw usageError('no branch: the public host is named after it', 'pass --branch <name> (in GitHub Actions GITHUB_HEAD_REF or GITHUB_REF_NAME is used)');
  const id = resolveIdentity(input.args.env, branch, { domain: ctx.config.dns.domain, suffix: ctx.config.dns.hostSuffix, protectedNames: ctx.config.protectedNames });
  const d = makeDeployContext(ctx, id, {
    branch, forceUnlock: f['force-unlock'], recoverPending: f['recover-pending'],
    ...(f['iac-dir'] ? { iacDir: f['iac-dir'] } : {}), ...(f.context ? { context: f.context } : {}), ...(f.resolve ? { resolve: f.resolve } : {}),
    ...(f['ca-file'] ? { caFile: f['ca-file'] } : {}), ...(f['https-port'] ? { httpsPort: f['https-port'] } : {}), ...(f.diagnostics ? { diagnostics: f.diagnostics } : {}),
  }, { composeValues: composeDeployValues, observe: observeEnvironment, diagnostics: gateDiagnostics });
  const journal = await Journal.open({ dir: resolve(ctx.root, ctx.config.journalDir), task: ctx.taskId, key: id.envId, gate: ctx.effects });
  const { head, rest, results } = buildSteps(d, { printIdentity: () => writeGithubOutput(d) });
  const from = f.from !== undefined && HEAD_STEPS.includes(f.from) ? undefined : f.from;
  const opts = { reporter: ctx.out, signal: ctx.signal, journal, ...(ctx.timeoutOverrideMs !== undefined ? { deadlineOverrideMs: ctx.timeoutOverrideMs } : {}) };
  const outcomes: StepOutcome[] = [];
  const startedAt = ctx.now().toISOString();
  const report = (failed?: unknown): DeployReport => ({ envId: id.envId, url: id.url, host: id.host, branch, dryRun: ctx.dryRun, steps: outcomes, results, ...(failed ? { error: failed instanceof Error ? failed.message : String(failed) } : {}) });
  try {
    outcomes.push(...(await runSteps(head as Step[], opts)));
    outcomes.push(...(await runSteps(rest as Step[], { ...opts, ...(from ? { from } : {}) })));
  } catch (error) {
    outcomes.splice(0, outcomes.length, ...journaledSince(journal, [...head, ...rest].map((s) => s.name), startedAt));
    await ctx.out.summary(renderSummary(report(error)));
    throw error;
  }
  const done = report();
  ctx.out.info(`${ctx.dryRun ? 'dry-run: would deploy' : 'deployed and reachable:'} ${id.url}`);
  await ctx.out.summary(renderSummary(done));
  return { data: done };
});

/** The outcomes this run journaled (runSteps rethrows a failure after journaling it, without returning the rest). */
function journaledSince(journal: Journal, names: readonly string[], since: string): StepOutcome[] {
  return names.flatMap((n) => {
    const e = journal.entry(n);
    return e && e.finishedAt >= since ? [{ name: n, status: e.status, durationMs: e.durationMs, attempts: e.attempts, ...(e.error ? { error: e.error } : {}) }] : [];
  });
}
