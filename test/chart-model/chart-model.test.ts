import { describe, expect, it } from 'vitest';
import { parseChartLock, parseChartYaml } from '../../src/chart/chart-model.js';
import { yaml11TypeOf } from '../../src/chart/yaml11.js';
import { CHART_FILE, HEAD_DIGEST, LOCK_FILE, REPO, chartLock, chartYaml } from './fixtures.js';

describe('parseChartYaml', () => {
  it('parses the Stack chart with dependency and field lines', () => {
    const { chart, findings } = parseChartYaml(chartYaml(), CHART_FILE);
    expect(findings).toEqual([]);
    expect(chart).toMatchObject({ apiVersion: 'v2', name: 'jetscale', version: '0.24.9', appVersion: '0.24.9' });
    expect(chart?.dependencies.map((d) => [d.name, d.alias, d.line])).toEqual([
      ['backend', 'backend-api', 8], ['backend', 'backend-ws', 13], ['frontend', undefined, 18],
    ]);
    expect(chart?.dependencies[1]?.fieldLines).toMatchObject({ name: 13, alias: 14, version: 15, repository: 16, condition: 17 });
  });

  it('requires apiVersion v2', () => {
    const { chart, findings } = parseChartYaml(chartYaml().replace('apiVersion: v2', 'apiVersion: v1'), CHART_FILE);
    expect(chart).toBeNull();
    expect(findings).toEqual([expect.objectContaining({ rule: 'chart/schema', file: CHART_FILE, line: 1, message: expect.stringContaining('v2') })]);
  });

  it.each([
    { name: 'unquoted 1.10 (float 1.1)', field: 'version: "4.6.12"', to: 'version: 1.10', line: 10, plain: '1.10' },
    { name: 'unquoted 4.6 in version', field: 'version: "4.6.12"', to: 'version: 4.6', line: 10, plain: '4.6' },
    { name: 'alias: yes (bool)', field: 'alias: backend-api', to: 'alias: yes', line: 9, plain: 'yes' },
    { name: 'condition: on (bool)', field: 'condition: backend-api.enabled', to: 'condition: on', line: 12, plain: 'on' },
  ])('requires quoting $name', ({ field, to, line, plain }) => {
    const { chart, findings } = parseChartYaml(chartYaml().replace(field, to), CHART_FILE);
    expect(chart).toBeNull();
    expect(findings).toEqual([expect.objectContaining({ rule: 'chart/yaml11', severity: 'error', file: CHART_FILE, line, hint: `Quote it: "${plain}".` })]);
  });

  it('flags YAML 1.1 booleans inside tags', () => {
    const deps = `  - name: frontend\n    version: "2.7.1"\n    repository: "${REPO}"\n    tags: [web, y]\n`;
    const { findings } = parseChartYaml(chartYaml(deps), CHART_FILE);
    expect(findings).toEqual([expect.objectContaining({ rule: 'chart/yaml11', line: 11, message: expect.stringContaining('bool') })]);
  });

  it('rejects unknown dependency keys, non-bool enabled and control characters', () => {
    const deps = `  - name: frontend\n    version: "2.7.1"\n    repository: "${REPO}\\t"\n    aliass: web\n    enabled: "true"\n`;
    const { chart, findings } = parseChartYaml(chartYaml(deps), CHART_FILE);
    expect(chart).toBeNull();
    expect(findings.map((f) => [f.rule, f.line])).toEqual(expect.arrayContaining([
      ['chart/characters', 10], ['chart/schema', 11], ['chart/schema', 12],
    ]));
  });

  it('reports bad YAML as findings', () => {
    const { chart, findings } = parseChartYaml('apiVersion: v2\nname: a\nname: b\n', CHART_FILE);
    expect(chart).toBeNull();
    expect(findings).toEqual([expect.objectContaining({ rule: 'yaml/duplicate-key', line: 3 })]);
  });
});

describe('parseChartLock', () => {
  it('parses entries with lines and the digest line', () => {
    const { lock, findings } = parseChartLock(chartLock(), LOCK_FILE);
    expect(findings).toEqual([]);
    expect(lock?.digest).toBe(HEAD_DIGEST);
    expect(lock?.digestLine).toBe(11);
    expect(lock?.dependencies.map((d) => [d.name, d.version, d.line, d.fieldLines.version])).toEqual([
      ['backend', '4.6.12', 2, 4], ['backend', '4.6.12', 5, 7], ['frontend', '2.7.1', 8, 10],
    ]);
  });

  it('rejects a malformed digest', () => {
    const { lock, findings } = parseChartLock(chartLock('md5:abc'), LOCK_FILE);
    expect(lock).toBeNull();
    expect(findings).toEqual([expect.objectContaining({ rule: 'chart/schema', line: 11 })]);
  });
});

describe('yaml11TypeOf (go-yaml v2 resolve)', () => {
  it.each([
    ['4.6.12', 'str'], ['1.10', 'float'], ['1.0.0-rc.1', 'str'], ['10', 'int'], ['0755', 'int'], ['1_000', 'int'],
    ['0x1F', 'int'], ['1e3', 'float'], ['.5', 'float'], ['yes', 'bool'], ['Off', 'bool'], ['true', 'bool'],
    ['~', 'null'], ['null', 'null'], ['2026-02-25', 'timestamp'], ['oci://ghcr.io/x', 'str'], ['>=0.1.0', 'str'],
    ['backend-api.enabled', 'str'], ['-', 'str'], ['.inf', 'float'], ['v1.2.3', 'str'],
  ])('%s → %s', (plain, want) => {
    expect(yaml11TypeOf(plain)).toBe(want);
  });
});
