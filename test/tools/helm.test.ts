// The helm adapter with the real helm: version and template offline; list, status, history, uninstall against
// kube-sim over HTTPS (release records seeded as helm stores them); argv shapes of upgrade with a recording fake.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EffectRefusedError } from '../../src/core/effects.js';
import { CommandFailedError } from '../../src/exec/command-failed.js';
import * as helm from '../../src/tools/helm.js';
import type { ResolvedTool } from '../../src/tools/tool-table.js';
import { createFakeTools } from '../support/fake-tools.js';
import { helmHomeEnv } from '../support/helm/helm-home.js';
import { startKubeSim, type KubeSim } from '../support/kube-sim/index.js';
import { fakeTool, makeRun } from './harness.js';
import { releaseSecret } from './helm-release.js';

const helmPath = process.env.JETSCALE_HELM ?? '';
if (!helmPath) console.warn('helm adapter tests against the real helm skipped: JETSCALE_HELM is empty (the global setup could not get helm)');

let work: string;
let sim: KubeSim;
let env: Record<string, string>;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'jetscale-helm-adapter-'));
  await mkdir(join(work, 'chart', 'templates'), { recursive: true });
  await writeFile(join(work, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 0.1.0\n');
  await writeFile(join(work, 'chart', 'values.yaml'), 'greeting: hello\n');
  await writeFile(join(work, 'chart', 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  greeting: {{ required "greeting is required" .Values.greeting | quote }}\n');
  await writeFile(join(work, 'override.yaml'), 'greeting: bonjour\n');
  await writeFile(join(work, 'broken.yaml'), 'greeting: null\n');
  const chart = { name: 'jetscale', version: '0.1.0', appVersion: '1.2.3' };
  sim = await startKubeSim({
    fixture: {
      objects: [
        releaseSecret({ name: 'web', namespace: 'pr-7', revision: 1, status: 'superseded', chart }),
        releaseSecret({ name: 'web', namespace: 'pr-7', revision: 2, status: 'deployed', chart, config: { dbPassword: 'hunter2-in-values' } }),
      ] as never,
    },
  });
  await sim.writeKubeconfig(join(work, 'kubeconfig'), 'kube-sim', 'pr-7');
  env = { KUBECONFIG: join(work, 'kubeconfig'), HOME: work, ...helmHomeEnv(join(work, 'helm-home')) };
});
afterAll(async () => {
  await sim?.stop();
  await rm(work, { recursive: true, force: true });
});

async function realHelm(o: Parameters<typeof makeRun>[0] = {}) {
  const run = makeRun({ ...o, env: { ...env, JETSCALE_HELM: helmPath, ...o.env } });
  const tool = await run.finder.resolve('helm');
  return { ...run, tool };
}

describe.skipIf(!helmPath)('helm adapter, real helm', () => {
  it('resolves helm by running it; the version its build info states (read without a process) agrees', async () => {
    const run = makeRun({ env: { ...env, JETSCALE_HELM: helmPath } });
    const stated = await run.finder.stated('helm');
    expect(run.commands()).toEqual([]);
    const tool = await run.finder.resolve('helm');
    expect(tool.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(stated?.version).toBe(tool.version);
    expect(await helm.version(run.exec, tool)).toBe(tool.version);
    expect(run.commands()).toEqual(['ran:helm version --short', 'ran:helm version --short']);
  });

  it('template renders with the values files in order (a read that runs under --dry-run too)', async () => {
    const { exec, tool, gate } = await realHelm({ dryRun: true });
    const r = await helm.template(exec, tool, { release: 'demo', chart: join(work, 'chart'), valuesFiles: [join(work, 'override.yaml')], cwd: work });
    expect(r.ok).toBe(true);
    expect(r.ok && r.manifests).toContain('name: demo-cm');
    expect(r.ok && r.manifests).toContain('greeting: "bonjour"');
    expect(gate.transcript.at(-1)).toMatchObject({ operation: 'helm template', status: 'ran', effect: 'read' });
  });

  it('template returns the chart\'s error as data instead of throwing', async () => {
    const { exec, tool } = await realHelm();
    const r = await helm.template(exec, tool, { release: 'demo', chart: join(work, 'chart'), valuesFiles: [join(work, 'broken.yaml')] });
    expect(r).toMatchObject({ ok: false, exitCode: 1 });
    expect(!r.ok && r.stderr).toContain('greeting is required');
  });

  it('list, status and history read the releases from the cluster; values never come back', async () => {
    const { exec, tool } = await realHelm();
    sim.clearRequests();
    expect(await helm.list(exec, tool, { namespace: 'pr-7' })).toEqual([{ name: 'web', namespace: 'pr-7', revision: 2, status: 'deployed', chart: 'jetscale-0.1.0', app_version: '1.2.3', updated: expect.any(String) }]);
    const status = await helm.status(exec, tool, { release: 'web', namespace: 'pr-7' });
    expect(status).toMatchObject({ name: 'web', namespace: 'pr-7', version: 2, info: { status: 'deployed' } });
    expect(JSON.stringify(status)).not.toContain('hunter2-in-values');
    expect((await helm.history(exec, tool, { release: 'web', namespace: 'pr-7' })).map((r) => [r.revision, r.status])).toEqual([[1, 'superseded'], [2, 'deployed']]);
    expect(sim.requests.every((r) => r.method === 'GET')).toBe(true);
    expect(sim.requests.some((r) => r.path === '/api/v1/namespaces/pr-7/secrets')).toBe(true);
  });

  it('a missing release is undefined / empty, recorded as a read that ran', async () => {
    const { exec, tool, gate } = await realHelm();
    expect(await helm.status(exec, tool, { release: 'nope', namespace: 'pr-7' })).toBeUndefined();
    expect(await helm.history(exec, tool, { release: 'nope', namespace: 'pr-7' })).toEqual([]);
    expect(gate.transcript.slice(-2).map((r) => [r.status, r.exitCode])).toEqual([['ran', 1], ['ran', 1]]);
  });

  it('--dry-run records upgrade --install and uninstall: no request reaches the cluster', async () => {
    const { exec, tool, commands } = await realHelm({ dryRun: true });
    sim.clearRequests();
    const up = await helm.upgradeInstall(exec, tool, { release: 'web', chart: join(work, 'chart'), namespace: 'pr-7', setString: { 'image.tag': 'abc123' }, secretValues: { db: { password: 'dry-run-secret-1' } }, wait: true, atomic: true });
    const down = await helm.uninstall(exec, tool, { release: 'web', namespace: 'pr-7' });
    expect(up.skipped && down.skipped).toBe(true);
    expect(sim.requests).toEqual([]);
    expect(sim.get('Secret', 'pr-7', 'sh.helm.release.v1.web.v2')).toBeDefined();
    expect(commands().slice(-2)[0]).toMatch(/^recorded:helm upgrade --install web .* --namespace pr-7 --values - --set-string image.tag=abc123 --wait --(atomic|rollback-on-failure)/);
    expect(commands().join('\n')).not.toContain('dry-run-secret-1');
  });

  it('a read-only run refuses upgrade before helm starts', async () => {
    const { exec, tool } = await realHelm({ ceiling: 'read' });
    sim.clearRequests();
    await expect(helm.upgradeInstall(exec, tool, { release: 'web', chart: join(work, 'chart'), namespace: 'pr-7' })).rejects.toBeInstanceOf(EffectRefusedError);
    expect(sim.requests).toEqual([]);
  });

  it('uninstall removes the release records from the cluster (destroy)', async () => {
    const { exec, tool, gate } = await realHelm();
    sim.clearRequests();
    const r = await helm.uninstall(exec, tool, { release: 'web', namespace: 'pr-7' });
    expect(r.skipped).toBe(false);
    expect(gate.transcript.at(-1)).toMatchObject({ operation: 'helm uninstall', effect: 'destroy', status: 'ran' });
    expect(sim.get('Secret', 'pr-7', 'sh.helm.release.v1.web.v2')).toBeUndefined();
    expect(sim.requests.filter((q) => q.method === 'DELETE').map((q) => q.name)).toContain('sh.helm.release.v1.web.v2');
    // Gone is not an error the second time.
    await expect(helm.uninstall(exec, tool, { release: 'web', namespace: 'pr-7' })).resolves.toMatchObject({ skipped: false });
  });
});

describe('helm adapter argv (recording fake)', () => {
  async function withFake(version: string, rules: Parameters<Awaited<ReturnType<typeof createFakeTools>>['add']>[1] = []) {
    const fakes = await createFakeTools();
    const tool: ResolvedTool = fakeTool('helm', await fakes.add('helm', rules), version);
    return { fakes, tool };
  }

  it('template runs helm with the Go GC off up to a memory limit, unless the user tuned GOGC or GOMEMLIMIT', async () => {
    const { fakes, tool } = await withFake('4.2.3', [{ args: ['template'], stdout: 'kind: ConfigMap\n' }]);
    const { exec } = makeRun();
    const render = (env: Record<string, string>) => helm.template(exec, tool, { release: 'r', chart: '/c', valuesFiles: [], env: helm.shortLivedGoRuntime((n) => env[n]) });
    await render({});
    await render({ GOGC: '200' });
    await render({ GOMEMLIMIT: '2GiB' });
    const calls = await fakes.calls('helm');
    expect(calls.map((c) => [c.env.GOGC, c.env.GOMEMLIMIT])).toEqual([['off', '512MiB'], [undefined, undefined], [undefined, undefined]]);
    await fakes.cleanup();
  });

  it('upgrade: secret values on stdin only, --rollback-on-failure on helm 4 and --atomic on helm 3', async () => {
    for (const [version, flag] of [['4.2.3', '--rollback-on-failure'], ['3.17.0', '--atomic']] as const) {
      const { fakes, tool } = await withFake(version);
      const { exec, text } = makeRun();
      await helm.upgradeInstall(exec, tool, { release: 'web', chart: 'oci://registry.test/charts/jetscale', version: '1.2.3', namespace: 'pr-7', createNamespace: true, valuesFiles: ['/v/a.yaml'], setString: { host: 'pr-7.example.test' }, secretValues: { db: { password: 'pw-in-stdin-987' } }, atomic: true, wait: true, timeoutMs: 600_000 });
      const [call] = await fakes.calls('helm');
      expect(call?.argv).toEqual(['upgrade', '--install', 'web', 'oci://registry.test/charts/jetscale', '--namespace', 'pr-7', '--version', '1.2.3', '--create-namespace', '--values', '/v/a.yaml', '--values', '-', '--set-string', 'host=pr-7.example.test', '--wait', flag, '--timeout', '600s']);
      expect(JSON.parse(call!.stdin)).toEqual({ db: { password: 'pw-in-stdin-987' } });
      expect(text()).not.toContain('pw-in-stdin-987');
      await fakes.cleanup();
    }
  });

  it('a failed upgrade carries helm\'s redacted stderr tail as data', async () => {
    const { fakes, tool } = await withFake('4.2.3', [{ args: ['upgrade'], stderr: 'Error: UPGRADE FAILED: secret pw-leaked-555 rejected\n', exitCode: 1 }]);
    const { exec } = makeRun();
    const error = await helm.upgradeInstall(exec, tool, { release: 'web', chart: 'c', secretValues: { p: 'pw-leaked-555' } }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(CommandFailedError);
    expect((error as CommandFailedError).tail).toBe('Error: UPGRADE FAILED: secret *** rejected');
    expect((error as CommandFailedError).message).not.toContain('pw-leaked-555');
    await fakes.cleanup();
  });

  it('registry login sends the password on stdin; dependency build/update are writes', async () => {
    const { fakes, tool } = await withFake('4.2.3');
    const { exec, gate } = makeRun();
    await helm.registryLogin(exec, tool, { host: 'ghcr.io', username: 'bot', password: 'ghp_token_value_123' });
    await helm.dependencyBuild(exec, tool, { chartDir: '/c' });
    await helm.dependencyUpdate(exec, tool, { chartDir: '/c' });
    const calls = await fakes.calls('helm');
    expect(calls.map((c) => c.argv)).toEqual([['registry', 'login', 'ghcr.io', '--username', 'bot', '--password-stdin'], ['dependency', 'build', '/c'], ['dependency', 'update', '/c']]);
    expect(calls[0]?.stdin).toBe('ghp_token_value_123');
    expect(gate.transcript.map((r) => [r.operation, r.effect])).toEqual([['helm registry login', 'write'], ['helm dependency build', 'write'], ['helm dependency update', 'write']]);
    await fakes.cleanup();
  });
});
