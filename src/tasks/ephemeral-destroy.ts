// ephemeral:destroy <env> — the PR-close path: guards, discovery, plan; with --apply Terraform first when it can
// work, the SDK sweep in dependency order, verification. Without --apply it only plans.
import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import { JetscaleError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { guardCaller } from '../ephemeral/caller-guard.js';
import { destroyEnv } from '../ephemeral/destroy.js';
import { renderMarkdown, renderTable } from '../ephemeral/destroy-report.js';
import { parseEnvId } from '../ephemeral/env-id.js';
import { readPlanFile } from '../ephemeral/plan-file.js';
import { typedTask } from '../runtime/typed-task.js';
import { destroyDeps } from './cleanup-deps.js';

const Input = z.object({
  args: z.object({ env: z.string() }),
  flags: z.object({ apply: z.boolean(), 'plan-out': z.string().optional(), plan: z.string().optional(), 'iac-dir': z.string().optional() }),
});

/** Plans (default) or applies the cleanup of one preview environment; exit 6 when anything is left. */
export const ephemeralDestroy = typedTask(Input, async (ctx, input) => {
  // Guards first: the id and the deny list, then one STS call against the allow lists; nothing else before them.
  const env = parseEnvId(input.args.env, ctx.config.protectedNames);
  const aws = await ctx.aws();
  const caller = await guardCaller(aws, ctx.config.aws);
  const planFile = input.flags.plan;
  const plan = planFile ? readPlanFile(await readPlanText(planFile), planFile, { ...caller, env }, ctx.now()) : undefined;
  const deps = await destroyDeps(ctx, aws, caller, env, input.flags['iac-dir'] ?? '');
  const report = await destroyEnv(deps, { env, caller, apply: input.flags.apply, ...(plan ? { plan } : {}) });
  const out = input.flags['plan-out'];
  if (out) {
    // The plan file is the output the user asked for (the PR-close job writes it, then applies it): it is written under
    // --dry-run too, so the message below is true and the file can be reviewed.
    await ctx.writeFile(out, JSON.stringify(report.plan, null, 2) + '\n', { operation: 'write-plan', output: true });
    ctx.out.info(`plan written to ${out} (hash ${report.plan.hash}); apply it with --apply --plan ${out}`);
  }
  ctx.out.print(renderTable(report));
  await ctx.out.summary(renderMarkdown(report));
  return { data: report, exitCode: report.exitCode };
});

async function readPlanText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new JetscaleError(`refusing the plan ${file}: it cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); nothing was deleted`, {
      code: 'E_PLAN_REFUSED', exitCode: ExitCode.usage, hint: 'pass the file written by --plan-out',
    });
  }
}
