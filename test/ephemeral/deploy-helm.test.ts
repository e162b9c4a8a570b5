// A release left in pending-upgrade by a killed helm (real helm 4 against kube-sim) blocks every later upgrade. The
// deploy detects it, refuses to touch a pending release younger than helm's timeout (another run may own it), and
// with --recover-pending rolls back to the last deployed revision, says so, and converges to green.
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmHomeEnv } from '../support/helm/helm-home.js';
import { ENV, HELM, makeWorld, type World } from './deploy-support/world.js';
import { skipReason } from './deploy-support/skip.js';

const SKIP = skipReason();
if (SKIP) console.warn(`ephemeral:deploy helm recovery tests skipped: ${SKIP}`);

describe.skipIf(SKIP !== '')('ephemeral:deploy and a release stuck in pending-upgrade', () => {
  let w: World;
  let env: Record<string, string>;
  const history = async () => (JSON.parse((await execa(HELM, ['history', ENV, '-n', ENV, '-o', 'json'], { env })).stdout) as Array<{ revision: number; status: string; description: string }>).map((h) => `${h.revision}:${h.status}`);

  beforeAll(async () => {
    w = await makeWorld();
    env = { KUBECONFIG: join(w.root, 'kubeconfig'), HOME: w.root, ...helmHomeEnv(join(w.root, '.helm')) };
    const first = await w.run([]);
    expect(first.code, first.stderr).toBe(0);
    // A deploy job killed mid-upgrade, as a cancelled CI run would be.
    const hang = w.kube.fault({ verb: 'patch', resource: 'deployments' }, { hang: true, times: Infinity });
    const stuck = execa(HELM, ['upgrade', ENV, join(w.root, 'charts', 'jetscale'), '-n', ENV, '--reuse-values', '--set', 'frontend.replicaCount=2'], { env, reject: false });
    const t0 = Date.now();
    while (hang.hits === 0 && Date.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 10));
    stuck.kill('SIGKILL');
    await stuck;
    hang.cancel();
    expect(await history()).toEqual(['1:deployed', '2:pending-upgrade']);
  });
  afterAll(async () => w?.close());

  it('without --recover-pending a young pending release is left alone: exit 3 saying why', async () => {
    const r = await w.run(['--from', 'helm']);
    expect(r.code).toBe(3);
    expect(r.json().error).toMatchObject({ code: 'E_HELM_PENDING' });
    expect(r.json().error?.message).toMatch(/revision 2 is pending-upgrade and \d+ s old, younger than helm's timeout \(60 s\)/);
    expect(await history()).toEqual(['1:deployed', '2:pending-upgrade']);
  });

  it('--recover-pending rolls back to the last deployed revision, prints it, upgrades and passes the gate', async () => {
    const r = await w.run(['--from', 'helm', '--recover-pending']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().events?.some((e) => e.step === 'helm' && e.message.includes('revision 2 is stuck in pending-upgrade (--recover-pending); rolling back to revision 1'))).toBe(true);
    // helm keeps the killed revision's record as it was; revision 3 is the rollback, 4 the deploy's upgrade.
    expect(await history()).toEqual(['1:superseded', '2:pending-upgrade', '3:superseded', '4:deployed']);
    expect((w.kube.get('Deployment', ENV, `${ENV}-frontend`)?.spec as { replicas?: number }).replicas).toBe(1);
  });
});

describe.skipIf(SKIP !== '')('ephemeral:deploy and a first install stuck in pending-install', () => {
  let w: World;
  afterAll(async () => w?.close());

  it('--recover-pending uninstalls the never-deployed release (the one destroy the task may do), then installs and passes the gate', async () => {
    w = await makeWorld();
    const env = { KUBECONFIG: join(w.root, 'kubeconfig'), HOME: w.root, ...helmHomeEnv(join(w.root, '.helm')) };
    const hang = w.kube.fault({ verb: 'patch', resource: 'deployments' }, { hang: true, times: Infinity });
    const stuck = execa(HELM, ['install', ENV, join(w.root, 'charts', 'jetscale'), '-n', ENV, '--create-namespace', '-f', join(w.root, 'envs', 'aws.yaml'), '-f', join(w.root, 'envs', 'preview', 'preview.yaml')], { env, reject: false });
    const t0 = Date.now();
    while (hang.hits === 0 && Date.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 10));
    stuck.kill('SIGKILL');
    await stuck;
    hang.cancel();
    const r = await w.run(['--recover-pending']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().events?.some((e) => e.step === 'helm' && e.message.includes('revision 1 is stuck in pending-install (--recover-pending) and no revision was ever deployed; uninstalling'))).toBe(true);
    expect(r.json().transcript.filter((t) => t.effect === 'destroy').map((t) => `${t.operation}:${t.status}`)).toEqual(['helm uninstall:ran']);
    const history = JSON.parse((await execa(HELM, ['history', ENV, '-n', ENV, '-o', 'json'], { env })).stdout) as Array<{ revision: number; status: string }>;
    expect(history.map((h) => `${h.revision}:${h.status}`)).toEqual(['1:deployed']);
  });
});
