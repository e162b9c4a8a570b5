// A kubeconfig exec credential plugin (as `aws eks get-token` is) runs only for requests the gate let through:
// a refused or recorded change never runs it, so a read-only task cannot even mint a token for a write.
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EffectGate, EffectRefusedError, type Effect } from '../../src/core/effects.js';
import { createKubeClient } from '../../src/kube/index.js';
import { startKubeSim, type KubeSim } from '../support/kube-sim/index.js';
import { envOf, tempDir, WORLD } from './helpers.js';

let sim: KubeSim | undefined;
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await sim?.stop();
  await cleanup?.();
});

async function clientWithPlugin(opts: { dryRun?: boolean; ceiling: Effect }) {
  sim = await startKubeSim({ fixture: WORLD });
  const tmp = await tempDir();
  cleanup = tmp.cleanup;
  const marker = join(tmp.dir, 'plugin-ran');
  const plugin = join(tmp.dir, 'get-token.sh');
  await writeFile(plugin, `#!/bin/sh\necho run >> '${marker}'\nprintf '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"${sim.token}"}}'\n`);
  await chmod(plugin, 0o755);
  const ca = Buffer.from(sim.caPem).toString('base64');
  const kubeconfig = join(tmp.dir, 'config');
  await writeFile(kubeconfig, `apiVersion: v1\nkind: Config\ncurrent-context: eks\nclusters:\n- name: eks\n  cluster:\n    server: ${sim.url}\n    certificate-authority-data: ${ca}\nusers:\n- name: eks\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: ${plugin}\n      interactiveMode: Never\ncontexts:\n- name: eks\n  context:\n    cluster: eks\n    user: eks\n`);
  const gate = new EffectGate({ dryRun: opts.dryRun ?? false, ceiling: opts.ceiling });
  const kube = await createKubeClient({ env: envOf({ KUBECONFIG: kubeconfig }), gate });
  const runs = async () => (await readFile(marker, 'utf8').catch(() => '')).split('\n').filter(Boolean).length;
  await rm(marker, { force: true });
  return { kube, runs };
}

describe('kubeconfig exec plugins run only behind the gate', () => {
  it('a refused delete in a read task never runs the plugin; an allowed read does', async () => {
    const { kube, runs } = await clientWithPlugin({ ceiling: 'read' });
    await expect(kube.deleteNamespace('pr-7')).rejects.toBeInstanceOf(EffectRefusedError);
    expect(await runs()).toBe(0);
    expect(sim!.requests).toHaveLength(0);
    await kube.getNamespace('pr-7');
    expect(await runs()).toBeGreaterThanOrEqual(1);
  });

  it('a change recorded under --dry-run never runs the plugin', async () => {
    const { kube, runs } = await clientWithPlugin({ ceiling: 'destroy', dryRun: true });
    expect((await kube.deleteNamespace('pr-7')).skipped).toBe(true);
    expect(await runs()).toBe(0);
    expect(sim!.get('Namespace', undefined, 'pr-7')).toBeDefined();
  });
});
