// Real helm 4 against kube-sim with the umbrella chart and the stand-in subcharts: upgrade --install --wait (server-side
// apply, watches), status, history, upgrade, rollback, a release stuck in pending-upgrade, and uninstall.
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeHelmHome } from '../helm/helm-home.js';
import { repoRoot } from '../helm/repo-root.js';
import { startKubeSim, type KubeSim } from './index.js';

const HELM = inject('helmPath');
const SKIP = !HELM ? inject('helmUnavailableReason') || 'helm is unavailable' : !inject('subchartsVia') ? 'the stand-in subcharts were not vendored' : '';
if (SKIP) console.warn(`kube-sim helm tests skipped: ${SKIP}`);

const NS = 'pr-7';
const chart = join(repoRoot, 'charts', 'jetscale');
const values = ['envs/aws.yaml', 'envs/preview/preview.yaml'].flatMap((f) => ['-f', join(repoRoot, f)]);
const DEPLOYMENTS = ['jr-backend-api', 'jr-backend-ws', 'jr-frontend'];

type Rel = { name: string; version: number; info: { status: string; description: string } };

describe.skipIf(SKIP !== '')('helm 4 against kube-sim', () => {
  let sim: KubeSim;
  let home: { dir: string; env: Record<string, string> };
  let env: Record<string, string>;
  const helm = (args: string[], opts: { timeoutMs?: number } = {}) =>
    execa(HELM, args, { env, reject: false, timeout: opts.timeoutMs ?? 60_000 }).then((r) => ({ exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) }));
  const upgrade = (...extra: string[]) => helm(['upgrade', '--install', 'jr', chart, '-n', NS, '--create-namespace', ...values, '--wait', '--timeout', '60s', ...extra]);
  const status = async () => JSON.parse((await helm(['status', 'jr', '-n', NS, '-o', 'json'])).stdout) as Rel;
  const history = async () => (JSON.parse((await helm(['history', 'jr', '-n', NS, '-o', 'json'])).stdout) as Array<{ revision: number; status: string }>).map((h) => `${h.revision}:${h.status}`);
  const releaseSecrets = () => sim.list('Secret', NS).filter((s) => s.type === 'helm.sh/release.v1').map((s) => `${s.metadata.name}:${(s.metadata.labels as Record<string, string>).status}`);
  const replicas = (name: string) => (sim.get('Deployment', NS, name)?.spec as { replicas?: number } | undefined)?.replicas;

  beforeAll(async () => {
    // A deployment controller for the namespace, so --wait sees rollouts finish through its watches.
    sim = await startKubeSim({ fixture: { behaviours: [{ type: 'rollout', namespace: NS, stepMs: 10 }] } });
    home = await makeHelmHome();
    const kubeconfig = join(home.dir, 'kubeconfig');
    await sim.writeKubeconfig(kubeconfig);
    env = { ...home.env, KUBECONFIG: kubeconfig };
  });
  afterAll(async () => {
    await sim?.stop();
    if (home) await rm(home.dir, { recursive: true, force: true });
  });

  it('upgrade --install --wait creates everything by server-side apply and records the release as a Secret', async () => {
    const r = await upgrade();
    expect(r.stderr).toBe('');
    expect(r).toMatchObject({ exitCode: 0 });
    expect(r.stdout).toContain('STATUS: deployed');
    expect(releaseSecrets()).toEqual(['sh.helm.release.v1.jr.v1:deployed']);
    for (const d of DEPLOYMENTS) {
      const obj = sim.get('Deployment', NS, d);
      expect(obj?.status).toMatchObject({ availableReplicas: 1, updatedReplicas: 1 });
      expect((obj?.metadata.managedFields as Array<{ manager: string; operation: string }>).map((m) => `${m.manager}:${m.operation}`)).toContain('helm:Apply');
    }
    expect(sim.list('ExternalSecret', NS).length).toBeGreaterThan(0);
    const writes = sim.requests.filter((q) => q.verb === 'patch' && q.resource !== 'namespaces');
    expect(writes.every((q) => q.query.includes('fieldManager=helm') && q.status === 201)).toBe(true);
    expect(sim.requests.some((q) => q.verb === 'watch' && q.resource === 'deployments')).toBe(true); // --wait watched
    expect((await status()).info.status).toBe('deployed');
  });

  it('upgrades, then rolls back to revision 1; history shows every revision', async () => {
    expect((await upgrade('--set', 'backend-api.replicaCount=3')).exitCode).toBe(0);
    expect(replicas('jr-backend-api')).toBe(3);
    expect(sim.get('Deployment', NS, 'jr-backend-api')?.status).toMatchObject({ availableReplicas: 3 });
    const rb = await helm(['rollback', 'jr', '1', '-n', NS, '--wait', '--timeout', '60s']);
    expect(rb).toMatchObject({ exitCode: 0, stdout: 'Rollback was a success! Happy Helming!' });
    expect(replicas('jr-backend-api')).toBe(1);
    expect(await history()).toEqual(['1:superseded', '2:superseded', '3:deployed']);
    expect((await status()).info.description).toBe('Rollback to 1');
  });

  it('a release left in pending-upgrade blocks the next upgrade until it is rolled back', async () => {
    const hang = sim.fault({ verb: 'patch', resource: 'deployments' }, { hang: true, times: Infinity });
    const stuck = execa(HELM, ['upgrade', 'jr', chart, '-n', NS, ...values, '--set', 'frontend.replicaCount=2'], { env, reject: false });
    const t0 = Date.now();
    while (hang.hits === 0 && Date.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 10));
    stuck.kill('SIGKILL'); // the deploy job dies mid-upgrade, as a cancelled CI run would
    await stuck;
    hang.cancel();
    expect(hang.hits).toBeGreaterThan(0);
    expect(await status()).toMatchObject({ version: 4, info: { status: 'pending-upgrade' } });
    expect(releaseSecrets()).toContain('sh.helm.release.v1.jr.v4:pending-upgrade');

    const blocked = await upgrade();
    expect(blocked.exitCode).toBe(1);
    expect(blocked.stderr).toContain('another operation (install/upgrade/rollback) is in progress');

    expect((await helm(['rollback', 'jr', '3', '-n', NS, '--wait', '--timeout', '60s'])).exitCode).toBe(0);
    expect((await status()).info.status).toBe('deployed');
    expect((await history()).at(-1)).toBe('5:deployed');
    expect((await upgrade()).exitCode).toBe(0);
  });

  it('uninstall --wait deletes the resources and every release record', async () => {
    const r = await helm(['uninstall', 'jr', '-n', NS, '--wait', '--timeout', '60s']);
    expect(r).toMatchObject({ exitCode: 0, stdout: 'release "jr" uninstalled' });
    expect(releaseSecrets()).toEqual([]);
    for (const kind of ['Deployment', 'Service', 'ExternalSecret', 'ConfigMap']) expect(sim.list(kind, NS)).toEqual([]);
    expect((await helm(['status', 'jr', '-n', NS])).stderr).toContain('release: not found');
  });
});
