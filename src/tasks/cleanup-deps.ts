// What ephemeral:destroy and ephemeral:janitor share: the destroy path's dependencies built from the task
// context (facades, reporter, gate mode, config, journal, Terraform runner) and jetscale's own version.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Aws } from '../aws/index.js';
import { Journal } from '../core/journal.js';
import type { Caller } from '../ephemeral/caller-guard.js';
import type { DestroyConfig, DestroyDeps } from '../ephemeral/destroy.js';
import { stateKey } from '../ephemeral/discover.js';
import { makeTerraformRunner } from '../ephemeral/terraform-destroy.js';
import type { TaskContext } from '../runtime/context.js';

/** How long terraform waits for a held state lock before failing (then the sweep runs). */
const LOCK_TIMEOUT = '5m';

/** The destroy configuration from jetscale.config.yaml. */
export function destroyConfig(ctx: TaskContext): DestroyConfig {
  const c = ctx.config;
  return {
    tags: c.tags, protectedNames: c.protectedNames, stateBucket: c.terraform.stateBucket, stateKeyPattern: c.terraform.stateKeyPattern,
    maxLoadBalancers: c.ephemeral.maxLoadBalancers, secretRecoveryDays: c.ephemeral.secretRecoveryDays, planTtlMinutes: c.ephemeral.planTtlMinutes,
  };
}

/** The destroy path's dependencies for one environment; `iacDir` ('' = none) enables Terraform. */
export async function destroyDeps(ctx: TaskContext, aws: Aws, caller: Caller, env: string, iacDir: string): Promise<DestroyDeps> {
  const config = destroyConfig(ctx);
  // Steps run (and journal) only when deleting, so a plan leaves no journal behind.
  const journal = await Journal.open({ dir: join(ctx.root, ctx.config.journalDir), task: ctx.taskId, key: env, gate: ctx.effects });
  return {
    aws, reporter: ctx.out, signal: ctx.signal, dryRun: ctx.dryRun, now: ctx.now, config, toolVersion: toolVersion(), journal,
    ...(ctx.timeoutOverrideMs !== undefined ? { deadlineOverrideMs: ctx.timeoutOverrideMs } : {}),
    ...(iacDir && config.stateBucket
      ? { terraform: makeTerraformRunner({ exec: ctx.exec, tools: ctx.tools, iacDir, bucket: config.stateBucket, keyFor: (e) => stateKey(config.stateKeyPattern, e), region: caller.region, lockTimeout: LOCK_TIMEOUT }) }
      : {}),
  };
}

let version: string | undefined;

/** `jetscale <version>` from the nearest package.json named jetscale above this module (src/ or dist/). */
export function toolVersion(): string {
  if (version) return version;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++, dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'jetscale') return (version = `jetscale ${pkg.version ?? '0.0.0'}`);
    } catch {
      // not here; look one level up
    }
  }
  return (version = 'jetscale (unknown version)');
}
