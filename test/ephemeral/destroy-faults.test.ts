// ephemeral:destroy under the faults of "Bad input and faults": throttling everywhere, ResourceInUse, eventual
// consistency, access denied on one resource, an interrupted run re-run to completion, and DescribeCluster
// answering anything but ResourceNotFoundException. Real SDK against aws-sim over HTTP throughout.
import { afterEach, describe, expect, it } from 'vitest';
import { guardCaller } from '../../src/ephemeral/caller-guard.js';
import { destroyEnv } from '../../src/ephemeral/destroy.js';
import { InterruptedError } from '../../src/core/errors.js';
import { startAwsSim, type AwsSim, type AwsSimOptions } from '../support/aws-sim/index.js';
import { CLEANUP_CONFIG, calls, cli, repoPerFile, writeRequests } from './support/cli.js';
import { engine } from './support/engine.js';
import { ACCOUNT, account } from './fixtures.js';

const repos = repoPerFile();
const sims: AwsSim[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.stop();
});

async function start(opts: AwsSimOptions = {}): Promise<AwsSim> {
  const sim = await startAwsSim({ fixture: cleanAccount(), deletingReads: 1, ...opts });
  sims.push(sim);
  return sim;
}

/** account() without the suspects and refusals, so a complete cleanup exits 0. */
function cleanAccount() {
  const f = account();
  f.elbv2!.targetGroups = f.elbv2!.targetGroups!.filter((t) => t.name !== 'k8s-pr7-stray');
  f.elbv2!.loadBalancers = f.elbv2!.loadBalancers!.filter((l) => l.name !== 'jetscale-prod-public');
  f.secretsManager!.secrets = f.secretsManager!.secrets!.filter((x) => !['pr-7-ephemeral/untagged', 'pr-7-ephemeral/keep'].includes(x.name));
  return f;
}

const pr7Left = (sim: AwsSim) => [
  ...sim.list('eks:cluster').map((c) => c.name), ...sim.list('eks:nodegroup').map((n) => n.name),
  ...sim.list('elbv2:loadbalancer').map((l) => l.name), ...sim.list('elbv2:targetgroup').map((t) => t.name),
  ...sim.list('secretsmanager:secret').map((s) => s.name), ...sim.list('s3:object').map((o) => o.key),
].filter((n) => /^(pr-7$|pr-7-|k8s-pr7-|ephemeral\/pr-7\/)/.test(n));

const OTHERS = ['pr-70', 'jetscale-prod', 'pr-70-default', 'prod-default', 'k8s-pr70-jetscale', 'k8s-prod-jetscale', 'k8s-pr70-frontend', 'k8s-prod-frontend'];
const othersLeft = (sim: AwsSim) => [...sim.list('eks:cluster'), ...sim.list('eks:nodegroup'), ...sim.list('elbv2:loadbalancer'), ...sim.list('elbv2:targetgroup')].map((r) => r.name).filter((n) => OTHERS.includes(n)).sort();

