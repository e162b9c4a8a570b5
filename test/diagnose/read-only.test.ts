// Read-only, proven per channel: a task declared exactly as `diagnose` is in the registry tries a write on every
// channel (an AWS delete through a facade and a raw SDK command no table lists, a Kubernetes delete and apply, a
// `kubectl delete`, a file write, an HTTP POST and DELETE) and each is refused before the request leaves the
// process: the simulators, the fake tool, the disk and the TLS site saw nothing but reads. The --role-arn session
// policy says the same thing about every AWS operation jetscale knows, checked with the simulator's IAM evaluator.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ModifyListenerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_OPERATIONS } from '../../src/aws/index.js';
import { runSelection } from '../../src/cli/run-task.js';
import { READ_ACTIONS, readOnlySessionPolicy } from '../../src/diagnose/read-only-policy.js';
import { createNetClient } from '../../src/net/index.js';
import type { TaskSpec } from '../../src/runtime/task-spec.js';
import { findTask } from '../../src/tasks/registry.js';
import * as kubectl from '../../src/tools/kubectl.js';
import { startAwsSim, type AwsSim } from '../support/aws-sim/index.js';
import { iamAction, parseSessionPolicy, sessionAllows } from '../support/aws-sim/session-policy.js';
import { createFakeTools, type FakeTools } from '../support/fake-tools.js';
import { startKubeSim, type KubeSim } from '../support/kube-sim/index.js';
import { startTlsSite, type TlsSite } from '../support/tls-site.js';
import { makeRepo } from './harness.js';
import { PR7, awsFixture, kubeFixture } from './world.js';

let aws: AwsSim;
let kube: KubeSim;
let site: TlsSite;
let fakes: FakeTools;
let repo: { dir: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  repo = await makeRepo();
  aws = await startAwsSim({ fixture: awsFixture(PR7) });
  kube = await startKubeSim({ fixture: kubeFixture(PR7, {}, new Date()) });
  await kube.writeKubeconfig(join(repo.dir, 'kubeconfig'), 'pr-7', 'pr-7');
  site = await startTlsSite({ names: ['*.jetscale.test'] });
  fakes = await createFakeTools();
  await fakes.add('kubectl', [{ args: ['version', '--client'], stdout: 'Client Version: v1.32.0\nKustomize Version: v5.5.0\n' }]);
});
afterAll(async () => {
  await Promise.all([aws.stop(), kube.stop(), site.stop(), fakes.cleanup()]);
  await repo.cleanup();
});

/** The registry's diagnose, with a body that tries to change something on every channel. */
function buggyDiagnose(): TaskSpec {
  const real = findTask('diagnose')!;
  return {
    ...real,
    load: async () => async (ctx) => {
      const tried: Record<string, string> = {};
      const attempt = async (name: string, fn: () => Promise<unknown>) => {
        try {
          await fn();
          tried[name] = 'sent';
        } catch (error) {
          tried[name] = (error as { code?: string }).code ?? String(error);
        }
      };
      const cloud = await ctx.aws();
      const [lb] = await cloud.elbv2.describeLoadBalancers();
      await attempt('aws: elbv2 DeleteLoadBalancer', () => cloud.elbv2.deleteLoadBalancer(lb!.arn));
      await attempt('aws: secretsmanager DeleteSecret', () => cloud.secretsManager.deleteSecret(`${PR7.prefix}/application/aws/client`, { force: true }));
      await attempt('aws: raw ModifyListener (in no table)', async () => (await cloud.clients.get('elbv2')).send(new ModifyListenerCommand({ ListenerArn: 'arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/x/1/2', Port: 8080 })));
      const k = await ctx.kube({ context: 'pr-7' });
      await k.getNamespace('pr-7');
      await attempt('kube: delete namespace', () => k.deleteNamespace('pr-7'));
      await attempt('kube: apply deployment', () => k.apply({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'pr-7-backend-api', namespace: 'pr-7' }, spec: { replicas: 0 } }));
      const tool = await ctx.tools.resolve('kubectl');
      await attempt('process: kubectl delete', () => kubectl.remove(ctx.exec, tool, { resource: 'pod', name: 'x', namespace: 'pr-7' }));
      await attempt('file: write', () => ctx.writeFile(join(repo.dir, 'evidence.json'), '{}'));
      const net = createNetClient({ gate: ctx.effects, ports: { https: site.httpsPort }, caPem: site.caPem });
      await attempt('net: POST', () => net.request('POST', `https://${PR7.host}/api/v2/admin`, '127.0.0.1'));
      await attempt('net: DELETE', () => net.request('DELETE', `https://${PR7.host}/api/v2/admin`, '127.0.0.1'));
      return { data: tried };
    },
  };
}

