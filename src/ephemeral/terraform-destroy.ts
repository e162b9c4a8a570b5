// Terraform first, when it can work: only when the state object exists and the EKS cluster is ACTIVE (its
// Kubernetes/Helm providers need a reachable cluster). A failure is reported and the sweep runs anyway.
import { InterruptedError } from '../core/errors.js';
import type { Executor } from '../exec/executor.js';
import * as terraform from '../tools/terraform.js';
import type { ToolFinder } from '../tools/tool-finder.js';
import type { Inventory } from './discover.js';

/** Runs `init` + `destroy` for one environment; answers whether it worked (never throws for a failed destroy). */
export interface TerraformRunner {
  /** `tofu in iac/clients` — for the report. */
  readonly where: string;
  destroy(env: string, deadlineMs: number): Promise<{ ok: boolean; recorded: boolean; detail: string }>;
}

/** Whether Terraform runs first, and why (or why not). */
export function terraformDecision(inv: Inventory, runner: TerraformRunner | undefined): { run: boolean; why: string } {
  if (!inv.state) return { run: false, why: 'no state bucket configured (terraform.stateBucket)' };
  if (!inv.state.exists) return { run: false, why: `no state object s3://${inv.state.bucket}/${inv.state.key}` };
  if (!inv.cluster) return { run: false, why: `the EKS cluster ${inv.env} does not exist (ResourceNotFoundException): its providers could not refresh` };
  if (inv.cluster.status !== 'ACTIVE') return { run: false, why: `the EKS cluster ${inv.env} is ${inv.cluster.status}, not ACTIVE` };
  if (!runner) return { run: false, why: 'no IaC directory (--iac-dir or terraform.iacDir)' };
  return { run: true, why: `state object exists and cluster ${inv.env} is ACTIVE` };
}

/** What the runner needs: the executor and tool finder of the run, the IaC directory, the backend and region. */
export interface TerraformRunnerOptions {
  exec: Executor;
  tools: ToolFinder;
  iacDir: string;
  bucket: string;
  keyFor: (env: string) => string;
  region: string;
  lockTimeout: string;
}

/** The runner for `tofu` (or `terraform` when tofu is missing) in `iacDir`, state from the configured bucket. */
export function makeTerraformRunner(o: TerraformRunnerOptions): TerraformRunner {
  return {
    where: o.iacDir,
    async destroy(env, deadlineMs) {
      const started = Date.now();
      try {
        const tool = await o.tools.resolve('tofu');
        await terraform.init(o.exec, tool, { dir: o.iacDir, reconfigure: true, timeoutMs: deadlineMs, backendConfig: { bucket: o.bucket, key: o.keyFor(env), region: o.region } });
        const left = Math.max(1000, deadlineMs - (Date.now() - started));
        const run = await terraform.destroy(o.exec, tool, { dir: o.iacDir, timeoutMs: left, lockTimeout: o.lockTimeout, vars: { env_id: env, cluster_name: env } });
        if (run.skipped) return { ok: true, recorded: true, detail: `${tool.actual} destroy recorded, not run (dry run)` };
        return { ok: true, recorded: false, detail: `${tool.actual} destroy removed ${run.value.summary?.remove ?? 0} resource(s)` };
      } catch (error) {
        if (error instanceof InterruptedError) throw error;
        return { ok: false, recorded: false, detail: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
