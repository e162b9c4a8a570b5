// The only I/O of the chart model: read Chart.yaml and Chart.lock. Never throws on bad input;
// missing or malformed files become findings.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../core/finding.js';
import { parseChartLock, parseChartYaml } from './chart-model.js';
import type { ChartModel, LockModel } from './chart-model.js';
import type { ParseCache } from '../values/parse-cache.js';

/** Parsed chart files; `lockMissing` distinguishes an absent Chart.lock from an unparsable one. */
export interface LoadedChart {
  chartFile: string;
  lockFile: string;
  chart: ChartModel | null;
  lock: LockModel | null;
  lockMissing: boolean;
  findings: Finding[];
}

/** Read `<chartDir>/Chart.yaml` and `Chart.lock`; `relDir` is the repo-relative dir used in findings. */
export async function loadChart(chartDir: string, relDir: string = chartDir, cache?: ParseCache): Promise<LoadedChart> {
  const rel = relDir.split(path.sep).join('/').replace(/\/$/, '');
  const chartFile = `${rel}/Chart.yaml`;
  const lockFile = `${rel}/Chart.lock`;
  const findings: Finding[] = [];
  const chartText = await readText(path.join(chartDir, 'Chart.yaml'));
  let chart: ChartModel | null = null;
  if (chartText.ok) {
    const r = parseChartYaml(chartText.text, chartFile, cache);
    chart = r.chart;
    findings.push(...r.findings);
  } else {
    findings.push({ rule: 'chart/missing', severity: 'error', file: chartFile, message: chartText.missing ? 'Chart.yaml not found' : `cannot read Chart.yaml: ${chartText.error}` });
  }
  const lockText = await readText(path.join(chartDir, 'Chart.lock'));
  let lock: LockModel | null = null;
  if (lockText.ok) {
    const r = parseChartLock(lockText.text, lockFile, cache);
    lock = r.lock;
    findings.push(...r.findings);
  } else if (!lockText.missing) {
    findings.push({ rule: 'chart/missing', severity: 'error', file: lockFile, message: `cannot read Chart.lock: ${lockText.error}` });
  }
  return { chartFile, lockFile, chart, lock, lockMissing: !lockText.ok && lockText.missing, findings };
}

type ReadResult = { ok: true; text: string } | { ok: false; missing: boolean; error: string };

async function readText(file: string): Promise<ReadResult> {
  try {
    return { ok: true, text: await readFile(file, 'utf8') };
  } catch (err) {
    return { ok: false, missing: (err as NodeJS.ErrnoException).code === 'ENOENT', error: (err as Error).message };
  }
}
