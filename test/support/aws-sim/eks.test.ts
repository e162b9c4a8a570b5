// EKS against the real SDK client: nextToken pagination, not-found, ResourceInUse and the DELETING → gone sequence.
import {
  DeleteClusterCommand, DeleteNodegroupCommand, DescribeClusterCommand, DescribeNodegroupCommand, ListClustersCommand,
  ListNodegroupsCommand, ResourceInUseException, ResourceNotFoundException, ServiceUnavailableException, paginateListClusters,
} from '@aws-sdk/client-eks';
import { describe, expect, it } from 'vitest';
import { startAwsSim, type AwsSim } from './index.js';
import { EXAMPLE_FIXTURE as EXAMPLE, simPerTest } from './per-test.js';
import type { SimClients } from './sdk-clients.js';

let sim: AwsSim;
let c: SimClients;
const start = simPerTest((s, clients) => ((sim = s), (c = clients)));

describe('EKS', () => {
  it('pages ListClusters with maxResults/nextToken', async () => {
    await start({ fixture: { eks: { clusters: Array.from({ length: 5 }, (_, i) => ({ name: `pr-${i + 1}` })) } } });
    const names: string[] = [];
    for await (const page of paginateListClusters({ client: c.eks, pageSize: 2 }, {})) names.push(...(page.clusters ?? []));
    expect(names).toEqual(['pr-1', 'pr-2', 'pr-3', 'pr-4', 'pr-5']);
    expect(sim.requests.map((r) => r.params.maxResults)).toEqual(['2', '2', '2']);
    await expect(c.eks.send(new ListClustersCommand({ maxResults: 101 }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('describes the example cluster with realistic ARN, endpoint and OIDC issuer', async () => {
    await start({ fixture: EXAMPLE });
    const { cluster } = await c.eks.send(new DescribeClusterCommand({ name: 'pr-7' }));
    expect(cluster?.arn).toBe('arn:aws:eks:us-east-1:111111111111:cluster/pr-7');
    expect(cluster?.endpoint).toMatch(/^https:\/\/[0-9A-F]{32}\.gr7\.us-east-1\.eks\.amazonaws\.com$/);
    expect(cluster?.identity?.oidc?.issuer).toMatch(/^https:\/\/oidc\.eks\.us-east-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/);
    expect(cluster?.createdAt).toEqual(new Date('2026-02-20T10:00:00Z'));
    expect(cluster?.tags?.['jetscale.cluster_id']).toBe('pr-7');
    const { nodegroup } = await c.eks.send(new DescribeNodegroupCommand({ clusterName: 'pr-7', nodegroupName: 'pr-7-default' }));
    expect(nodegroup?.scalingConfig?.desiredSize).toBe(2);
  });

  it('answers ResourceNotFoundException (404) for an unknown cluster', async () => {
    await start({ fixture: EXAMPLE });
    const err = await c.eks.send(new DescribeClusterCommand({ name: 'pr-404' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResourceNotFoundException);
    expect((err as ResourceNotFoundException).$metadata.httpStatusCode).toBe(404);
    expect(sim.requests.at(-1)).toMatchObject({ service: 'eks', operation: 'DescribeCluster', status: 404, errorCode: 'ResourceNotFoundException' });
  });

  it('refuses DeleteCluster while nodegroups exist, then DELETING for N reads, then gone', async () => {
    await start({ fixture: EXAMPLE, deletingReads: 2 });
    await expect(c.eks.send(new DeleteClusterCommand({ name: 'pr-7' }))).rejects.toBeInstanceOf(ResourceInUseException);
    const ng = await c.eks.send(new DeleteNodegroupCommand({ clusterName: 'pr-7', nodegroupName: 'pr-7-default' }));
    expect(ng.nodegroup?.status).toBe('DELETING');
    // A nodegroup that is still DELETING keeps the cluster in use.
    await expect(c.eks.send(new DeleteClusterCommand({ name: 'pr-7' }))).rejects.toBeInstanceOf(ResourceInUseException);
    const ngs = async () => (await c.eks.send(new ListNodegroupsCommand({ clusterName: 'pr-7' }))).nodegroups;
    expect([await ngs(), await ngs(), await ngs()]).toEqual([['pr-7-default'], ['pr-7-default'], []]);
    const del = await c.eks.send(new DeleteClusterCommand({ name: 'pr-7' }));
    expect(del.cluster?.status).toBe('DELETING');
    const status = () => c.eks.send(new DescribeClusterCommand({ name: 'pr-7' })).then((o) => o.cluster?.status, (e: Error) => e.name);
    expect([await status(), await status(), await status()]).toEqual(['DELETING', 'DELETING', 'ResourceNotFoundException']);
    expect(sim.list('eks:cluster')).toHaveLength(0);
  });

  it('answers an injected 503 with ServiceUnavailableException', async () => {
    await start({ fixture: EXAMPLE });
    sim.fault('eks:DescribeCluster', { status: 503, times: 3 });
    const err = await c.eks.send(new DescribeClusterCommand({ name: 'pr-7' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceUnavailableException);
    expect(sim.requests.map((r) => r.errorCode)).toEqual(['ServiceUnavailableException', 'ServiceUnavailableException', 'ServiceUnavailableException']);
  });

  it('with deletingSeconds, DELETING lasts that long however often it is read, and ends unread', async () => {
    await start({ fixture: EXAMPLE, deletingSeconds: 0.3 });
    await c.eks.send(new DeleteNodegroupCommand({ clusterName: 'pr-7', nodegroupName: 'pr-7-default' }));
    const ngs = async () => (await c.eks.send(new ListNodegroupsCommand({ clusterName: 'pr-7' }))).nodegroups;
    for (let i = 0; i < 5; i++) expect(await ngs()).toEqual(['pr-7-default']);
    await expect(c.eks.send(new DeleteClusterCommand({ name: 'pr-7' }))).rejects.toBeInstanceOf(ResourceInUseException);
    await new Promise((r) => setTimeout(r, 320));
    // Nothing read the nodegroup since its deadline, yet it is gone, so the cluster delete goes through.
    expect(sim.list('eks:nodegroup')).toEqual([]);
    const t0 = Date.now();
    expect((await c.eks.send(new DeleteClusterCommand({ name: 'pr-7' }))).cluster?.status).toBe('DELETING');
    const status = () => c.eks.send(new DescribeClusterCommand({ name: 'pr-7' })).then((o) => o.cluster?.status, (e: Error) => e.name);
    const reads: [string | undefined, number][] = [];
    do {
      reads.push([await status(), Date.now() - t0]);
      await new Promise((r) => setTimeout(r, 20));
    } while (reads.at(-1)?.[0] === 'DELETING' && Date.now() - t0 < 5000);
    expect(reads.at(-1)?.[0]).toBe('ResourceNotFoundException');
    expect(reads.at(-1)?.[1]).toBeGreaterThanOrEqual(300);
    // Far more reads than the default countdown of 2 saw it DELETING.
    expect(reads.filter(([s]) => s === 'DELETING').length).toBeGreaterThan(3);
  });

  it('takes deletingSeconds from the fixture, counting a cluster that starts DELETING from start, and refuses both countdowns', async () => {
    await start({ fixture: { eks: { deletingSeconds: 0.2, clusters: [{ name: 'old', status: 'DELETING' }, { name: 'live' }] } } });
    const names = async () => (await c.eks.send(new ListClustersCommand({}))).clusters;
    expect([await names(), await names(), await names()]).toEqual([['old', 'live'], ['old', 'live'], ['old', 'live']]);
    await new Promise((r) => setTimeout(r, 220));
    expect(await names()).toEqual(['live']);
    await expect(startAwsSim({ fixture: { eks: { deletingReads: 1, deletingSeconds: 1 } } })).rejects.toThrow('eks.deletingSeconds: give deletingReads or deletingSeconds, not both');
    await expect(startAwsSim({ deletingReads: 1, deletingSeconds: 1 })).rejects.toThrow('not both');
  });
});
