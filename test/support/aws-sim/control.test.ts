// Faults from outside the process: the fixture's faults:, a faults file, and the /_sim/ control API act exactly like sim.fault().
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteLoadBalancerCommand, DeleteTargetGroupCommand, DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeClusterCommand } from '@aws-sdk/client-eks';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsSim, type AwsFixture, type AwsSim, type FaultSpec } from './index.js';
import { EXAMPLE_FIXTURE } from './per-test.js';
import { simClients, type SimClients } from './sdk-clients.js';

const example = parseYaml(readFileSync(EXAMPLE_FIXTURE, 'utf8')) as AwsFixture & { elbv2: { targetGroups: object[]; loadBalancers: object[] } };
const BASE: AwsFixture = {
  ...example,
  elbv2: { ...example.elbv2, targetGroups: [...example.elbv2.targetGroups, { name: 'orphan' }] },
  s3: { buckets: [{ name: 'state' }] },
};
const SECRET = 'pr-7-ephemeral/application/aws/client';

let dir: string;
beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'aws-sim-control-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

type Way = 'code' | 'fixture' | 'control' | 'file';
type Meta = { $metadata?: { attempts?: number; httpStatusCode?: number } };

interface Scenario {
  name: string;
  key: string;
  spec: FaultSpec;
  probe: (c: SimClients, sim: AwsSim) => Promise<unknown>;
  /** What the fault must visibly do, so four identical no-ops cannot pass. */
  expected: Record<string, unknown>;
}

const orphanArn = (sim: AwsSim) => sim.list('elbv2:targetgroup').find((t) => t.name === 'orphan')?.arn;
const scenarios: Scenario[] = [
  { name: 'throttle', key: 'elbv2:DescribeLoadBalancers', spec: { throttle: 2 }, probe: (c) => c.elbv2.send(new DescribeLoadBalancersCommand({})), expected: { ok: true, attempts: 3 } },
  { name: 'EKS 503', key: 'eks:DescribeCluster', spec: { status: 503, times: 5 }, probe: (c) => c.eks.send(new DescribeClusterCommand({ name: 'pr-7' })), expected: { ok: false, name: 'ServiceUnavailableException', status: 503, attempts: 3 } },
  { name: 'error', key: 'secretsmanager:GetSecretValue', spec: { error: { code: 'AccessDeniedException', message: 'not allowed', status: 400 } }, probe: (c) => c.secrets.send(new GetSecretValueCommand({ SecretId: SECRET })), expected: { ok: false, name: 'AccessDeniedException', status: 400 } },
  {
    name: 'inUse', key: 'elbv2:DeleteTargetGroup', spec: { inUse: 1 },
    probe: async (c, sim) => {
      const first = await c.elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: orphanArn(sim) })).then(() => 'deleted', (e: Error) => e.name);
      return { first, left: sim.list('elbv2:targetgroup').length, second: await c.elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: orphanArn(sim) })).then(() => 'deleted') };
    },
    expected: { ok: true, value: { first: 'ResourceInUseException', left: 2, second: 'deleted' } },
  },
  {
    name: 'staleReads', key: 'elbv2:DeleteLoadBalancer', spec: { staleReads: 2 },
    probe: async (c, sim) => {
      await c.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: sim.list('elbv2:loadbalancer')[0]?.arn }));
      const count = async () => (await c.elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers?.length;
      return [await count(), await count(), await count()];
    },
    expected: { ok: true, value: [1, 1, 0] },
  },
  { name: 'latency', key: 's3:PutObject', spec: { latencyMs: 150, times: 1 }, probe: (c) => c.s3.send(new PutObjectCommand({ Bucket: 'state', Key: 'k', Body: 'v' })), expected: { ok: true, slow: true } },
  { name: 'wildcard 500', key: '*', spec: { status: 500 }, probe: (c) => c.sts.send(new GetCallerIdentityCommand({})), expected: { ok: true, attempts: 2 } },
];

// Everything an SDK caller can see: success or the error's name and status, attempts, injected delay, and the calls on the wire.
async function observe(sim: AwsSim, c: SimClients, s: Scenario): Promise<Record<string, unknown>> {
  const outcome = await s.probe(c, sim).then(
    (v) => ({ ok: true, attempts: (v as Meta).$metadata?.attempts, value: (v as Meta).$metadata ? undefined : v }),
    (e: Error & Meta) => ({ ok: false, name: e.name, status: e.$metadata?.httpStatusCode, attempts: e.$metadata?.attempts, message: e.message }),
  );
  // Server-side time, so a cold SDK in the first run cannot look like injected latency.
  return { ...outcome, slow: sim.requests.some((r) => r.ms >= 140), wire: sim.requests.map((r) => [r.service, r.operation, r.status, r.errorCode]) };
}

