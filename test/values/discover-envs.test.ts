import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkCloud, discoverEnvironments, layersFor } from '../../src/values/discover-envs.js';

const made: string[] = [];

async function repoWith(files: string[]): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'jetscale-envs-'));
  made.push(root);
  await mkdir(path.join(root, 'envs'), { recursive: true });
  for (const f of files) {
    await mkdir(path.dirname(path.join(root, f)), { recursive: true });
    await writeFile(path.join(root, f), 'a: 1\n');
  }
  return root;
}

afterEach(async () => {
  for (const d of made.splice(0)) await rm(d, { recursive: true, force: true });
});

const STACK = [
  'envs/aws.yaml', 'envs/README.md', 'envs/gcp.yaml',
  'envs/preview/preview.yaml',
  'envs/prod/default.yaml', 'envs/prod/console.yaml', 'envs/prod/demo.yaml',
  'envs/staging/default.yml', 'envs/staging/jetscale.yaml', 'envs/staging/bridgit.yml', 'envs/staging/notes.txt',
];

describe('discoverEnvironments', () => {
  it('finds clouds and environments in lexical order, skipping top-level files and default.yaml/.yml', async () => {
    const root = await repoWith(STACK);
    const layout = await discoverEnvironments(path.join(root, 'envs'));
    expect(layout.dir).toBe('envs');
    expect(layout.clouds).toEqual(['aws', 'gcp']);
    expect(layout.envs.map((e) => e.id)).toEqual(['preview/preview', 'prod/console', 'prod/demo', 'staging/bridgit', 'staging/jetscale']);
    expect(layout.envs.find((e) => e.id === 'prod/console')).toEqual({
      id: 'prod/console', type: 'prod', file: 'envs/prod/console.yaml', defaultFile: 'envs/prod/default.yaml',
    });
    expect(layout.envs.find((e) => e.id === 'staging/bridgit')?.defaultFile).toBe('envs/staging/default.yml');
    expect(layout.envs.find((e) => e.id === 'preview/preview')?.defaultFile).toBeUndefined();
    // The one file discovery does not read is reported, not dropped.
    expect(layout.findings).toEqual([expect.objectContaining({ rule: 'layout', severity: 'warning', file: 'envs/staging/notes.txt' })]);
  });

  it('reports every file in a type folder it does not check as a layout warning, naming the fix', async () => {
    const root = await repoWith(['envs/aws.yaml', 'envs/README.md', 'envs/live/a.yaml', 'envs/live/README.md', 'envs/live/.gitkeep', 'envs/live/acme.YAML', 'envs/live/x.json', 'envs/live/x.yaml.bak', 'envs/live/b.Yml', 'envs/notes.txt']);
    const layout = await discoverEnvironments(path.join(root, 'envs'));
    expect(layout.envs.map((e) => e.id)).toEqual(['live/a']);
    const byFile = Object.fromEntries(layout.findings.map((f) => [f.file, f]));
    expect(Object.keys(byFile).sort()).toEqual(['envs/live/acme.YAML', 'envs/live/b.Yml', 'envs/live/x.json', 'envs/live/x.yaml.bak', 'envs/notes.txt']);
    for (const f of layout.findings) expect(f).toMatchObject({ rule: 'layout', severity: 'warning', message: expect.stringContaining('is not checked') });
    expect(byFile['envs/live/acme.YAML']?.hint).toContain('rename it to acme.yaml');
    expect(byFile['envs/live/b.Yml']?.hint).toContain('rename it to b.yml');
    expect(byFile['envs/live/x.yaml.bak']?.hint).toContain('move it out');
  });

  it.each(['Acme', 'acme_1', 'acme.v2', '-acme', 'acme-', 'a'.repeat(64), 'ünï'])('an environment named %j is a layout error but still checked', async (name) => {
    const root = await repoWith(['envs/aws.yaml', `envs/live/${name}.yaml`]);
    const layout = await discoverEnvironments(path.join(root, 'envs'));
    expect(layout.envs.map((e) => e.id)).toEqual([`live/${name}`]);
    expect(layout.findings).toEqual([expect.objectContaining({ rule: 'layout', severity: 'error', file: `envs/live/${name}.yaml`, message: expect.stringContaining('not a DNS label') })]);
  });

  it('accepts DNS-label names up to 63 characters, and reports a type folder that is not one', async () => {
    const root = await repoWith(['envs/aws.yaml', `envs/live/${'a'.repeat(63)}.yaml`, 'envs/live/a-1.yml', 'envs/Live/x.yaml']);
    const layout = await discoverEnvironments(path.join(root, 'envs'));
    expect(layout.envs.map((e) => e.id)).toEqual(['Live/x', 'live/a-1', `live/${'a'.repeat(63)}`]);
    expect(layout.findings).toEqual([expect.objectContaining({ rule: 'layout', severity: 'error', file: 'envs/Live', message: expect.stringContaining('type folder "Live"') })]);
  });

  it('reports a symlink that points at nothing', async () => {
    const root = await repoWith(['envs/aws.yaml', 'envs/live/a.yaml']);
    await symlink(path.join(root, 'missing.yaml'), path.join(root, 'envs/live/b.yaml'));
    const layout = await discoverEnvironments(path.join(root, 'envs'));
    expect(layout.findings).toEqual([expect.objectContaining({ rule: 'layout', severity: 'warning', file: 'envs/live/b.yaml' })]);
  });

  it('is an error when both default.yaml and default.yml exist, and default.yaml is used', async () => {
    const root = await repoWith(['envs/aws.yaml', 'envs/prod/default.yaml', 'envs/prod/default.yml', 'envs/prod/a.yaml']);
    const layout = await discoverEnvironments(path.join(root, 'envs'));
    expect(layout.envs[0]?.defaultFile).toBe('envs/prod/default.yaml');
    expect(layout.findings).toEqual([expect.objectContaining({ rule: 'layout', severity: 'error', file: 'envs/prod/default.yml' })]);
  });

  it('reports nesting deeper than one level as an error but still includes the file', async () => {
    const root = await repoWith(['envs/aws.yaml', 'envs/staging/clients/acme.yaml', 'envs/staging/clients/default.yaml']);
    const layout = await discoverEnvironments(path.join(root, 'envs'));
    expect(layout.envs).toEqual([{ id: 'staging/clients/acme', type: 'staging/clients', file: 'envs/staging/clients/acme.yaml', defaultFile: 'envs/staging/clients/default.yaml' }]);
    expect(layout.findings).toEqual([expect.objectContaining({ rule: 'layout', severity: 'error', file: 'envs/staging/clients/acme.yaml' })]);
  });

  it('does not follow symlinked directories', async () => {
    const root = await repoWith(['envs/aws.yaml', 'envs/prod/a.yaml', 'elsewhere/x/b.yaml']);
    await symlink(path.join(root, 'elsewhere/x'), path.join(root, 'envs/linked'));
    const layout = await discoverEnvironments(path.join(root, 'envs'));
    expect(layout.envs.map((e) => e.id)).toEqual(['prod/a']);
    expect(layout.findings).toEqual([expect.objectContaining({ rule: 'layout', severity: 'warning', file: 'envs/linked' })]);
  });

  it('reports an empty envs dir and a missing one without throwing', async () => {
    const root = await repoWith(['envs/aws.yaml']);
    expect((await discoverEnvironments(path.join(root, 'envs'))).findings).toEqual([expect.objectContaining({ rule: 'layout', severity: 'error', message: expect.stringContaining('no environment files') })]);
    expect((await discoverEnvironments(path.join(root, 'nope'))).findings).toEqual([expect.objectContaining({ rule: 'layout', severity: 'error', file: 'nope' })]);
  });
});