describe('diagnose is read-only on every channel', () => {
  it('the registry declares diagnose and diagnose:live read', () => {
    expect([findTask('diagnose')?.effect, findTask('diagnose:live')?.effect]).toEqual(['read', 'read']);
  });

  it('each write is refused before anything is sent; the simulators, the tool, the disk and the site saw only reads', async () => {
    aws.clearRequests();
    kube.clearRequests();
    site.requests.length = 0;
    const filesBefore = await readdir(repo.dir);
    let stdout = '';
    const code = await runSelection(
      { task: buggyDiagnose(), args: {}, flags: {}, fromCli: new Set(), global: { verbose: false, dryRun: false, json: true, color: false, dotenv: false } },
      { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true }, env: { ...aws.env(), KUBECONFIG: join(repo.dir, 'kubeconfig'), PATH: fakes.path({ isolate: true }) }, cwd: repo.dir, signal: new AbortController().signal, cores: 2 },
    );
    const doc = JSON.parse(stdout) as { data: Record<string, string>; transcript: Array<{ channel: string; effect: string; status: string }> };
    expect(code).toBe(0);
    expect(doc.data).toEqual({
      'aws: elbv2 DeleteLoadBalancer': 'E_READ_ONLY', 'aws: secretsmanager DeleteSecret': 'E_READ_ONLY', 'aws: raw ModifyListener (in no table)': 'E_READ_ONLY',
      'kube: delete namespace': 'E_READ_ONLY', 'kube: apply deployment': 'E_READ_ONLY', 'process: kubectl delete': 'E_READ_ONLY',
      'file: write': 'E_READ_ONLY', 'net: POST': 'E_READ_ONLY', 'net: DELETE': 'E_READ_ONLY',
    });
    expect(doc.transcript.filter((t) => t.status === 'refused').map((t) => `${t.channel}:${t.effect}`)).toEqual([
      'aws:destroy', 'aws:destroy', 'aws:destroy', 'kube:destroy', 'kube:write', 'process:destroy', 'file:write', 'net:write', 'net:destroy',
    ]);
    expect(doc.transcript.filter((t) => t.status !== 'refused').every((t) => t.effect === 'read')).toBe(true);
    expect(aws.requests.map((r) => r.operation)).toEqual(['DescribeLoadBalancers']);
    expect(kube.requests.map((r) => `${r.verb} ${r.resource}`)).toEqual(['get namespaces']);
    expect((await fakes.calls('kubectl')).map((c) => c.argv[0])).toEqual(['version']);
    expect(await readdir(repo.dir)).toEqual(filesBefore);
    expect(site.requests).toEqual([]);
    expect(aws.list('elbv2:loadbalancer')).toHaveLength(1);
    expect(kube.get('Namespace', undefined, 'pr-7')).toBeDefined();
  });

  it('the --role-arn session policy allows exactly the reads: every AWS operation jetscale knows, judged as IAM would', () => {
    const policy = parseSessionPolicy(readOnlySessionPolicy());
    const wrong = Object.entries(AWS_OPERATIONS)
      .filter(([op]) => op !== 'sts:AssumeRole') // a narrowed session may not assume roles again; stricter than the gate
      .filter(([op, effect]) => sessionAllows(policy, iamAction(...(op.split(':') as [string, string]))) !== (effect === 'read'));
    expect(wrong).toEqual([]);
    expect(sessionAllows(policy, 'sts:AssumeRole')).toBe(false);
    expect(sessionAllows(policy, 'elasticloadbalancing:ModifyListener')).toBe(false);
    expect(sessionAllows(policy, 'iam:CreateUser')).toBe(false);
    expect(sessionAllows(policy, 'kms:Decrypt')).toBe(true);
    expect(READ_ACTIONS.every((a) => /:(Describe|List|Get)\*$|^sts:GetCallerIdentity$|^kms:Decrypt$/.test(a))).toBe(true);
    expect(readOnlySessionPolicy().length).toBeLessThan(2048);
  });
});
