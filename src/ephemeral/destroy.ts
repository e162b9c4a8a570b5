// The destroy path of one environment: discover → judge → plan; then (with --apply) Terraform when it can work,
// the SDK sweep in dependency order, and verification by re-discovery. Without --apply it is a plan only.
import type { Aws, DeleteSecretMode } from '../aws/index.js';
import type { Reporter } from '../core/events.js';
import type { Journal } from '../core/journal.js';
import { runSteps } from '../core/steps.js';
import { JetscaleError, isInterrupt } from '../core/errors.js';
import type { Caller } from './caller-guard.js';
import { buildPlan, deletable, type Plan } from './cleanup-plan.js';
import { discoverEnv, stateKey, type Inventory } from './discover.js';
import { judgeAll, type JudgeContext } from './ownership.js';
import { matchesPlanned } from './plan-file.js';
import { backoffMs, DEFAULT_PACING, type Pacing } from './poll.js';
import { classifyResidue, mayStillClear } from './residue.js';
import type { Outcome, PlanResource, Residue, TagKeys } from './resources.js';
import { typeOps, type TypeOps } from './sweep-ops.js';
import { runSweep } from './sweep.js';
import { terraformDecision, type TerraformRunner } from './terraform-destroy.js';

/** The configuration the destroy path reads. */
export interface DestroyConfig {
  tags: TagKeys;
  protectedNames: readonly string[];
  stateBucket: string;
  stateKeyPattern: string;
  maxLoadBalancers: number;
  secretRecoveryDays: number;
  planTtlMinutes: number;
}

/** Everything the destroy path uses from the outside world. */
export interface DestroyDeps {
  aws: Aws;
  reporter: Reporter;
  signal: AbortSignal;
  /** The gate's --dry-run: deletes are recorded, so nothing is waited for or verified. */
  dryRun: boolean;
  now: () => Date;
  config: DestroyConfig;
  toolVersion: string;
  /** Absent: Terraform is never run (no IaC directory). */
  terraform?: TerraformRunner;
  pacing?: Pacing;
  /** `--timeout`: replaces every step's deadline. */
  deadlineOverrideMs?: number;
  journal?: Journal;
}

export interface DestroyRequest {
  env: string;
  caller: Caller;
  apply: boolean;
  /** `--plan`: delete only what is in it and still matches it. */
  plan?: Plan;
}

/** The result of one destroy run (the `--json` document's `data`). */
export interface DestroyReport {
  env: string;
  mode: 'plan' | 'apply' | 'dry-run';
  plan: Plan;
  terraform: { ran: boolean; ok?: boolean; why: string; detail?: string };
  outcomes: Outcome[];
  /** Absent for a plan or a dry run (nothing was deleted, so nothing was verified). */
  residue?: Residue[];
  /** Set when the whole apply was refused (blast radius). */
  refused?: string;
  exitCode: 0 | 6;
}

const TERRAFORM_DEADLINE_MS = 45 * 60_000;
const VERIFY_DEADLINE_MS = 5 * 60_000;

/** Runs the destroy path for one environment (guards already passed: `req.caller` is the checked identity). */
export async function destroyEnv(deps: DestroyDeps, req: DestroyRequest): Promise<DestroyReport> {
  const { config: cfg } = deps;
  const pacing = deps.pacing ?? DEFAULT_PACING;
  const base = judgeBase(cfg, req.env);
  const inv = await discoverEnv(deps.aws, { env: req.env, tags: cfg.tags, stateBucket: cfg.stateBucket, stateKeyPattern: cfg.stateKeyPattern });
  const { resources, anchor } = judgeAll(inv.found, base);
  const plan = buildPlan(resources, {
    identity: { account: req.caller.account, callerArn: req.caller.callerArn, region: req.caller.region, env: req.env },
    now: deps.now(), ttlMinutes: cfg.planTtlMinutes, toolVersion: deps.toolVersion, maxLoadBalancers: cfg.maxLoadBalancers,
  });
  announce(deps.reporter, plan);
  const tf = terraformDecision(inv, deps.terraform);
  const mode = !req.apply ? 'plan' : deps.dryRun ? 'dry-run' : 'apply';
  const report = (r: Partial<DestroyReport>): DestroyReport => ({ env: req.env, mode, plan, terraform: { ran: false, why: tf.why }, outcomes: [], exitCode: 0, ...r });
  if (!req.apply) return report({});
  const refused = plan.refusal ?? req.plan?.refusal;
  if (refused) {
    deps.reporter.event({ code: 'TASK_WARN', level: 'warn', message: `${req.env}: apply refused, nothing deleted: ${refused}` });
    return report({ refused, exitCode: 6 });
  }

  const terraform = tf.run ? await runTerraform(deps, req.env, tf.why) : { ran: false, why: tf.why };
  const planned = req.plan ? new Map(req.plan.resources.map((r) => [r.id, r] as const)) : undefined;
  const stillPlanned = planned ? (r: PlanResource) => matchesPlanned(r, planned, cfg.tags) : undefined;
  const targets = deletable(plan).filter((r) => !stillPlanned?.(r));
  const judgeCtx: JudgeContext = anchor ? { ...base, anchor } : base;
  const secretMode: DeleteSecretMode = cfg.secretRecoveryDays === 0 ? { force: true } : { recoveryWindowInDays: cfg.secretRecoveryDays };
  const ops = typeOps(deps.aws, secretMode);
  const outcomes = await runSweep({
    ops, reporter: deps.reporter, signal: deps.signal, pacing, judgeCtx, edges: plan.edges,
    ...(stillPlanned ? { stillPlanned } : {}), ...(deps.journal ? { journal: deps.journal } : {}),
    ...(deps.deadlineOverrideMs !== undefined ? { deadlineOverrideMs: deps.deadlineOverrideMs } : {}),
  }, targets);
  if (deps.dryRun) return report({ terraform, outcomes: [...outcomes.values()] });

  const residue = await verify(deps, inv, judgeCtx, { outcomes, blocked: plan.blocked, targeted: new Set(targets.map((t) => t.id)) }, ops, pacing);
  for (const r of residue) deps.reporter.event({ code: 'TASK_WARN', level: 'warn', message: `${req.env}: left ${r.type} ${r.name}: ${r.why}` });
  return report({ terraform, outcomes: [...outcomes.values()], residue, exitCode: residue.length ? 6 : 0 });
}

