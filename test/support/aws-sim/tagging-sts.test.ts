// Tagging API GetResources and STS GetCallerIdentity against the real SDK clients, including env-var endpoint discovery.
import {
  GetResourcesCommand, GetTagValuesCommand, ResourceGroupsTaggingAPIClient, paginateGetResources, paginateGetTagKeys, paginateGetTagValues,
  type GetResourcesCommandInput,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AwsSim } from './index.js';
import { EXAMPLE_FIXTURE as EXAMPLE, simPerTest } from './per-test.js';
import type { SimClients } from './sdk-clients.js';

let sim: AwsSim;
let c: SimClients;
afterEach(() => vi.unstubAllEnvs());
const start = simPerTest((s, clients) => ((sim = s), (c = clients)));

describe('Resource Groups Tagging API', () => {
  it('filters by tag and resource type across ELBv2, EKS and Secrets Manager', async () => {
    await start({ fixture: EXAMPLE });
    const arns = async (input: GetResourcesCommandInput) =>
      ((await c.tagging.send(new GetResourcesCommand(input))).ResourceTagMappingList ?? []).map((m) => m.ResourceARN ?? '');
    const byAlb = await arns({ TagFilters: [{ Key: 'elbv2.k8s.aws/cluster', Values: ['pr-7'] }], ResourceTypeFilters: ['elasticloadbalancing:loadbalancer', 'elasticloadbalancing:targetgroup'] });
    expect(byAlb.map((a) => a.split(':')[5]?.split('/')[0])).toEqual(['loadbalancer', 'targetgroup']);
    const byEnv = await arns({ TagFilters: [{ Key: 'jetscale.env_id', Values: ['pr-7', 'pr-8'] }] });
    expect(byEnv.map((a) => a.split(':')[2])).toEqual(['eks', 'eks', 'secretsmanager']);
    expect(await arns({ TagFilters: [{ Key: 'jetscale.env_id', Values: ['pr-8'] }] })).toEqual([]);
    expect(await arns({ TagFilters: [{ Key: 'jetscale.lifecycle' }], ResourceTypeFilters: ['eks'] })).toEqual(['arn:aws:eks:us-east-1:111111111111:cluster/pr-7']);
  });

  it('pages with PaginationToken and ends with an empty token', async () => {
    const loadBalancers = Array.from({ length: 5 }, (_, i) => ({ name: `k8s-lb-${i}`, tags: { 'elbv2.k8s.aws/cluster': 'pr-1' } }));
    await start({ fixture: { elbv2: { loadBalancers } } });
    const seen: string[] = [];
    for await (const page of paginateGetResources({ client: c.tagging }, { ResourcesPerPage: 2 })) seen.push(...(page.ResourceTagMappingList ?? []).map((m) => m.ResourceARN ?? ''));
    expect(seen).toEqual(sim.list('elbv2:loadbalancer').map((lb) => lb.arn));
    expect(sim.requests.map((r) => typeof r.params.PaginationToken)).toEqual(['undefined', 'string', 'string']);
    await expect(c.tagging.send(new GetResourcesCommand({ ResourcesPerPage: 101 }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});

describe('Tagging API tag keys and values', () => {
  it('pages GetTagKeys and GetTagValues over every tagged resource, sorted and without duplicates', async () => {
    // 3 load balancers with 50 tags each: 150 distinct keys, more than one page; values repeat across resources.
    const loadBalancers = Array.from({ length: 3 }, (_, i) => ({ name: `lb-${i}`, tags: Object.fromEntries(Array.from({ length: 50 }, (_, k) => [`key-${String(i * 50 + k).padStart(3, '0')}`, `v${k % 2}`])) }));
    await start({ fixture: { elbv2: { loadBalancers }, s3: { buckets: [{ name: 'state', tags: { 'jetscale.env_id': 'pr-7' } }] }, secretsManager: { secrets: [{ name: 's', tags: { 'jetscale.env_id': 'pr-8' } }] } } });
    const keys: string[] = [];
    for await (const page of paginateGetTagKeys({ client: c.tagging }, {})) keys.push(...(page.TagKeys ?? []));
    expect(keys).toHaveLength(151);
    expect(keys).toEqual([...keys].sort());
    expect(keys.at(-1)).toBe('key-149');
    expect(sim.requests.map((r) => typeof r.params.PaginationToken)).toEqual(['undefined', 'string']);
    const values: string[] = [];
    for await (const page of paginateGetTagValues({ client: c.tagging }, { Key: 'jetscale.env_id' })) values.push(...(page.TagValues ?? []));
    expect(values).toEqual(['pr-7', 'pr-8']);
    expect((await c.tagging.send(new GetTagValuesCommand({ Key: 'key-007' }))).TagValues).toEqual(['v1']);
    expect((await c.tagging.send(new GetTagValuesCommand({ Key: 'absent' })))).toMatchObject({ TagValues: [], PaginationToken: '' });
    const buckets = await c.tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ['s3'] }));
    expect(buckets.ResourceTagMappingList?.map((m) => m.ResourceARN)).toEqual(['arn:aws:s3:::state']);
  });

  it('answers a malformed ARN in ResourceARNList with InvalidParameterException', async () => {
    await start({ fixture: EXAMPLE });
    const arn = sim.list('eks:cluster')[0]?.arn ?? '';
    expect((await c.tagging.send(new GetResourcesCommand({ ResourceARNList: [arn] }))).ResourceTagMappingList?.map((m) => m.ResourceARN)).toEqual([arn]);
    const err = (await c.tagging.send(new GetResourcesCommand({ ResourceARNList: [arn, 'nope'] })).catch((e: unknown) => e)) as Error;
    expect([err.name, err.message]).toEqual(['InvalidParameterException', "'nope' is not a valid ARN"]);
  });
});

describe('STS', () => {
  it('returns the fixture caller identity', async () => {
    await start({ fixture: EXAMPLE });
    const id = await c.sts.send(new GetCallerIdentityCommand({}));
    expect(id).toMatchObject({ Account: '111111111111', Arn: 'arn:aws:sts::111111111111:assumed-role/github-actions-deployer/GitHubActions', UserId: 'AROAEXAMPLEDEPLOYER01:GitHubActions' });
  });

  it('is found by clients configured only through env() (AWS_ENDPOINT_URL_*)', async () => {
    await start({ fixture: { account: '111122223333' } });
    for (const [k, v] of Object.entries(sim.env())) vi.stubEnv(k, v);
    const sts = new STSClient({});
    const tagging = new ResourceGroupsTaggingAPIClient({});
    try {
      expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('111122223333');
      expect((await tagging.send(new GetResourcesCommand({}))).ResourceTagMappingList).toEqual([]);
    } finally {
      sts.destroy();
      tagging.destroy();
    }
    expect(sim.requests.map((r) => `${r.service}:${r.operation}`)).toEqual(['sts:GetCallerIdentity', 'tagging:GetResources']);
  });
});
