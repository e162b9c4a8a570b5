// Importing the kube adapter loads no @kubernetes/client-node code; the library is evaluated only when the first
// client is built, so `jetscale --help` and tasks that never touch a cluster do not pay for it.
// Only vitest is imported statically: the simulator and helpers import client-node themselves.
import { describe, expect, it, vi } from 'vitest';

const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('@kubernetes/client-node', async (importOriginal) => {
  loads.count++;
  return await importOriginal();
});

const KUBECONFIG = [
  'apiVersion: v1', 'kind: Config', 'current-context: lazy',
  'clusters: [{ name: lazy, cluster: { server: "https://127.0.0.1:9" } }]',
  'users: [{ name: lazy, user: { token: fake-token-for-test } }]',
  'contexts: [{ name: lazy, context: { cluster: lazy, user: lazy } }]',
].join('\n');

describe('lazy loading', () => {
  it('loads client-node on the first createKubeClient, not on import', async () => {
    const kube = await import('../../src/kube/index.js');
    const { EffectGate } = await import('../../src/core/effects.js');
    expect(typeof kube.createKubeClient).toBe('function');
    expect(loads.count).toBe(0);

    const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(`${tmpdir()}/jetscale-lazy-`);
    await writeFile(`${dir}/config`, KUBECONFIG);
    const client = await kube.createKubeClient({ env: { get: (n) => (n === 'KUBECONFIG' ? `${dir}/config` : undefined) }, gate: new EffectGate({ dryRun: false, ceiling: 'read' }) });
    expect(client.context).toBe('lazy');
    expect(loads.count).toBe(1);
    await rm(dir, { recursive: true, force: true });
  });
});
