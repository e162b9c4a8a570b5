// The gate's loop on scripted observations: green only after `passes` all-green polls in a row (a red poll resets the
// count), a Deployment past its progress deadline ends it at once, the deadline ends it with exit 5, the causal
// chain and a redacted diagnostics bundle, and --dry-run looks once without failing.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/core/config-schema.js';
import { EffectGate } from '../../src/core/effects.js';
import { JetscaleError } from '../../src/core/errors.js';
import { RecordingReporter } from '../../src/core/events.js';
import { Secrets } from '../../src/core/secrets.js';
import type { DeployContext } from '../../src/ephemeral/deploy-context.js';
import { explainFailure, runHealthGate } from '../../src/ephemeral/health-gate.js';
import { resolveIdentity } from '../../src/ephemeral/identity.js';
import { current, failed, inProgress, makeCheck, type Check } from '../../src/health/index.js';

let dir: string;
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'jetscale-gate-loop-'))));
afterAll(async () => rm(dir, { recursive: true, force: true }));

const green = (): Check[] => [makeCheck('http.root', 'https://h/', current('Http200', 'GET https://h/ → 200')), makeCheck('kube.deployments', 'pr-7/Deployment/api', current('Available', 'available 1/1'))];
const red = (): Check[] => [
  makeCheck('http.root', 'https://h/', failed('Http503', 'GET https://h/ → 503')),
  makeCheck('alb.targets', 'tg', failed('NoHealthyTargets', 'tg has 0 of 1 targets healthy')),
  makeCheck('kube.pods', 'pr-7/Pod/api-1', failed('CrashLoopBackOff', 'container api: CrashLoopBackOff, token=s3cr3t-token-value')),
];

function gateContext(script: Array<() => Check[]>, o: { passes?: number; deadlineSeconds?: number; dryRun?: boolean } = {}) {
  const config = ConfigSchema.parse({ ephemeral: { health: { intervalMs: 10, passes: o.passes ?? 3, deadlineSeconds: o.deadlineSeconds ?? 1 } } });
  const secrets = new Secrets();
  secrets.add('s3cr3t-token-value');
  const reporter = new RecordingReporter();
  let polls = 0;
  const d = {
    ctx: { config, secrets, root: dir, now: () => new Date('2026-02-25T12:00:00Z'), out: reporter, effects: new EffectGate({ dryRun: o.dryRun ?? false, ceiling: 'write', secrets }) },
    id: resolveIdentity('pr-7', 'x', { domain: 'jetscale.ai', suffix: '' }),
    settings: { diagnosticsFile: join(dir, `diag-${Math.random().toString(36).slice(2)}.json`) },
    plugins: {
      observe: async () => (script[Math.min(polls++, script.length - 1)] ?? green)(),
      diagnostics: async () => ({ logs: { 'api-1': { api: ['FATAL token=s3cr3t-token-value'] } } }),
    },
  } as unknown as DeployContext;
  return { d, reporter, polls: () => polls };
}

const signal = new AbortController().signal;

describe('the health gate loop', () => {
  it('passes only after `passes` all-green polls in a row; a red poll in between starts the count again', async () => {
    const { d, polls } = gateContext([green, green, red, green, green, green]);
    const r = await runHealthGate(d, signal);
    expect(r).toMatchObject({ polls: 6, checks: 2 });
    expect(polls()).toBe(6);
  });

  it('fails at once when a Deployment exceeded its progress deadline', async () => {
    const { d, polls } = gateContext([() => [makeCheck('kube.deployments', 'pr-7/Deployment/api', failed('ProgressDeadlineExceeded', 'ReplicaSet "api" has timed out progressing'))]], { deadlineSeconds: 60 });
    const error = await runHealthGate(d, signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JetscaleError);
    expect((error as JetscaleError).message).toContain('a Deployment exceeded its progress deadline');
    expect(polls()).toBe(1);
  });

  it('at the deadline: exit 5 with the causal chain, the evidence, and a redacted bundle on disk', async () => {
    const { d } = gateContext([red], { deadlineSeconds: 0.2 });
    const error = (await runHealthGate(d, signal).catch((e: unknown) => e)) as JetscaleError;
    expect(error).toMatchObject({ code: 'E_HEALTH_GATE', exitCode: 5 });
    expect(error.message).toContain('GET https://h/ → 503 ← tg has 0 of 1 targets healthy ← Pod api-1: container api: CrashLoopBackOff');
    const bundle = await readFile(d.settings.diagnosticsFile, 'utf8');
    expect(bundle).toContain('CrashLoopBackOff');
    expect(bundle).not.toContain('s3cr3t-token-value');
    expect(JSON.parse(bundle)).toMatchObject({ env: 'pr-7', logs: { 'api-1': { api: [expect.stringContaining('FATAL token=')] } } });
  });

  it('--dry-run looks once and reports what it would wait for, without failing', async () => {
    const { d, reporter, polls } = gateContext([red], { dryRun: true });
    expect(await runHealthGate(d, signal)).toMatchObject({ dryRun: true, polls: 1 });
    expect(polls()).toBe(1);
    expect(reporter.events.at(-1)?.message).toContain('would wait for: GET https://h/ → 503');
  });

  it('explains pending checks even when nothing has failed yet', () => {
    expect(explainFailure([makeCheck('kube.ingress', 'pr-7/Ingress/pr-7', inProgress('NoAddress', 'no load balancer yet'))])).toEqual(['Ingress pr-7: no load balancer yet']);
  });
});
