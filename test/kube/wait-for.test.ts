// waitFor against scripted rollouts: success after N reads, a timeout that names the object and its last state,
// cancellation through the signal, and a hanging read cut off at the deadline.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { V1Deployment } from '@kubernetes/client-node';
import { InterruptedError } from '../../src/core/errors.js';
import { waitFor, WaitTimeoutError } from '../../src/kube/index.js';
import { startRig, type Rig } from './helpers.js';

let rig: Rig;
beforeEach(async () => void (rig = await startRig({ ceiling: 'read' })));
afterEach(() => rig.stop());

const available = (d: V1Deployment) => d.status?.conditions?.some((c) => c.type === 'Available' && c.status === 'True') === true;
const readApi = (signal: AbortSignal) => rig.kube.withSignal(signal).getDeployment('pr-7', 'api');
const deploymentReads = () => rig.sim.requests.filter((r) => r.resource === 'deployments' && r.verb === 'get').length;

describe('waitFor', () => {
  it('polls a scripted rollout until the Deployment is Available', async () => {
    rig.sim.deploymentAvailableAfter('pr-7', 'api', 3);
    const d = await waitFor(readApi, available, { deadlineMs: 5000, intervalMs: 10, what: 'deployment pr-7/api to become Available' });
    expect(d.status?.availableReplicas).toBe(2);
    expect(deploymentReads()).toBe(4);
  });

  it('times out naming the object and its last observed conditions', async () => {
    rig.sim.deploymentAvailableAfter('pr-7', 'api', 'never');
    const start = performance.now();
    const err = await waitFor(readApi, available, { deadlineMs: 300, intervalMs: 25, what: 'deployment pr-7/api to become Available' }).catch((e: unknown) => e);
    const took = performance.now() - start;
    expect(err).toBeInstanceOf(WaitTimeoutError);
    expect(err).toMatchObject({ code: 'E_KUBE_WAIT_TIMEOUT', exitCode: 1, what: 'deployment pr-7/api to become Available' });
    const message = (err as Error).message;
    expect(message).toContain('timed out after 300ms waiting for deployment pr-7/api to become Available');
    expect(message).toContain('Available=False (MinimumReplicasUnavailable');
    expect(message).toContain('Progressing=False (ProgressDeadlineExceeded');
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(1500);
    expect(deploymentReads()).toBeGreaterThan(3);
  });

  it('stops at once when the signal aborts, with the signal reason', async () => {
    rig.sim.deploymentAvailableAfter('pr-7', 'api', 'never');
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(new InterruptedError('Ctrl-C')), 60);
    const start = performance.now();
    const err = await waitFor(readApi, available, { deadlineMs: 10_000, intervalMs: 20, signal: ctl.signal, what: 'deployment pr-7/api' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InterruptedError);
    expect(performance.now() - start).toBeLessThan(1000);
    // Nothing is declared (let alone sent) after the abort.
    const declared = rig.gate.transcript.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(rig.gate.transcript.length).toBe(declared);
    expect(rig.gate.transcript.filter((t) => t.status === 'started')).toEqual([]);
  });

  it('cuts a hanging read at the deadline and reports a timeout', async () => {
    rig.sim.fault({ verb: 'get', resource: 'deployments' }, { hang: true, times: Infinity });
    const err = await waitFor(readApi, available, { deadlineMs: 200, intervalMs: 20, what: 'deployment pr-7/api' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WaitTimeoutError);
    expect((err as Error).message).toContain('last observed (1 reads): nothing yet');
  });

  it('keeps polling through throttling and surfaces other errors at once', async () => {
    rig.sim.fault({ verb: 'get', resource: 'deployments' }, { status: 429, retryAfterSeconds: 0, times: 2 });
    rig.sim.deploymentAvailableAfter('pr-7', 'api', 0);
    await expect(waitFor(readApi, available, { deadlineMs: 3000, intervalMs: 10, what: 'deployment pr-7/api' })).resolves.toBeDefined();
    expect(deploymentReads()).toBe(3);
    const ghost = (s: AbortSignal) => rig.kube.withSignal(s).getDeployment('pr-7', 'ghost');
    await expect(waitFor(ghost, available, { deadlineMs: 3000, intervalMs: 10, what: 'deployment pr-7/ghost' })).rejects.toMatchObject({ code: 'E_KUBE_NOT_FOUND' });
  });
});
