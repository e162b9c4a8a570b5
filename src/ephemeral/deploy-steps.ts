// The steps of ephemeral:deploy, in order, each with its deadline and retry policy. `head` (identity, guards) runs
// on every invocation, also with --from: nothing may change before the caller is checked. `results` collects what
// each step found, for the summary and --json.
import { JetscaleError } from '../core/errors.js';
import type { RetryPolicy, Step } from '../core/steps.js';
import { adoptKnownResources, type ImportBlock } from './adopt.js';
import type { DeployContext } from './deploy-context.js';
import { guardDeployCaller, type DeployCaller } from './deploy-guard.js';
import { runHealthGate, type GatePassed } from './health-gate.js';
import { deployChart, type HelmOutcome } from './helm-deploy.js';
import { runPreflight, type CheckResult } from './preflight.js';
import { reconcileStaleState, type StaleStateOutcome } from './stale-state.js';
import { applyTerraform, terraformRetry, type TfApplyOutcome } from './tf-apply.js';

/** Steps that always run. */
export const HEAD_STEPS = ['identity', 'guards'];
/** Every step, in order (`--from` takes one of them). */
export const DEPLOY_STEPS = [...HEAD_STEPS, 'stale-state', 'adopt', 'terraform', 'preflight', 'helm', 'health'] as const;

/** What the steps found, by step. */
export interface StepResults {
  identity?: { envId: string; host: string; url: string };
  guards?: DeployCaller;
  staleState?: StaleStateOutcome;
  adopt?: ImportBlock[] | 'skipped';
  terraform?: TfApplyOutcome;
  preflight?: CheckResult[];
  helm?: HelmOutcome;
  health?: GatePassed;
}

const MIN = 60_000;

/** AWS or the Kubernetes API throttling, failing or unreachable: worth another attempt. */
function transient(error: unknown): boolean {
  return error instanceof JetscaleError && ['E_AWS_RETRIES_EXHAUSTED', 'E_AWS_UNREACHABLE', 'E_KUBE_UNREACHABLE', 'E_KUBE_TIMEOUT'].includes(error.code);
}

function transientRetry(d: DeployContext): RetryPolicy {
  return { attempts: 3, on: 'AWS or the Kubernetes API throttling or unreachable', retryable: transient, delayMs: (n) => d.ctx.config.terraform.retryDelaySeconds * 1000 * n };
}

/** The head and the rest of the steps for one run. */
export function buildSteps(d: DeployContext, o: { printIdentity: () => Promise<void> }): { head: Step<unknown>[]; rest: Step<unknown>[]; results: StepResults } {
  const results: StepResults = {};
  const info = (step: string, message: string) => d.ctx.out.event({ code: 'TASK_INFO', level: 'info', step, message });
  const c = d.ctx.config;
  const head: Step<unknown>[] = [
    {
      name: 'identity', deadlineMs: MIN, run: async () => {
        info('identity', `${d.id.envId}: cluster, namespace and Helm release ${d.id.envId}; public host ${d.id.host} → ${d.id.url}`);
        results.identity = { envId: d.id.envId, host: d.id.host, url: d.id.url };
        await o.printIdentity();
      },
    },
    {
      name: 'guards', deadlineMs: 2 * MIN, run: async () => {
        d.caller = await guardDeployCaller(await d.aws(), c.aws);
        results.guards = d.caller;
        info('guards', `deploying as ${d.caller.arn} in account ${d.caller.account}, ${d.caller.region}`);
      },
    },
  ];
  const rest: Step<unknown>[] = [
    {
      name: 'stale-state', deadlineMs: 10 * MIN, retry: transientRetry(d), run: async () => {
        const r = (results.staleState = await reconcileStaleState(d));
        info('stale-state', r.action === 'pruned' ? `EKS cluster ${d.id.cluster} is gone (ResourceNotFoundException): state ${d.ctx.dryRun ? 'would be backed up' : 'backed up'} to ${r.backup}, then ${r.addresses.length} cluster-bound resource(s) ${d.ctx.dryRun ? 'would be dropped' : 'dropped'} from state: ${r.addresses.join(', ')}` : r.why);
      },
    },
    {
      name: 'adopt', deadlineMs: 10 * MIN, retry: transientRetry(d), run: async () => {
        const blocks = await adoptKnownResources(d);
        results.adopt = blocks ?? 'skipped';
        info('adopt', blocks === undefined ? 'no IaC directory: nothing to adopt' : blocks.length ? `adopting ${blocks.map((b) => `${b.address} ← ${b.id}`).join(', ')}` : 'nothing to adopt');
      },
    },
    {
      name: 'terraform', deadlineMs: 60 * MIN, retry: terraformRetry(d), run: async (signal) => {
        const r = (results.terraform = await applyTerraform(d, signal));
        const s = r.action === 'skipped' ? undefined : r.summary;
        info('terraform', r.action === 'skipped' ? r.why : `${r.action}: ${s ? `${s.import} imported, ${s.add} added, ${s.change} changed, ${s.remove} destroyed` : 'no change summary'}`);
      },
    },
    {
      name: 'preflight', deadlineMs: 10 * MIN, run: async () => {
        results.preflight = await runPreflight(d);
        for (const r of results.preflight) d.ctx.out.event({ code: 'TASK_INFO', level: 'debug', step: 'preflight', message: `✓ ${r.check}: ${r.message}` });
        info('preflight', `${results.preflight.length} checks passed`);
      },
    },
    {
      name: 'helm', deadlineMs: c.ephemeral.helmTimeoutSeconds * 1000 + 5 * MIN, run: async () => {
        results.helm = await deployChart(d);
        info('helm', `release ${d.id.release}${results.helm.revision ? ` revision ${results.helm.revision}` : ''} (subcharts ${results.helm.dependencies})`);
      },
    },
    {
      name: 'health', deadlineMs: c.ephemeral.health.deadlineSeconds * 1000 + 2 * MIN, run: async (signal) => {
        results.health = await runHealthGate(d, signal);
        info('health', results.health.dryRun ? 'dry-run: the gate looked once' : `reachable: every check passed ${c.ephemeral.health.passes} time(s) in a row (first green after ${results.health.firstGreenMs} ms)`);
      },
    },
  ];
  return { head, rest, results };
}
