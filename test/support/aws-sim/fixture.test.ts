// Fixture validation, the example fixture, the standalone main.ts process and a small run of the bench.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { benchAwsSim } from './bench.js';
import { FixtureError, parseFixture, startAwsSim } from './index.js';

const EXAMPLE = new URL('./fixtures/example.yaml', import.meta.url).pathname;

describe('fixtures', () => {
  it('loads the example YAML with its relationships', async () => {
    const sim = await startAwsSim({ fixture: EXAMPLE });
    try {
      expect(sim.list('elbv2:loadbalancer').map((lb) => lb.tags['elbv2.k8s.aws/cluster'])).toEqual(['pr-7']);
      expect(sim.list('elbv2:listener').map((l) => l.port)).toEqual([80, 443]);
      expect(sim.list('eks:nodegroup').map((n) => `${n.cluster}/${n.name}`)).toEqual(['pr-7/pr-7-default']);
      expect(sim.list('secretsmanager:secret')[0]?.tags).toEqual({ 'jetscale.env_id': 'pr-7' });
    } finally {
      await sim.stop();
    }
  });

  it('reports every schema problem with its path', () => {
    const bad = { account: '12', elbv2: { loadBalancers: [{ name: 'has spaces', listeners: [{ port: 0, protocol: 'HTTP', defaultActions: [] }] }] }, eks: { clusters: [{ name: 'c', extra: 1 }] } };
    expect(() => parseFixture(bad)).toThrow(FixtureError);
    const message = (() => {
      try {
        parseFixture(bad);
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toContain('account: an AWS account id is 12 digits');
    expect(message).toContain('elbv2.loadBalancers.0.name');
    expect(message).toContain('elbv2.loadBalancers.0.listeners.0.port');
    expect(message).toContain('elbv2.loadBalancers.0.listeners.0.defaultActions');
    expect(message).toMatch(/eks\.clusters\.0.*extra/);
  });

  it('rejects a forward to an unknown target group and duplicate names', async () => {
    await expect(startAwsSim({ fixture: { elbv2: { loadBalancers: [{ name: 'a', listeners: [{ port: 80, protocol: 'HTTP', defaultActions: [{ forward: 'ghost' }] }] }] } } }))
      .rejects.toThrow("elbv2.loadBalancers.0.listeners.0.defaultActions.0.forward: unknown target group 'ghost'");
    await expect(startAwsSim({ fixture: { secretsManager: { secrets: [{ name: 's' }, { name: 's' }] } } })).rejects.toThrow("duplicate secret 's'");
  });
});

describe('main.ts', () => {
  it('prints export lines, serves the SDK and logs one line per request', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('./main.ts', import.meta.url).pathname, '--fixture', EXAMPLE, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const deadline = Date.now() + 20_000;
      while (!out.includes('AWS_EC2_METADATA_DISABLED') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const endpoint = /export AWS_ENDPOINT_URL_STS=(\S+)/.exec(out)?.[1];
      expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const sts = new STSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake' } });
      expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('111111111111');
      sts.destroy();
      while (!out.includes('sts:GetCallerIdentity') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(out).toMatch(/ 200 sts:GetCallerIdentity /);
    } finally {
      child.kill('SIGINT');
      await once(child, 'exit');
    }
  });
});

describe('bench', () => {
  it('measures start/stop and a paginated listing (small run)', async () => {
    const r = await benchAwsSim({ count: 450, rounds: 5 });
    expect(r).toMatchObject({ loadBalancers: 450, targetGroups: 450 });
    expect(r.startStopMs).toBeLessThan(100);
    expect(r.fullListingMs).toBeGreaterThan(r.serverMs);
  });
});
