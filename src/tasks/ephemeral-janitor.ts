// ephemeral:janitor — the scheduled sweep: candidate environments, PR states from GitHub, orphans destroyed
// (planned unless --apply), at most --max-envs per run.
import * as z from 'zod';
import { preconditionError, usageError } from '../core/errors.js';
import { guardCaller } from '../ephemeral/caller-guard.js';
import { runJanitor } from '../ephemeral/janitor.js';
import { renderJanitorMarkdown, renderJanitorTable } from '../ephemeral/janitor-report.js';
import { parseAge } from '../ephemeral/orphans.js';
import { fetchPrState } from '../ephemeral/pr-state.js';
import { typedTask } from '../runtime/typed-task.js';
import { destroyDeps } from './cleanup-deps.js';

const Input = z.object({
  args: z.object({}),
  flags: z.object({ apply: z.boolean(), grace: z.string(), 'older-than': z.string(), 'max-envs': z.number().int().min(1), 'iac-dir': z.string().optional() }),
});

/** How long one GitHub request may take before the PR counts as unknown. */
const GITHUB_TIMEOUT_MS = 15_000;

/** Finds orphaned preview environments and destroys (or plans) them; exit 6 when a destroyed one left residue. */
export const ephemeralJanitor = typedTask(Input, async (ctx, input) => {
  const graceMs = duration('grace', input.flags.grace);
  const olderThanMs = duration('older-than', input.flags['older-than']);
  const repository = ctx.env.get('GITHUB_REPOSITORY');
  if (!repository || !/^[\w.-]+\/[\w.-]+$/.test(repository)) {
    throw preconditionError(`GITHUB_REPOSITORY is ${repository ? `"${repository}", not owner/name` : 'not set'}, so pull request states cannot be read`, 'set GITHUB_REPOSITORY=owner/name (GitHub Actions sets it)', 'E_GITHUB_REPOSITORY');
  }
  const token = ctx.env.get('GITHUB_TOKEN') || ctx.env.get('GH_TOKEN') || undefined;
  ctx.secrets.add(token);
  const api = { apiUrl: ctx.env.get('GITHUB_API_URL') || 'https://api.github.com', repository, ...(token ? { token } : {}), timeoutMs: Math.min(GITHUB_TIMEOUT_MS, ctx.timeoutOverrideMs ?? GITHUB_TIMEOUT_MS), signal: ctx.signal, gate: ctx.effects };
  const aws = await ctx.aws();
  const caller = await guardCaller(aws, ctx.config.aws);
  const iacDir = input.flags['iac-dir'] ?? '';
  const base = await destroyDeps(ctx, aws, caller, 'janitor', iacDir);
  const report = await runJanitor(base, caller, {
    apply: input.flags.apply, graceMs, olderThanMs, maxEnvs: input.flags['max-envs'],
    prState: (n) => fetchPrState(api, n),
    depsFor: (env) => destroyDeps(ctx, aws, caller, env, iacDir),
  });
  ctx.out.print(renderJanitorTable(report));
  await ctx.out.summary(renderJanitorMarkdown(report));
  return { data: report, exitCode: report.exitCode };
});

function duration(flag: string, text: string): number {
  const ms = parseAge(text);
  if (ms === undefined) throw usageError(`invalid --${flag} "${text}"`, 'use a duration such as 90m, 2h or 7d');
  return ms;
}