describe('checkCloud / layersFor', () => {
  const layout = { dir: 'envs', clouds: ['aws'] };

  it.each(['../x', 'prod/default', 'AWS', '-aws', '', 'aws.yaml'])('rejects the cloud name %j', (cloud) => {
    expect(checkCloud(cloud, layout)).toEqual([expect.objectContaining({ rule: 'layout', severity: 'error', message: expect.stringContaining('invalid cloud name') })]);
    expect(() => layersFor({ id: 'prod/a', type: 'prod', file: 'envs/prod/a.yaml' }, cloud, 'charts/jetscale/values.yaml')).toThrow();
  });

  it('reports an unknown cloud with the known ones', () => {
    expect(checkCloud('gcp', layout)).toEqual([expect.objectContaining({ file: 'envs/gcp.yaml', message: 'cloud values file not found: envs/gcp.yaml', hint: expect.stringContaining('aws') })]);
    expect(checkCloud('aws', layout)).toEqual([]);
  });

  it('orders the layers chart → cloud → default → env', () => {
    const env = { id: 'prod/console', type: 'prod', file: 'envs/prod/console.yaml', defaultFile: 'envs/prod/default.yaml' };
    expect(layersFor(env, 'aws', 'charts/jetscale/values.yaml')).toEqual([
      'charts/jetscale/values.yaml', 'envs/aws.yaml', 'envs/prod/default.yaml', 'envs/prod/console.yaml',
    ]);
    expect(layersFor({ id: 'preview/preview', type: 'preview', file: 'envs/preview/preview.yaml' }, 'aws', 'v.yaml')).toEqual(['v.yaml', 'envs/aws.yaml', 'envs/preview/preview.yaml']);
  });
});
