// `jetscale values`: provenance per leaf, overrides, paths, and the CLI's errors.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { explainValues, parseValuesPath } from '../../src/values/explain.js';
import { parseValuesFile } from '../../src/values/load-yaml.js';
import { mergeLayers } from '../../src/values/merge.js';
import { runCli } from '../support/run-cli.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const layer = (file: string, text: string) => ({ file, doc: parseValuesFile(text, file).doc! });

describe('explainValues', () => {
  const layers = [
    layer('chart/values.yaml', 'image:\n  tag: "1.0"\n  pull: IfNotPresent\nreplicas: 1\nlist: [1, 2]\n'),
    layer('envs/aws.yaml', 'image:\n  tag: "1.1"\nlist: [3]\n'),
    layer('envs/live/x.yaml', 'image:\n  tag: "2.0"\nextra: {}\n'),
  ];
  const merged = mergeLayers(layers);
  const docs = layers.map((l) => l.doc);

  it('names the layer and line that set each leaf and every earlier layer it overrode', () => {
    const leaves = explainValues(merged.values, merged.provenance, docs)!;
    const byPath = Object.fromEntries(leaves.map((l) => [l.path.join('.'), l]));
    expect(byPath['image.tag']).toMatchObject({ value: '2.0', setAt: { file: 'envs/live/x.yaml', line: 2 }, overrides: [{ file: 'chart/values.yaml', line: 2 }, { file: 'envs/aws.yaml', line: 2 }] });
    expect(byPath['image.pull']).toMatchObject({ value: 'IfNotPresent', setAt: { file: 'chart/values.yaml', line: 3 }, overrides: [] });
    // Lists replace wholesale: one value, set by the last layer.
    expect(byPath['list']).toMatchObject({ value: [3], setAt: { file: 'envs/aws.yaml', line: 3 } });
    expect(byPath['extra']).toMatchObject({ value: {}, setAt: { file: 'envs/live/x.yaml' } });
  });

  it('narrows to a path and says undefined for a missing one', () => {
    expect(explainValues(merged.values, merged.provenance, docs, ['image'])!.map((l) => l.path.join('.'))).toEqual(['image.pull', 'image.tag']);
    expect(explainValues(merged.values, merged.provenance, docs, ['nope'])).toBeUndefined();
  });

  it.each([
    ['a.b[0].c', ['a', 'b', 0, 'c']],
    ['x["a.b/c"].y', ['x', 'a.b/c', 'y']],
    ['x."a.b/c"', ['x', 'a.b/c']],
    ['a..b', undefined],
    ['a[x]', undefined],
  ])('parses %s', (text, expected) => {
    expect(parseValuesPath(text)).toEqual(expected);
  });
});

describe('jetscale values (CLI)', () => {
  it('prints where each ingress value came from, and the JSON has the same facts', async () => {
    const r = await runCli(['values', 'aws', 'live/console', 'ingress.className', '--json'], { cwd: repo });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { data: { values: Array<{ path: string; setAt: { file: string }; overrides: Array<{ file: string }> }> } };
    expect(doc.data.values).toEqual([expect.objectContaining({ path: 'ingress.className', setAt: expect.objectContaining({ file: 'envs/aws.yaml' }), overrides: [expect.objectContaining({ file: 'charts/jetscale/values.yaml' })] })]);
    const text = await runCli(['values', 'aws', 'live/console', 'ingress.className'], { cwd: repo });
    expect(text.stdout).toMatch(/^ingress\.className = "alb"\s+# envs\/aws\.yaml:\d+:\d+ \(overrides charts\/jetscale\/values\.yaml:\d+:\d+\)$/m);
  });

  it.each([
    [['values', 'aws', 'live/nope'], /is no environment/],
    [['values', 'aws', 'live/console', 'ingress.nope.x'], /has no value at ingress\.nope\.x/],
    [['values', 'aws', 'live/console', 'a..b'], /invalid path/],
    [['values', 'gcp', 'live/console'], /gcp/],
  ])('usage errors exit 2: %j', async (argv, message) => {
    const r = await runCli(argv, { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
