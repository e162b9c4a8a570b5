import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeLockDigest, goJson, goString, lockDigestInput } from '../../src/chart/lock-digest.js';
import type { ChartDependency, LockDependency } from '../../src/chart/chart-model.js';
import { HEAD_DIGEST, REPO } from './fixtures.js';

const DEPS: ChartDependency[] = [
  { name: 'backend', version: '4.6.12', repository: REPO, alias: 'backend-api', condition: 'backend-api.enabled' },
  { name: 'backend', version: '4.6.12', repository: REPO, alias: 'backend-ws', condition: 'backend-ws.enabled' },
  { name: 'frontend', version: '2.7.1', repository: REPO, condition: 'frontend.enabled' },
];
const LOCK: LockDependency[] = DEPS.map((d) => ({ name: d.name, version: d.version ?? '', repository: REPO }));

const sha = (s: string): string => `sha256:${createHash('sha256').update(s, 'utf8').digest('hex')}`;

describe('computeLockDigest', () => {
  it('reproduces the Jetscale-ai/Stack HEAD digest (stack-chart-envs.md §2.1 test vector)', () => {
    expect(computeLockDigest(DEPS, LOCK)).toBe(HEAD_DIGEST);
  });

  it('ignores extra fields such as source lines', () => {
    const located = DEPS.map((d, i) => ({ ...d, line: 8 + i, col: 5, fieldLines: {} }));
    expect(computeLockDigest(located, LOCK)).toBe(HEAD_DIGEST);
  });

  it('is sensitive to dependency order', () => {
    expect(computeLockDigest([DEPS[1]!, DEPS[0]!, DEPS[2]!], LOCK)).not.toBe(HEAD_DIGEST);
  });

  it('uses Go struct field order and omitempty for both lists', () => {
    const input = lockDigestInput([{ name: 'a', repository: REPO, enabled: false, tags: [], alias: '' }], [{ name: 'a', version: '1.0.0', repository: REPO }]);
    expect(input).toBe(`[[{"name":"a","repository":"${REPO}"}],[{"name":"a","version":"1.0.0","repository":"${REPO}"}]]`);
    const full = lockDigestInput([{
      alias: 'z', 'import-values': [{ parent: 'p', child: 'c' }, 'data'], enabled: true, tags: ['t1', 't2'],
      condition: 'c.enabled', repository: REPO, version: '1.0.0', name: 'a',
    }], []);
    expect(full).toBe(`[[{"name":"a","version":"1.0.0","repository":"${REPO}","condition":"c.enabled","tags":["t1","t2"],"enabled":true,"import-values":[{"child":"c","parent":"p"},"data"],"alias":"z"}],[]]`);
  });

  it('writes repository as "" when absent', () => {
    expect(lockDigestInput([{ name: 'a' }], [])).toBe('[[{"name":"a","repository":""}],[]]');
  });

  it('escapes a >= constraint the way Go does, which changes the hash', () => {
    const deps: ChartDependency[] = [{ name: 'x', version: '>=0.1.0', repository: REPO }];
    const lock: LockDependency[] = [{ name: 'x', version: '0.1.0', repository: REPO }];
    const input = lockDigestInput(deps, lock);
    expect(input).toContain('"version":"\\u003e=0.1.0"');
    expect(input).not.toContain('>');
    const expected = sha(`[[{"name":"x","version":"\\u003e=0.1.0","repository":"${REPO}"}],[{"name":"x","version":"0.1.0","repository":"${REPO}"}]]`);
    expect(computeLockDigest(deps, lock)).toBe(expected);
    expect(computeLockDigest(deps, lock)).not.toBe(sha(JSON.stringify([[{ name: 'x', version: '>=0.1.0', repository: REPO }], lock])));
  });
});

describe('goString / goJson', () => {
  it.each([
    ['<a&b>', '"\\u003ca\\u0026b\\u003e"'],
    ['line\u2028para\u2029', '"line\\u2028para\\u2029"'],
    ['quote " and \\', '"quote \\" and \\\\"'],
    ['ünïcode stays raw', '"ünïcode stays raw"'],
  ])('%j', (input, want) => {
    expect(goString(input)).toBe(want);
  });

  it('sorts map keys like Go maps', () => {
    expect(goJson({ b: 1, a: { d: 'x', c: null } })).toBe('{"a":{"c":null,"d":"x"},"b":1}');
  });
});
