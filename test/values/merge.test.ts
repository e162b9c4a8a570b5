import { describe, expect, it } from 'vitest';
import { parseValuesFile } from '../../src/values/load-yaml.js';
import { instancePathToPath, mergeLayers } from '../../src/values/merge.js';
import type { MergeLayer } from '../../src/values/merge.js';

function layer(file: string, text: string): MergeLayer {
  const { doc, findings } = parseValuesFile(text, file);
  if (!doc) throw new Error(`fixture ${file} does not parse: ${JSON.stringify(findings)}`);
  return { file, doc };
}

const CHART = 'charts/jetscale/values.yaml';
const CLOUD = 'envs/aws.yaml';
const DEF = 'envs/prod/default.yaml';
const ENV = 'envs/prod/console.yaml';

describe('mergeLayers: Helm semantics', () => {
  it.each([
    {
      name: 'maps deep-merge, later wins on leaves',
      chart: 'a:\n  x: 1\n  y: 1\n', user: ['a:\n  y: 2\n', 'a:\n  z: 3\n'],
      want: { a: { x: 1, y: 2, z: 3 } },
    },
    {
      name: 'lists replace wholesale',
      chart: 'l: [1, 2, 3]\n', user: ['l: [9]\n'],
      want: { l: [9] },
    },
    {
      name: 'a later user list replaces an earlier user list',
      chart: '', user: ['l: [{a: 1}, {b: 2}]\n', 'l: [{c: 3}]\n'],
      want: { l: [{ c: 3 }] },
    },
    {
      name: 'a user null deletes the defaulted key',
      chart: 'ingress:\n  hosts:\n    a.example.com: []\n  enabled: true\n', user: ['ingress:\n  hosts: null\n'],
      want: { ingress: { enabled: true } },
    },
    {
      // helm 4.2.3: `b: null` and `m.y: null` survive `helm template` when the chart has no default for them.
      name: 'a user null with no default stays null (top level and nested); a defaulted key is deleted',
      chart: 'a: {x: 1}\n', user: ['b: null\na:\n  x: null\n  y: null\nc:\n  d: null\n  e: 1\n'],
      want: { a: { y: null }, b: null, c: { d: null, e: 1 } },
    },
    {
      name: 'a later user map replaces an earlier user null',
      chart: 'a: {x: 1}\n', user: ['a: null\n', 'a: {y: 2}\n'],
      want: { a: { x: 1, y: 2 } },
    },
    {
      name: 'nulls inside lists are kept',
      chart: '', user: ['l: [null, 1]\n'],
      want: { l: [null, 1] },
    },
    {
      name: 'chart-default nulls are kept',
      chart: 'a: null\nb: {c: null}\n', user: [],
      want: { a: null, b: { c: null } },
    },
    {
      name: 'a user scalar replaces a default map and vice versa',
      chart: 'a: {x: 1}\nb: 5\n', user: ['a: off-string\nb: {y: 2}\n'],
      want: { a: 'off-string', b: { y: 2 } },
    },
    {
      name: 'user layers: a map replaced by a scalar, then by a map, loses the first map',
      chart: '', user: ['a: {x: 1}\n', 'a: 5\n', 'a: {y: 2}\n'],
      want: { a: { y: 2 } },
    },
  ])('$name', ({ chart, user, want }) => {
    const layers = [layer(CHART, chart), ...user.map((t, i) => layer(`envs/u${i}.yaml`, t))];
    expect(mergeLayers(layers).values).toEqual(want);
  });

  it('does not mutate the input layers', () => {
    const chart = layer(CHART, 'a:\n  x: 1\n');
    const user = layer(ENV, 'a:\n  y: 2\n');
    mergeLayers([chart, user]);
    expect(chart.doc.values).toEqual({ a: { x: 1 } });
    expect(user.doc.values).toEqual({ a: { y: 2 } });
  });

  it('reports type clashes as warnings located at the user line', () => {
    const { findings } = mergeLayers([layer(CHART, 'a:\n  x: 1\n'), layer(ENV, 'z: 0\na: 5\n')]);
    expect(findings).toEqual([expect.objectContaining({ rule: 'values/type-clash', severity: 'warning', file: ENV, line: 2 })]);
  });
});