describe('throttling on every API', () => {
  it('is absorbed by the SDK retries: the cleanup completes and every armed throttle was hit', async () => {
    const sim = await start();
    const ops = ['sts:GetCallerIdentity', 'tagging:GetResources', 'elbv2:DescribeLoadBalancers', 'elbv2:DescribeTargetGroups', 'elbv2:DescribeTags', 'elbv2:DeleteLoadBalancer', 'elbv2:DeleteTargetGroup',
      'eks:DescribeCluster', 'eks:ListNodegroups', 'eks:DescribeNodegroup', 'eks:DeleteNodegroup', 'eks:DeleteCluster', 'secretsmanager:ListSecrets', 'secretsmanager:DescribeSecret', 'secretsmanager:DeleteSecret',
      's3:HeadObject', 's3:GetObject', 's3:DeleteObject'];
    for (const op of ops) sim.fault(op, { throttle: 2 });
    const e = engine(sim, { maxAttempts: 4, config: { stateBucket: 'jetscale-tfstate-test', maxLoadBalancers: 5 } });
    try {
      const caller = await guardCaller(e.aws, { accounts: [ACCOUNT], regions: ['us-east-1'], callerArnPatterns: [] });
      const report = await destroyEnv(e.deps, { env: 'pr-7', caller, apply: true });
      expect(report.exitCode).toBe(0);
    } finally {
      e.aws.destroy();
    }
    expect(pr7Left(sim)).toEqual([]);
    expect(othersLeft(sim)).toEqual([...OTHERS].sort());
    // Every throttle fired: each operation was refused twice before it went through.
    expect(sim.faults()).toEqual([]);
    const throttled = new Set(sim.requests.filter((r) => r.errorCode && /Throttl|SlowDown/.test(r.errorCode)).map((r) => `${r.service}:${r.operation}`));
    expect([...throttled].sort()).toEqual([...ops].sort());
  });

  it('past the retries, a read stops the run before anything is deleted (exit 1), never mistaken for "gone"', async () => {
    const sim = await start();
    const dir = await repos.make(CLEANUP_CONFIG(ACCOUNT));
    sim.fault('eks:DescribeCluster', { throttle: 50 });
    const r = await cli(sim, dir, ['ephemeral:destroy', 'pr-7', '--apply'], { JETSCALE_AWS_MAX_ATTEMPTS: '2' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/eks:DescribeCluster on pr-7 still failed after 2 attempts/);
    expect(writeRequests(sim)).toEqual([]);
  });
});

describe('DescribeCluster: only ResourceNotFoundException means the cluster is gone', () => {
  it('access denied stops the run with exit 3 and deletes nothing', async () => {
    const sim = await start();
    const dir = await repos.make(CLEANUP_CONFIG(ACCOUNT));
    sim.fault('eks:DescribeCluster', { error: { code: 'AccessDeniedException', status: 403 }, times: 5 });
    const r = await cli(sim, dir, ['ephemeral:destroy', 'pr-7', '--apply']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('eks:DescribeCluster on pr-7 was denied');
    expect(writeRequests(sim)).toEqual([]);
  });

  it('a missing cluster skips Terraform and the sweep still cleans everything else', async () => {
    const fixture = cleanAccount();
    fixture.eks!.clusters = fixture.eks!.clusters!.filter((c) => c.name !== 'pr-7');
    const sim = await start({ fixture });
    const dir = await repos.make(CLEANUP_CONFIG(ACCOUNT));
    const r = await cli(sim, dir, ['ephemeral:destroy', 'pr-7', '--apply', '--json', '--iac-dir', dir]);
    const doc = JSON.parse(r.stdout) as { data: { terraform: { ran: boolean; why: string }; residue: unknown[] }; transcript: Array<{ channel: string }> };
    expect(doc.data.terraform).toEqual({ ran: false, why: 'the EKS cluster pr-7 does not exist (ResourceNotFoundException): its providers could not refresh' });
    expect(doc.transcript.filter((t) => t.channel === 'process')).toEqual([]);
    // Without the cluster there is no VPC anchor: the controller-only load balancer and target group have one signal
    // left and stay, and so does the target group that load balancer still uses.
    expect(pr7Left(sim)).toEqual(['k8s-pr7-jetscale', 'k8s-pr7-frontend', 'k8s-pr7-backend']);
    expect(r.code).toBe(6);
  });
});

describe('DeleteTargetGroup ResourceInUse', () => {
  it('is retried with backoff until the load balancer has let go', async () => {
    const sim = await start();
    const dir = await repos.make(CLEANUP_CONFIG(ACCOUNT));
    sim.fault('elbv2:DeleteTargetGroup', { inUse: 3 });
    const r = await cli(sim, dir, ['ephemeral:destroy', 'pr-7', '--apply', '--json']);
    expect(r.code).toBe(0);
    expect(pr7Left(sim)).toEqual([]);
    const doc = JSON.parse(r.stdout) as { events: Array<{ code: string; step?: string }> };
    expect(doc.events.filter((e) => e.code === 'STEP_RETRY').map((e) => e.step)).toEqual(['delete target groups', 'delete target groups']);
    expect(sim.requests.filter((q) => q.operation === 'DeleteTargetGroup' && q.errorCode === 'ResourceInUse')).toHaveLength(3);
  });

  it('is not even attempted while a load balancer outside the environment uses the target group', async () => {
    const fixture = cleanAccount();
    fixture.elbv2!.loadBalancers!.push({ name: 'k8s-prod-borrower', vpcId: 'vpc-prod', tags: { 'elbv2.k8s.aws/cluster': 'jetscale-prod' }, listeners: [{ port: 8443, protocol: 'HTTPS', defaultActions: [{ forward: 'k8s-pr7-backend' }] }] });
    const sim = await start({ fixture });
    const dir = await repos.make(CLEANUP_CONFIG(ACCOUNT));
    const r = await cli(sim, dir, ['ephemeral:destroy', 'pr-7', '--apply', '--json']);
    expect(r.code).toBe(6);
    expect(pr7Left(sim)).toEqual(['k8s-pr7-backend']);
    expect(sim.list('elbv2:loadbalancer').map((l) => l.name)).toContain('k8s-prod-borrower');
    expect(sim.requests.filter((q) => q.operation === 'DeleteTargetGroup')).toHaveLength(1);
    const doc = JSON.parse(r.stdout) as { data: { residue: Array<{ name: string; kind: string; why: string }> } };
    expect(doc.data.residue).toEqual([expect.objectContaining({ name: 'k8s-pr7-backend', kind: 'dependency', why: expect.stringContaining('k8s-prod-borrower') })]);
  });
});

describe('eventual consistency', () => {
  it('a deleted load balancer still listed for a few reads is waited out, not reported', async () => {
    const sim = await start();
    const dir = await repos.make(CLEANUP_CONFIG(ACCOUNT));
    sim.fault('elbv2:DeleteLoadBalancer', { staleReads: 3 });
    sim.fault('secretsmanager:DeleteSecret', { staleReads: 2 });
    const r = await cli(sim, dir, ['ephemeral:destroy', 'pr-7', '--apply']);
    expect(r.code).toBe(0);
    expect(pr7Left(sim)).toEqual([]);
    expect(sim.state.ghosts.loadBalancers.peek()).toEqual([]);
  });
});

describe('access denied on one resource', () => {
  it('leaves that one (exit 6, access-denied) and still cleans the others', async () => {
    const sim = await start();
    const dir = await repos.make(CLEANUP_CONFIG(ACCOUNT));
    sim.fault('secretsmanager:DeleteSecret', { error: { code: 'AccessDeniedException', message: 'not authorized to perform secretsmanager:DeleteSecret' }, times: 1 });
    const r = await cli(sim, dir, ['ephemeral:destroy', 'pr-7', '--apply', '--json']);
    expect(r.code).toBe(6);
    const doc = JSON.parse(r.stdout) as { data: { residue: Array<{ name: string; kind: string }> } };
    expect(doc.data.residue).toEqual([expect.objectContaining({ name: 'pr-7-ephemeral/application/aws/client', kind: 'access-denied' })]);
    expect(pr7Left(sim)).toEqual(['pr-7-ephemeral/application/aws/client']);
    expect(othersLeft(sim)).toEqual([...OTHERS].sort());
  });
});

describe('an interrupted run', () => {
  it('stops at Ctrl-C (exit 130) and a re-run finishes the job', async () => {
    const controller = new AbortController();
    const sim = await start({ onRequest: (q) => q.operation === 'DeleteLoadBalancer' && controller.abort(new InterruptedError('Ctrl-C')) });
    const dir = await repos.make(CLEANUP_CONFIG(ACCOUNT));
    const first = await cli(sim, dir, ['ephemeral:destroy', 'pr-7', '--apply'], {}, controller.signal);
    expect(first.code).toBe(130);
    expect(calls(sim)).not.toContain('elbv2:DeleteTargetGroup');
    expect(pr7Left(sim)).toEqual(expect.arrayContaining(['pr-7', 'k8s-pr7-frontend', 'k8s-pr7-backend', 'pr-7-ephemeral/database/admin']));
    const second = await cli(sim, dir, ['ephemeral:destroy', 'pr-7', '--apply']);
    expect(second.code).toBe(0);
    expect(pr7Left(sim)).toEqual([]);
    expect(othersLeft(sim)).toEqual([...OTHERS].sort());
  });
});
