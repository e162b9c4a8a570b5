// The parse cache serves exactly what a fresh parse gives, for the same bytes, path, options and build only.
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EffectGate } from '../../src/core/effects.js';
import { Secrets } from '../../src/core/secrets.js';
import { parseValuesFile, parseYamlMap } from '../../src/values/load-yaml.js';
import { ParseCache, jsonExact } from '../../src/values/parse-cache.js';

let dir: string;
beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'jetscale-parse-cache-'))));
afterAll(async () => rm(dir, { recursive: true, force: true }));

const gate = () => new EffectGate({ dryRun: false, ceiling: 'read', secrets: new Secrets() });

/** Files that exercise every part of a parse result: values, positions, comments, findings, salvage. */
const CASES: Record<string, string> = {
  plain: '# top comment\nimage:\n  tag: "1.2.3" # trailing\n  pullPolicy: Always\nlist:\n  - a\n  - b: 1\n',
  bools: 'enabled: yes\nother: on\n',
  duplicate: 'a: 1\na: 2\n',
  broken: 'a: [1, 2\nb: c\n',
  anchors: 'base: &b {x: 1}\nuse: *b\nmerged:\n  <<: *b\n  y: 2\n',
  multi: 'a: 1\n---\nb: 2\n',
  scalarTop: '- just\n- a list\n',
  empty: '',
  unicode: 'name: "héllo ✓"\n',
};

describe('ParseCache', () => {
  it('a hit equals a fresh parse for every kind of result, and a warm store survives a new process (new instance)', async () => {
    const store = join(dir, 'equal');
    const first = new ParseCache(store, 'build-a');
    const fresh = Object.fromEntries(Object.entries(CASES).map(([name, text]) => [name, parseValuesFile(text, `envs/${name}.yaml`)]));
    for (const [name, text] of Object.entries(CASES)) expect(parseValuesFile(text, `envs/${name}.yaml`, first)).toEqual(fresh[name]);
    expect(first.stats).toMatchObject({ hits: 0, misses: Object.keys(CASES).length });
    await first.flush(gate());
    const second = new ParseCache(store, 'build-a');
    for (const [name, text] of Object.entries(CASES)) expect(parseValuesFile(text, `envs/${name}.yaml`, second)).toEqual(fresh[name]);
    expect(second.stats.hits).toBe(Object.keys(CASES).length);
  });

  it('any change of bytes, path, options or build is a miss', async () => {
    const store = join(dir, 'keys');
    const c = new ParseCache(store, 'build-a');
    parseValuesFile('a: 1\n', 'envs/x.yaml', c);
    await c.flush(gate());
    const probe = (build: string, fn: (cache: ParseCache) => unknown) => {
      const cache = new ParseCache(store, build);
      fn(cache);
      return cache.stats.hits;
    };
    expect(probe('build-a', (k) => parseValuesFile('a: 1\n', 'envs/x.yaml', k))).toBe(1);
    expect(probe('build-a', (k) => parseValuesFile('a: 2\n', 'envs/x.yaml', k))).toBe(0);
    expect(probe('build-a', (k) => parseValuesFile('a: 1\n', 'envs/y.yaml', k))).toBe(0);
    expect(probe('build-a', (k) => parseYamlMap('a: 1\n', 'envs/x.yaml', { checkBools: false }, k))).toBe(0);
    expect(probe('build-b', (k) => parseValuesFile('a: 1\n', 'envs/x.yaml', k))).toBe(0);
  });

  it('a caller mutating a result cannot change what the cache serves next', async () => {
    const c = new ParseCache(join(dir, 'mutate'), 'build-a');
    const first = parseValuesFile('a: {b: 1}\n', 'envs/m.yaml', c);
    first.findings.push({ rule: 'x', severity: 'error', message: 'added by caller' });
    (first.doc!.values.a as Record<string, unknown>).b = 99;
    const hit = parseValuesFile('a: {b: 1}\n', 'envs/m.yaml', c);
    expect(c.stats.hits).toBe(1);
    hit.findings.push({ rule: 'y', severity: 'error', message: 'again' });
    (hit.doc!.values.a as Record<string, unknown>).b = 100;
    const again = parseValuesFile('a: {b: 1}\n', 'envs/m.yaml', c);
    expect(again.findings).toEqual([]);
    expect(again.doc!.values).toEqual({ a: { b: 1 } });
  });

  it('values JSON cannot carry exactly are parsed every time, never served changed', () => {
    const c = new ParseCache(join(dir, 'unstorable'), 'build-a');
    for (const text of ['x: .inf\n', 'x: -.inf\n', 'x: .nan\n', 'x: -0\n', '__proto__: {polluted: true}\n']) {
      const fresh = parseValuesFile(text, 'envs/u.yaml');
      const a = parseValuesFile(text, 'envs/u.yaml', c);
      const b = parseValuesFile(text, 'envs/u.yaml', c);
      expect(a).toEqual(fresh);
      expect(b).toEqual(fresh);
    }
    expect(c.stats.hits).toBe(0);
    expect(c.stats.unstorable).toBeGreaterThanOrEqual(4);
    expect(jsonExact({ a: [1, 'x', null, true, { b: -1.5 }] })).toBe(true);
    expect(jsonExact({ a: [undefined] })).toBe(false);
    expect(jsonExact(new Date(0))).toBe(false);
  });

  it('a corrupt or foreign store is a miss, and a flush replaces it', async () => {
    const store = join(dir, 'corrupt');
    await mkdir(store, { recursive: true });
    for (const junk of ['{"format":1,"entries":', '[]', '{"format":99,"entries":{}}', '{"format":1,"entries":{"k":"{not json"}}']) {
      await writeFile(join(store, 'parses.json'), junk);
      const c = new ParseCache(store, 'build-a');
      expect(parseValuesFile('a: 1\n', 'envs/c.yaml', c).doc!.values).toEqual({ a: 1 });
      expect(c.stats.hits).toBe(0);
    }
    const c = new ParseCache(store, 'build-a');
    parseValuesFile('a: 1\n', 'envs/c.yaml', c);
    await c.flush(gate());
    const d = new ParseCache(store, 'build-a');
    parseValuesFile('a: 1\n', 'envs/c.yaml', d);
    expect(d.stats.hits).toBe(1);
  });

  it('the store write is one declared cache effect, also under --dry-run, and only when something was added', async () => {
    const c = new ParseCache(join(dir, 'gate'), 'build-a');
    const g = new EffectGate({ dryRun: true, ceiling: 'read', secrets: new Secrets() });
    await c.flush(g);
    expect(g.transcript).toEqual([]);
    parseValuesFile('a: 1\n', 'envs/g.yaml', c);
    await c.flush(g);
    expect(g.transcript).toHaveLength(1);
    expect(g.transcript[0]).toMatchObject({ channel: 'file', operation: 'write-parse-cache', output: true, status: 'ran' });
  });
});