describe('mergeLayers: provenance', () => {
  const layers = [
    layer(CHART, 'global:\n  env: local\n  client_name: ""\ningress:\n  enabled: false\n  className: nginx\nreplicas: 1\nold:\n  x: 1\n'),
    layer(CLOUD, 'ingress:\n  enabled: true\n  className: alb\n'),
    layer(DEF, 'global:\n  env: prod\n'),
    layer(ENV, 'global:\n  client_name: jetscale\n\ningress:\n  hosts:\n    console.jetscale.ai: []\nold: null\n'),
  ];
  const { values, provenance } = mergeLayers(layers);

  it('keeps the layer order', () => {
    expect(provenance.layers).toEqual([CHART, CLOUD, DEF, ENV]);
  });

  it.each([
    { path: ['global', 'env'], file: DEF, line: 2, layer: 2 },
    { path: ['global', 'client_name'], file: ENV, line: 2, layer: 3 },
    { path: ['ingress', 'enabled'], file: CLOUD, line: 2, layer: 1 },
    { path: ['ingress', 'className'], file: CLOUD, line: 3, layer: 1 },
    { path: ['replicas'], file: CHART, line: 7, layer: 0 },
    { path: ['ingress', 'hosts', 'console.jetscale.ai'], file: ENV, line: 6, layer: 3 },
    { path: ['ingress'], file: ENV, line: 4, layer: 3 }, // the container: last layer that set it
  ])('$path comes from $file:$line', ({ path, file, line, layer: idx }) => {
    expect(provenance.lookup(path)).toMatchObject({ path, file, line, layer: idx });
  });

  it('falls back to the closest existing ancestor', () => {
    expect(provenance.lookup(['ingress', 'hosts', 'console.jetscale.ai', 0, 'path'])).toMatchObject({
      path: ['ingress', 'hosts', 'console.jetscale.ai'], file: ENV, line: 6,
    });
    expect(provenance.lookup(['ingress', 'tls'])).toMatchObject({ path: ['ingress'], file: ENV });
  });

  it('drops the deleted key from values', () => {
    expect(values).not.toHaveProperty('old');
  });

  it('attributes a default to the chart when the user map that set it was replaced later', () => {
    const { provenance: p } = mergeLayers([
      layer(CHART, 'a:\n  b: 0\n'),
      layer('envs/one.yaml', 'a:\n  b: 1\n'),
      layer('envs/two.yaml', 'a: null\n'),
      layer('envs/three.yaml', 'x: 0\na:\n  c: 1\n'),
    ]);
    expect(p.lookup(['a', 'b'])).toMatchObject({ file: CHART, line: 2 });
    expect(p.lookup(['a', 'c'])).toMatchObject({ file: 'envs/three.yaml', line: 3 });
  });

  it('resolves list indices given as pointer strings', () => {
    const { provenance: p } = mergeLayers([layer(CHART, 'l:\n  - a\n  - b\n')]);
    expect(p.lookup(instancePathToPath('/l/1'))).toMatchObject({ path: [ 'l', 1 ], line: 3 });
  });
});

describe('instancePathToPath', () => {
  it.each([
    ['', [] as (string | number)[]],
    ['/ingress/hosts/a.b', ['ingress', 'hosts', 'a.b']],
    ['/ingress/annotations/alb.ingress.kubernetes.io~1scheme', ['ingress', 'annotations', 'alb.ingress.kubernetes.io/scheme']],
    ['/a~0b/~01', ['a~b', '~1']],
    ['/l/0', ['l', '0']],
  ])('%s', (pointer, want) => {
    expect(instancePathToPath(pointer)).toEqual(want);
  });

  it('returns numbers for list indices when given the values', () => {
    expect(instancePathToPath('/l/0/x', { l: [{ x: 1 }] })).toEqual(['l', 0, 'x']);
  });

  it('rejects a non-pointer', () => {
    expect(() => instancePathToPath('a/b')).toThrow(TypeError);
  });
});
