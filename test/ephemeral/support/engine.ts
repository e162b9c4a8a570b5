// The destroy path in-process over a simulator: real SDK clients (millisecond retry backoff), a real gate, a
// recording reporter and millisecond pacing, so thousands of runs fit in a test file.
import type { Caller } from '../../../src/ephemeral/caller-guard.js';
import type { DestroyConfig, DestroyDeps } from '../../../src/ephemeral/destroy.js';
import { RecordingReporter } from '../../../src/core/events.js';
import type { AwsSim } from '../../support/aws-sim/index.js';
import { buildAws, type Harness } from '../../aws/harness.js';
import { LB_CAP, STATE_BUCKET, TAG } from './inventory.js';

/** The caller the simulator reports (fixture default). */
export const CALLER: Caller = { account: '111111111111', callerArn: 'arn:aws:sts::111111111111:assumed-role/github-actions-deployer/jetscale-test', region: 'us-east-1' };

export const CONFIG: DestroyConfig = {
  tags: { envId: TAG.env, clusterId: TAG.cluster, lifecycle: TAG.life, controllerCluster: TAG.ctl, protected: TAG.prot },
  protectedNames: [], stateBucket: STATE_BUCKET, stateKeyPattern: 'ephemeral/{env}/terraform.tfstate',
  maxLoadBalancers: LB_CAP, secretRecoveryDays: 0, planTtlMinutes: 60,
};

export interface Engine extends Harness {
  deps: DestroyDeps;
  reporter: RecordingReporter;
}

/** Destroy dependencies over `sim`; `dryRun` is the gate's --dry-run. */
export function engine(sim: AwsSim, opts: { dryRun?: boolean; maxAttempts?: number; config?: Partial<DestroyConfig>; now?: () => Date } = {}): Engine {
  const h = buildAws(sim, { dryRun: opts.dryRun ?? false, maxAttempts: opts.maxAttempts ?? 4 });
  const reporter = new RecordingReporter();
  const deps: DestroyDeps = {
    aws: h.aws, reporter, signal: new AbortController().signal, dryRun: opts.dryRun ?? false, now: opts.now ?? (() => new Date()),
    config: { ...CONFIG, ...opts.config }, toolVersion: 'jetscale test', pacing: { firstMs: 1, maxMs: 4 },
  };
  return { ...h, deps, reporter };
}