function judgeBase(cfg: DestroyConfig, env: string): Omit<JudgeContext, 'anchor'> {
  return { env, tags: cfg.tags, protectedNames: cfg.protectedNames, ...(cfg.stateBucket ? { state: { bucket: cfg.stateBucket, key: stateKey(cfg.stateKeyPattern, env) } } : {}) };
}

/** One line per planned action; suspects and refusals are warnings. */
function announce(reporter: Reporter, plan: Plan): void {
  const env = plan.identity.env;
  const del = plan.resources.filter((r) => r.action === 'delete').length;
  reporter.event({ code: 'TASK_INFO', level: 'info', message: `${env}: found ${plan.resources.length} resource(s), ${del} owned (two signals)` });
  for (const r of plan.resources) if (r.action === 'suspect' || r.action === 'refused') reporter.event({ code: 'TASK_WARN', level: 'warn', message: `${env}: ${r.type} ${r.name}: ${r.reason}` });
  if (plan.refusal) reporter.event({ code: 'TASK_WARN', level: 'warn', message: `${env}: ${plan.refusal}` });
}

/** Terraform destroy as a step under its deadline; a failure is reported and the sweep continues. */
async function runTerraform(deps: DestroyDeps, env: string, why: string): Promise<DestroyReport['terraform']> {
  const runner = deps.terraform!;
  let result: { ok: boolean; recorded: boolean; detail: string } = { ok: false, recorded: false, detail: 'did not run' };
  const deadline = deps.deadlineOverrideMs ?? TERRAFORM_DEADLINE_MS;
  try {
    await runSteps([{ name: `terraform destroy (${runner.where})`, deadlineMs: deadline, run: async () => {
      result = await runner.destroy(env, deadline);
    } }], stepOptions(deps));
  } catch (error) {
    if (isInterrupt(deps.signal)) throw error;
    result = { ok: false, recorded: false, detail: error instanceof Error ? error.message : String(error) };
  }
  if (!result.ok) deps.reporter.event({ code: 'TASK_WARN', level: 'warn', message: `${env}: terraform destroy failed, sweeping with the SDK instead: ${result.detail}` });
  return { ran: true, ok: result.ok, why, detail: result.detail };
}

/**
 * Discovers everything again and judges what is left; then, while some of it is still going away (EKS deleting,
 * a load balancer still listed for a few reads), looks at just those again until they are gone or the deadline passes.
 */
async function verify(deps: DestroyDeps, inv: Inventory, judgeCtx: JudgeContext, ctx: Parameters<typeof classifyResidue>[1], ops: Record<string, TypeOps>, pacing: Pacing): Promise<Residue[]> {
  const cfg = deps.config;
  const vpcId = judgeCtx.anchor?.vpcId ?? inv.cluster?.vpcId;
  const again = await discoverEnv(deps.aws, { env: inv.env, tags: cfg.tags, stateBucket: cfg.stateBucket, stateKeyPattern: cfg.stateKeyPattern, ...(vpcId ? { vpcId } : {}) });
  // Judged with the anchor of the first discovery: the cluster that anchored the VPC may be gone by now.
  const judged = new Map(judgeAll(again.found, judgeCtx).resources.map((r) => [r.id, r] as const));
  let residue = classifyResidue([...judged.values()], ctx);
  if (!mayStillClear(residue)) return residue;
  try {
    await runSteps([{
      name: `verify ${inv.env}`,
      deadlineMs: VERIFY_DEADLINE_MS,
      retry: { attempts: 10_000, on: 'resources still being deleted', retryable: (e) => e instanceof StillClearing, delayMs: (n) => backoffMs(pacing, n) },
      run: async () => {
        const left: Residue[] = [];
        for (const r of residue) if (r.kind !== 'still-deleting' || !(await ops[r.type]!.gone(judged.get(r.id)!))) left.push(r);
        residue = left;
        if (mayStillClear(residue)) throw new StillClearing();
      },
    }], stepOptions(deps));
  } catch (error) {
    // Out of time (or retries) while something was still going away: that is the residue. Anything else stops the run.
    const gaveUp = error instanceof StillClearing || (error instanceof JetscaleError && error.code === 'E_STEP_DEADLINE');
    if (isInterrupt(deps.signal) || !gaveUp) throw error;
  }
  return residue;
}

class StillClearing extends Error {}

function stepOptions(deps: DestroyDeps) {
  return { reporter: deps.reporter, signal: deps.signal, ...(deps.journal ? { journal: deps.journal } : {}), ...(deps.deadlineOverrideMs !== undefined ? { deadlineOverrideMs: deps.deadlineOverrideMs } : {}) };
}
