// The render cache never gives a stale verdict: each input of the key, changed in turn, forces a re-render of the
// environments it affects, and only those. A second unchanged run renders nothing.
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { FixtureFactory, type FixtureRepo } from './fixture-repo.js';

const HELM = process.env.JETSCALE_HELM ?? '';
let factory: FixtureFactory;
let repo: FixtureRepo;
let cacheDir: string;

beforeAll(async () => {
  factory = await FixtureFactory.create();
  repo = await factory.repo();
  cacheDir = await mkdtemp(join(tmpdir(), 'jetscale-render-cache-'));
});
afterAll(() => factory.cleanup());

/** Runs validate:envs with rendering and returns which environments were rendered (not served from the cache). */
async function renderedEnvs(extra: Record<string, string> = {}, args: string[] = []): Promise<string[]> {
  const r = await runCli(['validate:envs', 'aws', '--render=require', ...args], { cwd: repo.dir, env: { PATH: process.env.PATH, JETSCALE_HELM: HELM, JETSCALE_CACHE_DIR: cacheDir, ...extra } });
  expect(r.code, r.stderr).toBe(0);
  return [...r.stderr.matchAll(/ rendered (\S+): /g)].map((m) => m[1]!).sort();
}

const ALL = ['live/console', 'preview/preview', 'staging/acme', 'staging/globex'];

describe.skipIf(!HELM)('render cache', () => {
  it('renders everything once, then nothing while nothing changes', async () => {
    expect(await renderedEnvs()).toEqual(ALL);
    expect(await renderedEnvs()).toEqual([]);
  });

  it.each([
    ['an environment file', 'envs/staging/acme.yaml', ['staging/acme']],
    ['a type default', 'envs/staging/default.yaml', ['staging/acme', 'staging/globex']],
    ['the cloud layer', 'envs/aws.yaml', ALL],
    ["the chart's values.yaml", 'charts/jetscale/values.yaml', ALL],
    ['a chart template', 'charts/jetscale/templates/ingress.yaml', ALL],
  ])('a change to %s re-renders exactly the environments that read it', async (_what, file, expected) => {
    await renderedEnvs();
    await repo.append(file, ['# a comment changes the bytes, so the verdict must be recomputed']);
    expect(await renderedEnvs()).toEqual(expected);
    expect(await renderedEnvs()).toEqual([]);
  });

  it('a changed vendored subchart re-renders everything', async () => {
    await renderedEnvs();
    const [tgz] = await factory.subcharts();
    // Same chart, different bytes (recompressed): the key sees bytes, so it must not trust the old verdict.
    const { readFile } = await import('node:fs/promises');
    const { gunzipSync, gzipSync } = await import('node:zlib');
    const path = repo.abs(`charts/jetscale/charts/${tgz}`);
    await writeFile(path, gzipSync(gunzipSync(await readFile(path)), { level: 1 }));
    expect(await renderedEnvs()).toEqual(ALL);
  });

  it('another helm version re-renders everything', async () => {
    await renderedEnvs();
    const wrapper = join(cacheDir, 'helm-next.sh');
    await writeFile(wrapper, `#!/bin/sh\nif [ "$1" = version ]; then echo v9.9.9; exit 0; fi\nexec '${HELM}' "$@"\n`);
    await chmod(wrapper, 0o755);
    expect(await renderedEnvs({ JETSCALE_HELM: wrapper })).toEqual(ALL);
  });

  it('a changed requiredKinds for a type re-renders that type', async () => {
    await renderedEnvs();
    await repo.write('jetscale.config.yaml', 'requiredKinds:\n  live: [Ingress, Service]\n');
    expect(await renderedEnvs()).toEqual(['live/console']);
  });

  it('--no-cache renders everything and a corrupt cache entry is a miss, never an error', async () => {
    expect(await renderedEnvs({}, ['--no-cache'])).toEqual(ALL);
    const { readdir } = await import('node:fs/promises');
    for (const f of await readdir(join(cacheDir, 'render'))) await writeFile(join(cacheDir, 'render', f), '{"format": 1, "findings": "oops"');
    expect(await renderedEnvs()).toEqual(ALL);
  });
});