async function armAndObserve(way: Way, s: Scenario): Promise<Record<string, unknown>> {
  const entry = { key: s.key, spec: s.spec };
  let faults: string | undefined;
  if (way === 'file') await writeFile((faults = join(dir, `${s.name.replace(/\W/g, '-')}.yaml`)), `- key: "${s.key}"\n  spec: ${JSON.stringify(s.spec)}\n`);
  const sim = await startAwsSim({ fixture: way === 'fixture' ? { ...BASE, faults: [entry] } : BASE, faults });
  const c = simClients(sim);
  try {
    if (way === 'code') sim.fault(s.key, s.spec);
    if (way === 'control') {
      const res = await fetch(`${sim.url}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([entry]) });
      expect(res.status).toBe(200);
    }
    return await observe(sim, c, s);
  } finally {
    c.destroy();
    await sim.stop();
  }
}

describe('one fault, armed four ways', () => {
  it.each(scenarios)('$name: code, fixture, control API and faults file give the same SDK-visible behaviour', async (s) => {
    const seen: Partial<Record<Way, Record<string, unknown>>> = {};
    for (const way of ['code', 'fixture', 'control', 'file'] as const) seen[way] = await armAndObserve(way, s);
    expect(seen.code).toMatchObject(s.expected);
    expect(seen.fixture).toEqual(seen.code);
    expect(seen.control).toEqual(seen.code);
    expect(seen.file).toEqual(seen.code);
  });
});

describe('fault validation', () => {
  const post = async (sim: AwsSim, body: string) => {
    const res = await fetch(`${sim.url}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return { status: res.status, json: (await res.json()) as { error: string; field: string; message: string } };
  };

  it('answers a bad POST /_sim/faults with a 400 naming the field, and arms nothing from it', async () => {
    const sim = await startAwsSim();
    try {
      const cases: [unknown, string, RegExp][] = [
        [[{ key: 'elbv2:DescribeLoadBalancers', spec: { throttle: 0 } }], '0.spec.throttle', /expected number to be >0/],
        [[{ key: 'elbv2:DescribeLoadBalancer', spec: { throttle: 1 } }], '0.key', /elbv2 has no simulated operation 'DescribeLoadBalancer'/],
        [[{ key: 'lambda:*', spec: { throttle: 1 } }], '0.key', /unknown service 'lambda'/],
        [[{ key: '*', spec: { status: 200 } }], '0.spec.status', /expected number to be >=400/],
        [[{ key: '*', spec: { throttle: 1, status: 500 } }], '0.spec.status', /arm two faults instead/],
        [[{ key: '*', spec: { inUse: 1, times: 2 } }], '0.spec.times', /call counts already/],
        [[{ key: '*', spec: {} }], '0.spec', /needs one of/],
        [[{ key: '*', spec: { throttle: 1, retries: 2 } }], '0.spec', /retries/],
        [[{ key: '*', spec: { latencyMs: 5 } }, { key: '*', spec: { error: { status: 400 } } }], '1.spec.error.code', /expected string/],
        [{ key: '*', spec: { throttle: 1 } }, '', /expected array/],
      ];
      for (const [body, field, message] of cases) {
        const r = await post(sim, JSON.stringify(body));
        expect([r.status, r.json.error, r.json.field], JSON.stringify(body)).toEqual([400, 'InvalidFaults', field]);
        expect(r.json.message).toMatch(message);
      }
      expect(await post(sim, '[{"key":')).toMatchObject({ status: 400, json: { error: 'InvalidBody' } });
      expect(sim.faults()).toEqual([]);
      expect(sim.requests).toEqual([]);
    } finally {
      await sim.stop();
    }
  });

  it('rejects the same bad spec in code and in a fixture, naming the same field', async () => {
    const sim = await startAwsSim();
    try {
      expect(() => sim.fault('eks:DescribeCluster', { throttle: -1 })).toThrow(/invalid fault eks:DescribeCluster: spec\.throttle: /);
    } finally {
      await sim.stop();
    }
    await expect(startAwsSim({ fixture: { faults: [{ key: 'eks:DescribeCluster', spec: { throttle: -1 } }] } })).rejects.toThrow(/faults\.0\.spec\.throttle: /);
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify([{ key: 'eks:Nope', spec: { throttle: 1 } }]));
    await expect(startAwsSim({ faults: file })).rejects.toThrow(`invalid faults file ${file}: 0.key: eks has no simulated operation 'Nope'`);
  });
});
