// The gate middleware: under --dry-run writes and destroys are recorded and never sent; a read-only task's delete is
// refused before the request leaves the process; an operation missing from the table counts as destroy.
import { CreateLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { EffectRefusedError } from '../../src/core/effects.js';
import { awsPerTest, EXAMPLE, onlyReads, requestKeys } from './harness.js';

const start = awsPerTest();
const SECRET = 'pr-7-ephemeral/application/aws/client';

describe('AWS effect gate', () => {
  it('records DeleteLoadBalancer, DeleteSecret, DeleteCluster and PutObject under --dry-run and sends only reads', async () => {
    const { aws, sim, gate } = await start({ fixture: EXAMPLE, dryRun: true });
    const [lb] = await aws.elbv2.describeLoadBalancers();
    const arn = lb?.arn ?? '';

    const results = [
      await aws.elbv2.deleteLoadBalancer(arn),
      await aws.secretsManager.deleteSecret(SECRET, { force: true }),
      await aws.eks.deleteCluster('pr-7'),
      await aws.s3.putObject({ bucket: 'jetscale-tfstate', key: 'ephemeral/pr-7/marker.json', body: '{}', ifNoneMatch: '*' }),
    ];
    expect(results.map((r) => r.skipped)).toEqual([true, true, true, true]);

    expect(gate.transcript.map((r) => [r.channel, r.operation, r.target, r.effect, r.status])).toEqual([
      ['aws', 'elbv2:DescribeLoadBalancers', '*', 'read', 'ran'],
      ['aws', 'elbv2:DeleteLoadBalancer', arn, 'destroy', 'recorded'],
      ['aws', 'secretsmanager:DeleteSecret', SECRET, 'destroy', 'recorded'],
      ['aws', 'eks:DeleteCluster', 'pr-7', 'destroy', 'recorded'],
      ['aws', 's3:PutObject', 's3://jetscale-tfstate/ephemeral/pr-7/marker.json', 'write', 'recorded'],
    ]);
    expect(gate.transcript[1]?.command).toBe(`elbv2:DeleteLoadBalancer ${arn}`);
    const first = results[0];
    expect(first?.skipped && first.record).toBe(gate.transcript[1]);

    expect(requestKeys(sim)).toEqual(['elbv2:DescribeLoadBalancers']);
    expect(onlyReads(sim)).toBe(true);
    expect(sim.list('elbv2:loadbalancer').map((l) => l.arn)).toEqual([arn]);
    expect(sim.list('secretsmanager:secret').map((s) => [s.name, s.deletedAt ?? null])).toEqual([[SECRET, null]]);
    expect(sim.list('eks:cluster').map((c) => [c.name, c.status])).toEqual([['pr-7', 'ACTIVE']]);
  });

  it('refuses a delete in a read-only task before any request reaches the simulator', async () => {
    const { aws, sim, gate } = await start({ fixture: EXAMPLE, ceiling: 'read' });
    const arn = sim.list('elbv2:loadbalancer')[0]?.arn ?? '';
    const err = await aws.elbv2.deleteLoadBalancer(arn).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EffectRefusedError);
    expect(err).toMatchObject({ code: 'E_READ_ONLY', exitCode: 1 });
    await expect(aws.s3.putObject({ bucket: 'b-1', key: 'k', body: 'x' })).rejects.toBeInstanceOf(EffectRefusedError);
    expect(sim.requests).toEqual([]);
    expect(gate.transcript.map((r) => [r.operation, r.status])).toEqual([['elbv2:DeleteLoadBalancer', 'refused'], ['s3:PutObject', 'refused']]);
    // Reads still run in a read-only task.
    expect(await aws.eks.listClusters()).toEqual(['pr-7']);
    expect(sim.list('elbv2:loadbalancer')).toHaveLength(1);
  });

  it('treats an operation missing from the table as destroy', async () => {
    const write = await start({ fixture: EXAMPLE, ceiling: 'write' });
    const elbv2 = await write.aws.clients.get('elbv2');
    const create = () => new CreateLoadBalancerCommand({ Name: 'sneaky', Subnets: ['subnet-1'] });
    await expect(elbv2.send(create())).rejects.toBeInstanceOf(EffectRefusedError);
    expect(write.gate.transcript.map((r) => [r.operation, r.effect, r.status])).toEqual([['elbv2:CreateLoadBalancer', 'destroy', 'refused']]);

    const dry = await start({ fixture: EXAMPLE, dryRun: true });
    await (await dry.aws.clients.get('elbv2')).send(create());
    expect(dry.gate.transcript.map((r) => [r.operation, r.effect, r.status])).toEqual([['elbv2:CreateLoadBalancer', 'destroy', 'recorded']]);
    expect([...write.sim.requests, ...dry.sim.requests]).toEqual([]);
  });

  it('declares a command once, however often the SDK retries it, and records failures', async () => {
    const { aws, sim, gate } = await start({ fixture: EXAMPLE });
    const arn = sim.list('elbv2:loadbalancer')[0]?.arn ?? '';
    sim.fault('elbv2:DescribeTags', { throttle: 2 });
    await aws.elbv2.describeTags([arn]);
    expect(requestKeys(sim)).toEqual(['elbv2:DescribeTags', 'elbv2:DescribeTags', 'elbv2:DescribeTags']);
    expect(gate.transcript.map((r) => [r.operation, r.status])).toEqual([['elbv2:DescribeTags', 'ran']]);

    await expect(aws.eks.describeCluster('pr-8')).rejects.toMatchObject({ code: 'E_AWS_NOT_FOUND' });
    expect(gate.transcript[1]).toMatchObject({ operation: 'eks:DescribeCluster', target: 'pr-8', status: 'failed', error: expect.stringContaining('pr-8 not found') });
  });
});
