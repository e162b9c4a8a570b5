// One simulator and one `createAws` per test, wired only through the env view (sim.env()), never process.env.
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { afterEach } from 'vitest';
import { createAws, type Aws, type AwsClientOptions } from '../../src/aws/index.js';
import { EffectGate, type Effect } from '../../src/core/effects.js';
import { Secrets } from '../../src/core/secrets.js';
import { startAwsSim, type AwsSim, type AwsSimOptions } from '../support/aws-sim/index.js';

/** The example fixture (a pr-7 environment). */
export const EXAMPLE = new URL('../support/aws-sim/fixtures/example.yaml', import.meta.url).pathname;

/** What a test gets: the simulator, the adapter under test, its gate and redactor. */
export interface Harness {
  sim: AwsSim;
  aws: Aws;
  gate: EffectGate;
  secrets: Secrets;
  /** The env view the adapter was given. */
  env: Record<string, string>;
}

export interface HarnessOptions extends AwsSimOptions {
  dryRun?: boolean;
  ceiling?: Effect;
  maxAttempts?: number;
  signal?: AbortSignal;
  /** Changes to the env view (undefined removes a variable). */
  env?: Record<string, string | undefined>;
}

/** The standard strategy with millisecond backoff, so retry tests stay fast (an option of createAws, not a global). */
export const fastRetry = (maxAttempts: number) => new ConfiguredRetryStrategy(maxAttempts, (attempt: number) => 2 * attempt);

/** Registers cleanup and returns a starter; each test starts its own simulator. */
export function awsPerTest(): (opts?: HarnessOptions) => Promise<Harness> {
  const running: Harness[] = [];
  afterEach(async () => {
    for (const h of running.splice(0)) {
      h.aws.destroy();
      await h.sim.stop();
    }
  });
  return async (opts = {}) => {
    const sim = await startAwsSim(opts);
    const h = buildAws(sim, opts);
    running.push(h);
    return h;
  };
}

/** createAws over `sim` with a fresh gate (tests that need a second gate on the same simulator call it again). */
export function buildAws(sim: AwsSim, opts: HarnessOptions = {}): Harness {
  const secrets = new Secrets();
  const gate = new EffectGate({ dryRun: opts.dryRun ?? false, ceiling: opts.ceiling ?? 'destroy', secrets, taskId: 'test:aws' });
  // AWS_ENDPOINT_URL covers services the simulator's env() does not list yet (S3).
  const env: Record<string, string> = { AWS_ENDPOINT_URL: sim.url, ...sim.env() };
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const options: AwsClientOptions = { gate, env, secrets, maxAttempts: opts.maxAttempts ?? 3, retryStrategy: fastRetry, signal: opts.signal };
  return { sim, aws: createAws(options), gate, secrets, env };
}

/** `service:Operation` of every request the simulator received. */
export const requestKeys = (sim: AwsSim): string[] => sim.requests.map((r) => `${r.service}:${r.operation}`);

/** True when every request the simulator received was a read. */
export const onlyReads = (sim: AwsSim): boolean => sim.requests.every((r) => /^(Describe|List|Get|Head)/.test(r.operation));
