// One gate for every channel, proven through the real run loop (runSelection): a task that deletes in AWS, deletes
// in Kubernetes, runs a helm upgrade and writes a file. Under --dry-run every change is recorded and nothing reaches
// the simulators or the tool; a task declared `read` is refused each change before it leaves the process.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSelection } from '../../src/cli/run-task.js';
import type { Effect } from '../../src/core/effects.js';
import type { TaskSpec } from '../../src/runtime/task-spec.js';
import { startAwsSim, type AwsSim } from '../support/aws-sim/index.js';
import { createFakeTools, type FakeTools } from '../support/fake-tools.js';
import { startKubeSim, type KubeSim } from '../support/kube-sim/index.js';

const FIXTURE = new URL('../support/aws-sim/fixtures/example.yaml', import.meta.url).pathname;
let aws: AwsSim;
let kube: KubeSim;
let fakes: FakeTools;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jetscale-gate-'));
  await writeFile(join(dir, 'package.json'), '{"name":"gate-test"}');
  aws = await startAwsSim({ fixture: FIXTURE });
  kube = await startKubeSim({ fixture: { objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'pr-7' } }] } });
  await kube.writeKubeconfig(join(dir, 'kubeconfig'), 'sim');
  fakes = await createFakeTools();
  await fakes.add('helm', [{ args: ['version'], stdout: 'v3.17.0\n' }]);
});
afterAll(async () => {
  await aws.stop();
  await kube.stop();
  await fakes.cleanup();
  await rm(dir, { recursive: true, force: true });
});

/** A task touching all four channels: one read and one change on each. */
function fourChannelTask(effect: Effect): TaskSpec {
  return {
    id: 'test:four-channels', summary: 'test', args: [], flags: [], effect, examples: [], tools: ['helm'],
    load: async () => async (ctx) => {
      const cloud = await ctx.aws();
      const [lb] = await cloud.elbv2.describeLoadBalancers();
      const k = await ctx.kube();
      await k.getNamespace('pr-7');
      const helm = await ctx.tools.resolve('helm');
      const outcomes: Record<string, unknown> = {};
      const attempt = async (name: string, fn: () => Promise<unknown>) => {
        try {
          outcomes[name] = await fn();
        } catch (error) {
          outcomes[name] = { error: (error as { code?: string }).code };
        }
      };
      await attempt('aws', () => cloud.elbv2.deleteLoadBalancer(lb!.arn));
      await attempt('kube', () => k.deleteNamespace('pr-7'));
      await attempt('process', () => ctx.exec.run({ file: helm.path, tool: 'helm', args: ['upgrade', '--install', 'pr-7', 'charts/jetscale'], effect: 'write' }));
      await attempt('file', () => ctx.writeFile(join(dir, 'plan.json'), '{}', { operation: 'write-plan' }));
      return { data: outcomes };
    },
  };
}

async function run(effect: Effect, dryRun: boolean) {
  aws.clearRequests();
  kube.clearRequests();
  let stdout = '';
  let stderr = '';
  const code = await runSelection(
    { task: fourChannelTask(effect), args: {}, flags: {}, fromCli: new Set(), global: { verbose: false, dryRun, json: true, color: false, dotenv: false } },
    {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      env: { ...aws.env(), KUBECONFIG: join(dir, 'kubeconfig'), PATH: fakes.path({ isolate: true }) },
      cwd: dir,
      signal: new AbortController().signal,
      cores: 2,
    },
  );
  const doc = JSON.parse(stdout) as { ok: boolean; data: Record<string, { skipped?: boolean; error?: string }>; transcript: Array<{ channel: string; effect: string; status: string; operation: string }> };
  return { code, doc, stderr };
}

const changes = (t: Array<{ effect: string; status: string; channel: string }>) => t.filter((e) => e.effect !== 'read').map((e) => `${e.channel}:${e.status}`);

describe('one effect gate, four channels', () => {
  it('--dry-run records the AWS delete, the Kubernetes delete, the helm upgrade and the file write; nothing reaches the simulators or helm', async () => {
    const { code, doc } = await run('destroy', true);
    expect(code).toBe(0);
    expect(changes(doc.transcript)).toEqual(['aws:recorded', 'kube:recorded', 'process:recorded', 'file:recorded']);
    for (const channel of ['aws', 'kube', 'file']) expect(doc.data[channel]).toMatchObject({ skipped: true });
    expect(aws.requests.map((r) => r.operation)).toEqual(['DescribeLoadBalancers']);
    expect(kube.requests.every((r) => r.verb === 'get' || r.verb === 'list')).toBe(true);
    expect((await fakes.calls('helm')).map((c) => c.argv[0])).not.toContain('upgrade');
    expect(await readdir(dir)).not.toContain('plan.json');
    expect(aws.list('elbv2:loadbalancer')).not.toHaveLength(0);
    expect(kube.get('Namespace', undefined, 'pr-7')).toBeDefined();
  });

  it('a read task is refused every change on every channel before the request leaves the process', async () => {
    const before = (await fakes.calls('helm')).length;
    const { doc } = await run('read', false);
    expect(changes(doc.transcript)).toEqual(['aws:refused', 'kube:refused', 'process:refused', 'file:refused']);
    for (const channel of ['aws', 'kube', 'process', 'file']) expect(doc.data[channel]).toEqual({ error: 'E_READ_ONLY' });
    expect(aws.requests.map((r) => r.operation)).toEqual(['DescribeLoadBalancers']);
    expect(kube.requests.every((r) => r.verb === 'get' || r.verb === 'list')).toBe(true);
    // Only the version probe ran (a read).
    expect((await fakes.calls('helm')).slice(before).map((c) => c.argv[0])).toEqual(['version']);
    expect(await readdir(dir)).not.toContain('plan.json');
  });

  it('without --dry-run a destroy task really changes all four', async () => {
    const { doc } = await run('destroy', false);
    expect(changes(doc.transcript)).toEqual(['aws:ran', 'kube:ran', 'process:ran', 'file:ran']);
    expect(aws.requests.map((r) => r.operation)).toContain('DeleteLoadBalancer');
    expect(kube.requests.some((r) => r.verb === 'delete')).toBe(true);
    expect((await fakes.calls('helm')).map((c) => c.argv[0])).toContain('upgrade');
    expect(await readdir(dir)).toContain('plan.json');
  });
});
