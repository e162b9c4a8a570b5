// Subchart values are checked against the subchart itself: a misspelt key under `frontend:` is a warning at its line.
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { readTgz } from '../../src/chart/subchart-files.js';
import { checkSubchartKeys, keysFromSchema, keysFromValues } from '../../src/policy/subchart-keys.js';
import { parseValuesFile } from '../../src/values/load-yaml.js';
import { FixtureFactory } from '../validate/fixture-repo.js';
import { runCli } from '../support/run-cli.js';
import { afterAll, beforeAll } from 'vitest';

const doc = (file: string, text: string) => parseValuesFile(text, file).doc!;
const FRONTEND = { key: 'frontend', name: 'frontend', version: '2.7.1', from: 'values.yaml' as const, keys: keysFromValues({ image: { repository: 'x', tag: '' }, env: {}, replicaCount: 1, service: { port: 80 } }) };

describe('checkSubchartKeys', () => {
  it('warns at the line of a key the subchart does not have, suggesting the near one', () => {
    const f = checkSubchartKeys([doc('envs/live/x.yaml', 'frontend:\n  enabled: true\n  imagee:\n    tag: "1"\n  image:\n    tga: "2"\n  env:\n    ANY_NAME: ok\n  global: {}\n')], [FRONTEND]);
    expect(f.map((x) => [x.rule, x.line, x.message.match(/did you mean (\w+)/)?.[1]])).toEqual([
      ['values/subchart-key', 3, 'image'],
      ['values/subchart-key', 6, 'tag'],
    ]);
    expect(f.every((x) => x.severity === 'warning' && x.file === 'envs/live/x.yaml')).toBe(true);
  });

  it('open maps (empty defaults) take any key; scalar defaults are not descended; other sections are ignored', () => {
    expect(checkSubchartKeys([doc('a.yaml', 'frontend:\n  env:\n    X: 1\n  replicaCount: 2\nbackend-api:\n  whatever: 1\n')], [FRONTEND])).toEqual([]);
  });

  it('a schema names the keys; additionalProperties opens a map', () => {
    const keys = keysFromSchema({ type: 'object', properties: { image: { type: 'object', properties: { tag: { type: 'string' } }, additionalProperties: false }, extra: { type: 'object', additionalProperties: true, properties: { a: {} } } } });
    const sub = { ...FRONTEND, keys, from: 'values.schema.json' as const };
    const found = checkSubchartKeys([doc('a.yaml', 'frontend:\n  image:\n    tag: x\n    pull: y\n  extra:\n    b: 1\n')], [sub]);
    expect(found.map((x) => x.message.split(' ')[0])).toEqual(['frontend.image.pull']);
    expect(found[0]!.message).toContain('values.schema.json');
  });
});

describe('readTgz', () => {
  it('reads Chart.yaml and values.yaml of a packed chart (ustar, as helm package writes)', () => {
    const entry = (name: string, body: string) => {
      const header = Buffer.alloc(512);
      header.write(name, 0);
      header.write('0000644\0', 100);
      header.write(body.length.toString(8).padStart(11, '0') + '\0', 124);
      header.write('0', 156);
      header.write('ustar\0', 257);
      const data = Buffer.alloc(Math.ceil(body.length / 512) * 512);
      data.write(body);
      return Buffer.concat([header, data]);
    };
    const tar = Buffer.concat([entry('frontend/Chart.yaml', 'name: frontend\n'), entry('frontend/values.yaml', 'image: {}\n'), entry('frontend/templates/x.yaml', 'x'), Buffer.alloc(1024)]);
    expect(readTgz(gzipSync(tar), 'frontend')).toEqual({ chartYaml: 'name: frontend\n', valuesYaml: 'image: {}\n' });
    expect(readTgz(Buffer.from('not gzip'), 'frontend')).toBeUndefined();
  });
});

let factory: FixtureFactory;
beforeAll(async () => void (factory = await FixtureFactory.create()));
afterAll(() => factory.cleanup());

describe('validate:envs checks subchart sections (CLI)', () => {
  it('a misspelt frontend key in an environment is a warning at its file:line, even with --render=off', async (t) => {
    if ((await factory.subcharts()).length === 0) return t.skip('the stand-in subcharts are not vendored (helm unavailable in the global setup)');
    const repo = await factory.repo();
    await repo.edit('envs/live/console.yaml', (text) => text.replace(/^frontend:\n/m, 'frontend:\n  replicaCuont: 2\n'));
    const r = await runCli(['validate:envs', 'aws', '--render=off', '--json'], { cwd: repo.dir, env: { PATH: '/nonexistent' } });
    const findings = (JSON.parse(r.stdout) as { data: { findings: Array<{ rule: string; file: string; line: number; message: string; env?: string }> } }).data.findings.filter((f) => f.rule === 'values/subchart-key');
    expect(findings).toEqual([expect.objectContaining({ file: 'envs/live/console.yaml', line: await repo.lineOf('envs/live/console.yaml', 'replicaCuont'), env: 'live/console', message: expect.stringContaining('did you mean replicaCount') })]);
  });
});
