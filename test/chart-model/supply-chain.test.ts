import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseChartLock, parseChartYaml } from '../../src/chart/chart-model.js';
import { loadChart } from '../../src/chart/load-chart.js';
import { checkSupplyChain } from '../../src/chart/supply-chain.js';
import type { Finding } from '../../src/core/finding.js';
import { CHART_FILE, DEFAULT_LOCK, LOCK_FILE, REPO, chartLock, chartYaml } from './fixtures.js';

function check(chartText: string, lockText: string | null, allowLink = false): Finding[] {
  const { chart, findings } = parseChartYaml(chartText, CHART_FILE);
  if (!chart) throw new Error(`fixture chart does not parse: ${JSON.stringify(findings)}`);
  const lock = lockText === null ? null : parseChartLock(lockText, LOCK_FILE).lock;
  if (lockText !== null && !lock) throw new Error('fixture lock does not parse');
  return checkSupplyChain({ chartFile: CHART_FILE, chart, lockFile: LOCK_FILE, lock, allowLink });
}

const only = (findings: Finding[], rule: string): Finding[] => findings.filter((f) => f.rule === rule);

describe('checkSupplyChain', () => {
  it('passes the Stack chart at HEAD', () => {
    expect(check(chartYaml(), chartLock())).toEqual([]);
  });

  it.each([
    { name: 'file:// (Link Mode)', repo: 'file://../../../Backend/chart', msg: 'Link Mode' },
    { name: 'https://', repo: 'https://charts.example.com', msg: 'HTTP(S)' },
    { name: '@alias', repo: '@jetscale', msg: 'alias' },
    { name: 'empty', repo: '', msg: 'no repository' },
  ])('supply-chain/oci rejects a $name repository at its line', ({ repo, msg }) => {
    const findings = only(check(chartYaml().replace(`repository: "${REPO}"`, `repository: "${repo}"`), null), 'supply-chain/oci');
    expect(findings).toEqual([expect.objectContaining({ severity: 'error', file: CHART_FILE, line: 11, message: expect.stringContaining(msg), hint: expect.any(String) })]);
  });

  it('supply-chain/oci downgrades file:// to a never-commit warning with allowLink', () => {
    const text = chartYaml().replace(`repository: "${REPO}"`, 'repository: "file://../../../Backend/chart"');
    expect(only(check(text, null, true), 'supply-chain/oci')).toEqual([
      expect.objectContaining({ severity: 'warning', line: 11, message: expect.stringContaining('must never be committed to main') }),
    ]);
  });

  it.each(['^4.6.12', '~4.6', '>=0.1.0', '4.6.x', '*', 'v4.6.12', '4.6'])('supply-chain/exact-version rejects %j', (version) => {
    const text = chartYaml().replace('version: "2.7.1"', `version: "${version}"`);
    expect(only(check(text, chartLock()), 'supply-chain/exact-version')).toEqual([
      expect.objectContaining({ severity: 'error', file: CHART_FILE, line: 19, message: expect.stringContaining(version) }),
    ]);
  });

  it('supply-chain/exact-version requires a version', () => {
    const text = chartYaml().replace('    version: "2.7.1"\n', '');
    expect(only(check(text, null), 'supply-chain/exact-version')).toEqual([expect.objectContaining({ line: 18, message: expect.stringContaining('no version') })]);
  });

  it('supply-chain/lock-missing when the chart has dependencies and no lock', () => {
    expect(only(check(chartYaml(), null), 'supply-chain/lock-missing')).toEqual([expect.objectContaining({ severity: 'error', file: LOCK_FILE })]);
  });

  it('no lock-missing when Chart.lock exists but failed to parse (lockMissing: false)', () => {
    const { chart } = parseChartYaml(chartYaml(), CHART_FILE);
    expect(checkSupplyChain({ chartFile: CHART_FILE, chart: chart!, lockFile: LOCK_FILE, lock: null, allowLink: false, lockMissing: false })).toEqual([]);
  });

  it('supply-chain/lock-entries flags a version mismatch at the lock line and names the Chart.yaml line', () => {
    const text = chartYaml().replace('version: "2.7.1"', 'version: "2.7.2"');
    const findings = check(text, chartLock());
    expect(only(findings, 'supply-chain/lock-entries')).toEqual([
      expect.objectContaining({ severity: 'error', file: LOCK_FILE, line: 10, message: expect.stringContaining(`${CHART_FILE}:19`) }),
    ]);
    expect(only(findings, 'supply-chain/lock-digest')).toHaveLength(1);
  });

  it('supply-chain/lock-entries flags name and repository mismatches and a count mismatch', () => {
    const lock = DEFAULT_LOCK.replace('- name: frontend\n  repository: oci://ghcr.io/jetscale-ai/charts', '- name: frontendx\n  repository: oci://ghcr.io/other/charts');
    const pairwise = only(check(chartYaml(), chartLock(undefined, lock)), 'supply-chain/lock-entries');
    expect(pairwise.map((f) => f.line)).toEqual([8, 9]);
    const short = DEFAULT_LOCK.split('\n').slice(0, 6).join('\n') + '\n';
    const count = only(check(chartYaml(), chartLock(undefined, short)), 'supply-chain/lock-entries');
    expect(count).toEqual([expect.objectContaining({ file: LOCK_FILE, message: 'Chart.lock has 2 dependencies, Chart.yaml has 3' })]);
  });

  it('supply-chain/lock-digest when Chart.yaml changed in a way the entries do not show', () => {
    const text = chartYaml().replace('condition: frontend.enabled', 'condition: web.enabled');
    expect(check(text, chartLock())).toEqual([
      expect.objectContaining({
        rule: 'supply-chain/lock-digest', severity: 'error', file: LOCK_FILE, line: 11, hint: expect.any(String),
        message: expect.stringContaining('Chart.lock is out of sync with Chart.yaml: run `helm dependency update charts/jetscale` and commit the new Chart.lock'),
      }),
    ]);
  });

  it('supply-chain/alias: duplicate aliases, bad alias characters, aliases of one chart on different versions', () => {
    const dup = chartYaml().replace('alias: backend-ws', 'alias: backend-api');
    expect(only(check(dup, null), 'supply-chain/alias')).toEqual([expect.objectContaining({ line: 14, message: expect.stringContaining('first at line 8') })]);
    const bad = chartYaml().replace('alias: backend-ws', 'alias: backend.ws');
    expect(only(check(bad, null), 'supply-chain/alias')).toEqual([expect.objectContaining({ line: 14 })]);
    const skew = chartYaml().replace(/(alias: backend-ws\n\s+version: )"4.6.12"/, '$1"4.6.13"');
    expect(only(check(skew, null), 'supply-chain/alias')).toEqual([
      expect.objectContaining({ severity: 'error', file: CHART_FILE, line: 15, message: expect.stringContaining('must share a version') }),
    ]);
  });
});

