// Kubeconfig loading from the run's env view: KUBECONFIG lists merged like kubectl, ~/.kube/config via HOME, the
// context chosen in memory (the files stay byte-for-byte unchanged), and every bad input as an exit-3 error.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EffectGate } from '../../src/core/effects.js';
import { JetscaleError } from '../../src/core/errors.js';
import { Secrets } from '../../src/core/secrets.js';
import { createKubeClient, loadKubeConfig } from '../../src/kube/index.js';
import { startKubeSim, type KubeSim } from '../support/kube-sim/index.js';
import { envOf, tempDir } from './helpers.js';

let a: KubeSim;
let b: KubeSim;
let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  [a, b, tmp] = await Promise.all([startKubeSim(), startKubeSim(), tempDir()]);
});
afterEach(async () => {
  await Promise.all([a.stop(), b.stop()]);
  await tmp.cleanup();
});

async function failure(p: Promise<unknown>): Promise<JetscaleError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(JetscaleError);
  return err as JetscaleError;
}

describe('loadKubeConfig', () => {
  it('merges a KUBECONFIG list first-wins and selects a context in memory only', async () => {
    const fileA = join(tmp.dir, 'a.yaml');
    const fileB = join(tmp.dir, 'b.yaml');
    await a.writeKubeconfig(fileA, 'alpha', 'pr-7');
    await b.writeKubeconfig(fileB, 'beta');
    const before = await Promise.all([readFile(fileA), readFile(fileB)]);
    const env = envOf({ KUBECONFIG: `${fileA}:${fileB}` });

    const current = await loadKubeConfig({ env });
    expect(current).toMatchObject({ context: 'alpha', namespace: 'pr-7', files: [fileA, fileB] });
    expect(current.cluster.server).toBe(a.url);

    const gate = new EffectGate({ dryRun: false, ceiling: 'read' });
    const kube = await createKubeClient({ env, gate, context: 'beta' });
    expect(kube.context).toBe('beta');
    expect(kube.namespace).toBe('default');
    expect((await kube.listNamespaces()).map((n) => n.metadata?.name)).toEqual(['default', 'kube-system']);
    expect(b.requests.map((r) => `${r.verb} ${r.resource}`)).toEqual(['list namespaces']);
    expect(a.requests).toEqual([]);

    const after = await Promise.all([readFile(fileA), readFile(fileB)]);
    expect(after[0].equals(before[0]) && after[1].equals(before[1])).toBe(true);
  });

  it('falls back to ~/.kube/config from the env view HOME, and ignores missing files in a KUBECONFIG list', async () => {
    await mkdir(join(tmp.dir, '.kube'));
    await a.writeKubeconfig(join(tmp.dir, '.kube', 'config'), 'home-ctx');
    expect((await loadKubeConfig({ env: envOf({ HOME: tmp.dir }) })).context).toBe('home-ctx');
    const real = join(tmp.dir, 'real.yaml');
    await b.writeKubeconfig(real, 'real');
    expect((await loadKubeConfig({ env: envOf({ KUBECONFIG: `${join(tmp.dir, 'nope.yaml')}:${real}` }) })).context).toBe('real');
  });

  it('registers the token for redaction', async () => {
    const file = join(tmp.dir, 'config');
    await a.writeKubeconfig(file, 'sim');
    const secrets = new Secrets();
    await loadKubeConfig({ env: envOf({ KUBECONFIG: file }), secrets });
    expect(secrets.redact(`Bearer ${a.token}`)).toBe('Bearer ***');
  });

  it('names the missing context and lists the available ones (exit 3)', async () => {
    const file = join(tmp.dir, 'config');
    await a.writeKubeconfig(file, 'alpha');
    const err = await failure(loadKubeConfig({ env: envOf({ KUBECONFIG: file }), context: 'prod' }));
    expect(err).toMatchObject({ code: 'E_KUBE_CONTEXT', exitCode: 3 });
    expect(err.message).toContain('kube context "prod" (from --context) does not exist');
    expect(err.message).toContain('available: alpha');
    expect(err.hint).toContain('--context');
  });

  it('fails with exit 3 when no kubeconfig exists', async () => {
    const none = await failure(loadKubeConfig({ env: envOf({ HOME: tmp.dir }) }));
    expect(none).toMatchObject({ code: 'E_KUBECONFIG_MISSING', exitCode: 3 });
    expect(none.message).toContain(join(tmp.dir, '.kube', 'config'));
    const list = await failure(loadKubeConfig({ env: envOf({ KUBECONFIG: join(tmp.dir, 'x.yaml') }) }));
    expect(list.message).toContain('none of the files in KUBECONFIG exist');
    const flag = await failure(loadKubeConfig({ env: envOf({}), kubeconfigPath: join(tmp.dir, 'y.yaml') }));
    expect(flag.message).toBe(`kubeconfig ${join(tmp.dir, 'y.yaml')} does not exist`);
  });

  it('names a kubeconfig that does not parse', async () => {
    const file = join(tmp.dir, 'broken.yaml');
    await writeFile(file, 'clusters:\n  - name: x\n    cluster: [unterminated\n');
    const err = await failure(loadKubeConfig({ env: envOf({ KUBECONFIG: file }) }));
    expect(err).toMatchObject({ code: 'E_KUBECONFIG_INVALID', exitCode: 3 });
    expect(err.message).toContain(`kubeconfig ${file} does not parse`);
    const noServer = join(tmp.dir, 'no-server.yaml');
    await writeFile(noServer, 'clusters:\n  - name: x\n    cluster: {}\n');
    expect((await failure(loadKubeConfig({ env: envOf({ KUBECONFIG: noServer }) }))).message).toContain('clusters[0].cluster.server is missing');
  });

  it('rejects a context whose cluster or user is not defined', async () => {
    const file = join(tmp.dir, 'config');
    await writeFile(file, [
      'apiVersion: v1', 'kind: Config', 'current-context: orphan',
      'clusters: [{ name: c, cluster: { server: "https://127.0.0.1:1" } }]',
      'users: [{ name: u, user: { token: fake-token-for-test } }]',
      'contexts: [{ name: orphan, context: { cluster: gone, user: u } }, { name: nouser, context: { cluster: c, user: ghost } }]',
    ].join('\n'));
    const env = envOf({ KUBECONFIG: file });
    const cluster = await failure(loadKubeConfig({ env }));
    expect(cluster).toMatchObject({ code: 'E_KUBE_CONTEXT_INCOMPLETE', exitCode: 3 });
    expect(cluster.message).toContain('refers to cluster "gone"');
    expect((await failure(loadKubeConfig({ env, context: 'nouser' }))).message).toContain('refers to user "ghost"');
  });

  it('asks for --context when the kubeconfig sets no current-context', async () => {
    const file = join(tmp.dir, 'config');
    await a.writeKubeconfig(file, 'alpha');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/current-context: .*\n/, ''));
    const err = await failure(loadKubeConfig({ env: envOf({ KUBECONFIG: file }) }));
    expect(err.message).toContain('has no current-context (available: alpha)');
    expect((await loadKubeConfig({ env: envOf({ KUBECONFIG: file }), context: 'alpha' })).context).toBe('alpha');
  });
});
