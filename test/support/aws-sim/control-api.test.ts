// The /_sim/ control API (state, requests, faults, reset), the JSON-lines request log and main.ts driven from another process.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsSim } from './index.js';
import { EXAMPLE_FIXTURE, simPerTest } from './per-test.js';
import { simClients, type SimClients } from './sdk-clients.js';

let sim: AwsSim;
let c: SimClients;
const start = simPerTest((s, clients) => ((sim = s), (c = clients)));
let dir: string;
beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'aws-sim-api-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

// Control API answers are plain JSON; tests read them loosely typed.
type Json = Record<string, unknown> & unknown[];
const get = async (path: string) => {
  const res = await fetch(`${sim.url}${path}`);
  return { status: res.status, allow: res.headers.get('allow'), json: (await res.json()) as Json };
};
const post = async (path: string, body?: unknown, method = 'POST') => {
  const res = await fetch(`${sim.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Json };
};
const state = async () => (await get('/_sim/state')).json as unknown as { resources: Record<string, { name?: string; key?: string }[]>; faults: unknown[]; requestCount: number };

describe('control API', () => {
  it('GET /_sim/state and /_sim/requests show what SDK calls did; control calls are neither logged nor faulted', async () => {
    await start({ fixture: EXAMPLE_FIXTURE });
    sim.fault('*', { status: 500, times: 50 });
    expect((await state()).resources['secretsmanager:secret']?.map((s) => s.name)).toEqual(['pr-7-ephemeral/application/aws/client']);
    sim.clearFaults();
    await c.secrets.send(new CreateSecretCommand({ Name: 'pr-8-ephemeral/x', SecretString: 'fake-value' }));
    await c.sts.send(new GetCallerIdentityCommand({}));
    const s = await state();
    expect(s.resources['secretsmanager:secret']?.map((x) => x.name)).toEqual(['pr-7-ephemeral/application/aws/client', 'pr-8-ephemeral/x']);
    expect(s.requestCount).toBe(2);
    const all = (await get('/_sim/requests')).json;
    expect(all.map((r) => (r as { operation: string }).operation)).toEqual(['CreateSecret', 'GetCallerIdentity']);
    expect((await get('/_sim/requests?since=1')).json).toEqual([all[1]]);
    expect((await get('/_sim/requests?since=-1')).status).toBe(400);
    expect(sim.requests).toHaveLength(2);
  });

  it('lists, arms and clears faults; 404 names the endpoints and 405 sends Allow', async () => {
    await start({});
    expect((await post('/_sim/faults', [{ key: 'sts:*', spec: { throttle: 2 } }, { key: 'eks:*', spec: { latencyMs: 5 } }])).json).toEqual([
      { key: 'sts:*', spec: { throttle: 2 }, left: 2 }, { key: 'eks:*', spec: { latencyMs: 5 }, left: null },
    ]);
    await c.sts.send(new GetCallerIdentityCommand({}));
    expect((await get('/_sim/faults')).json).toEqual([{ key: 'eks:*', spec: { latencyMs: 5 }, left: null }]);
    expect((await post('/_sim/faults?key=eks:*', undefined, 'DELETE')).json).toEqual([]);
    expect(await get('/_sim/nope')).toMatchObject({ status: 404, json: { error: 'NotFound', message: expect.stringContaining('/_sim/reset') } });
    expect(await get('/_sim/reset')).toMatchObject({ status: 405, allow: 'POST' });
  });

  it('POST /_sim/reset restores the fixture, re-arms its faults with full counts and empties the request log', async () => {
    await start({ fixture: EXAMPLE_FIXTURE, faults: [{ key: 'sts:GetCallerIdentity', spec: { throttle: 1 } }] });
    const pristine = await state();
    const requests = sim.requests;
    expect((await c.sts.send(new GetCallerIdentityCommand({}))).$metadata.attempts).toBe(2);
    await c.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: sim.list('elbv2:loadbalancer')[0]?.arn }));
    await c.secrets.send(new CreateSecretCommand({ Name: 'pr-8-ephemeral/x', SecretString: 'fake-value' }));
    await c.s3.send(new CreateBucketCommand({ Bucket: 'made-later' }));
    await c.s3.send(new PutObjectCommand({ Bucket: 'made-later', Key: 'k', Body: 'v' }));
    await post('/_sim/faults', [{ key: 'elbv2:*', spec: { latencyMs: 1 } }]);
    const changed = await state();
    expect(changed.resources['elbv2:loadbalancer']).toEqual([]);
    expect(changed.resources['s3:object']?.map((o) => o.key)).toEqual(['k']);
    expect(changed.faults).toEqual([{ key: 'elbv2:*', spec: { latencyMs: 1 }, left: null }]);

    const r = await post('/_sim/reset');
    expect(r.json).toMatchObject({ reset: true, faults: [{ key: 'sts:GetCallerIdentity', spec: { throttle: 1 }, left: 1 }], counts: { 'elbv2:loadbalancer': 1, 'secretsmanager:secret': 1, 's3:bucket': 0 } });
    const after = await state();
    expect(after.resources).toEqual(pristine.resources);
    expect(after.faults).toEqual(pristine.faults);
    expect(sim.requests).toBe(requests);
    expect(requests).toEqual([]);
    expect(sim.list('elbv2:listener')).toHaveLength(2);
    expect((await c.sts.send(new GetCallerIdentityCommand({}))).$metadata.attempts).toBe(2);
  });

  it('appends one JSON line per call to logFile, with secret values redacted', async () => {
    const logFile = join(dir, 'requests.jsonl');
    await start({ fixture: EXAMPLE_FIXTURE, logFile });
    await c.secrets.send(new CreateSecretCommand({ Name: 'pr-8-ephemeral/x', SecretString: 'fake-but-secret-value' }));
    await c.secrets.send(new GetSecretValueCommand({ SecretId: 'nope' })).catch(() => undefined);
    const lines = (await readFile(logFile, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.operation, l.status, l.errorCode])).toEqual([['CreateSecret', 200, undefined], ['GetSecretValue', 400, 'ResourceNotFoundException']]);
    expect(lines[0]).toMatchObject({ service: 'secretsmanager', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), params: { Name: 'pr-8-ephemeral/x', SecretString: '<redacted>' } });
    expect(sim.requests[0]?.params.SecretString).toBe('fake-but-secret-value');
  });
});

describe('main.ts from another process', () => {
  it('arms --faults at start, takes faults over HTTP, and writes --log as JSON lines', async () => {
    const faults = join(dir, 'faults.yaml');
    const log = join(dir, 'main.jsonl');
    await writeFile(faults, '- key: sts:GetCallerIdentity\n  spec: { throttle: 1 }\n');
    const main = new URL('./main.ts', import.meta.url).pathname;
    const child = spawn(process.execPath, ['--import', 'tsx', main, '--fixture', EXAMPLE_FIXTURE, '--faults', faults, '--log', log, '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const deadline = Date.now() + 20_000;
      while (!out.includes('AWS_EC2_METADATA_DISABLED') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      const url = /export AWS_ENDPOINT_URL_STS=(\S+)/.exec(out)?.[1] ?? '';
      const remote = simClients({ url, region: 'us-east-1' } as AwsSim);
      try {
        expect((await remote.sts.send(new GetCallerIdentityCommand({}))).$metadata.attempts).toBe(2);
        const armed = await fetch(`${url}/_sim/faults`, { method: 'POST', body: '- key: "secretsmanager:GetSecretValue"\n  spec: { error: { code: AccessDeniedException } }\n', headers: { 'content-type': 'application/yaml' } });
        expect(armed.status).toBe(200);
        await expect(remote.secrets.send(new GetSecretValueCommand({ SecretId: 'pr-7-ephemeral/application/aws/client' }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
      } finally {
        remote.destroy();
      }
      const requests = (await (await fetch(`${url}/_sim/requests`)).json()) as { operation: string; status: number }[];
      expect(requests.map((r) => [r.operation, r.status])).toEqual([['GetCallerIdentity', 400], ['GetCallerIdentity', 200], ['GetSecretValue', 400]]);
      const lines = (await readFile(log, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { operation: string; status: number });
      expect(lines.map((r) => [r.operation, r.status])).toEqual(requests.map((r) => [r.operation, r.status]));
    } finally {
      child.kill('SIGINT');
      await once(child, 'exit');
    }
  });
});