describe('loadChart', () => {
  const made: string[] = [];
  afterEach(async () => {
    for (const d of made.splice(0)) await rm(d, { recursive: true, force: true });
  });
  async function dir(files: Record<string, string>): Promise<string> {
    const d = await mkdtemp(path.join(tmpdir(), 'jetscale-chart-'));
    made.push(d);
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(d, name), text);
    return d;
  }

  it('loads both files with repo-relative paths', async () => {
    const d = await dir({ 'Chart.yaml': chartYaml(), 'Chart.lock': chartLock() });
    const r = await loadChart(d, 'charts/jetscale');
    expect(r).toMatchObject({ chartFile: CHART_FILE, lockFile: LOCK_FILE, lockMissing: false, findings: [] });
    expect(r.chart?.dependencies).toHaveLength(3);
    expect(r.lock?.dependencies).toHaveLength(3);
  });

  it('reports a missing lock as lockMissing and bad YAML as findings, never throwing', async () => {
    const d = await dir({ 'Chart.yaml': 'apiVersion: v2\nname: [\n' });
    const r = await loadChart(d, 'charts/jetscale');
    expect(r.chart).toBeNull();
    expect(r.lock).toBeNull();
    expect(r.lockMissing).toBe(true);
    expect(r.findings).toEqual([expect.objectContaining({ rule: 'yaml/syntax', file: CHART_FILE })]);
  });

  it('reports a missing Chart.yaml', async () => {
    const r = await loadChart(await dir({}), 'charts/jetscale');
    expect(r.findings).toEqual([expect.objectContaining({ rule: 'chart/missing', file: CHART_FILE })]);
  });
});
