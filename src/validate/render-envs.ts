// Renders each environment with the real `helm template` (a read), in parallel, and validates every
// rendered document strictly against the vendored Kubernetes and CRD schemas.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TaskContext } from '../core/context.js';
import type { Finding } from '../core/finding.js';
import { mapLimit } from '../core/pool.js';
import type { ChartModel } from '../chart/chart-model.js';
import { checkExpectedKinds } from '../render/expected-kinds.js';
import type { ManifestValidator } from '../render/manifest-schema.js';
import { parseRenderedManifests } from '../render/parse-rendered.js';
import type { EnvUnderTest } from '../policy/env-under-test.js';

export const RELEASE = 'jetscale';

export interface RenderJob {
  env: EnvUnderTest;
  /** Repo-relative values files after the chart's own values.yaml. */
  valuesFiles: readonly string[];
}

/** Dependencies (`name-version`) missing from `<chart>/charts/`, which `helm template` needs. */
export async function missingSubcharts(chartDir: string, chart: ChartModel): Promise<string[]> {
  const present = new Set(await readdir(join(chartDir, 'charts')).catch(() => [] as string[]));
  const wanted = [...new Set(chart.dependencies.map((d) => `${d.name}-${d.version}`))];
  return wanted.filter((w) => !present.has(`${w}.tgz`) && !present.has(w.replace(/-[^-]+$/, '')));
}

/** Renders and validates every job with at most `jobs` helm processes; findings per environment id. */
export async function renderEnvironments(ctx: TaskContext, opts: { helm: string; chartDir: string; jobs: number; validator: ManifestValidator; onDone?: (env: string, findings: Finding[]) => void }, work: readonly RenderJob[]): Promise<Map<string, Finding[]>> {
  const results = await mapLimit(
    work,
    opts.jobs,
    async (job) => {
      const findings = await renderOne(ctx, opts, job);
      opts.onDone?.(job.env.id, findings);
      return [job.env.id, findings] as const;
    },
    ctx.signal,
  );
  return new Map(results);
}

async function renderOne(ctx: TaskContext, opts: { helm: string; chartDir: string; validator: ManifestValidator }, job: RenderJob): Promise<Finding[]> {
  const args = ['template', RELEASE, opts.chartDir, ...job.valuesFiles.flatMap((f) => ['--values', join(ctx.root, f)])];
  const r = await ctx.exec.run({ file: opts.helm, tool: 'helm', args, effect: 'read', cwd: ctx.root, reject: false, timeoutMs: 120_000 });
  if (r.exitCode !== 0) {
    const detail = r.stderr.trim().split('\n').filter((l) => l && !l.startsWith('WARNING')).slice(-8).join('\n');
    return [{ rule: 'render/helm', severity: 'error', env: job.env.id, file: job.env.file, message: `helm template failed:\n${detail}`, hint: 'the chart rejected these values; fix the value named above in this environment\'s layers' }];
  }
  const docs = parseRenderedManifests(r.stdout);
  const findings: Finding[] = [];
  for (const d of docs) {
    if (d.finding) findings.push({ ...d.finding, env: job.env.id });
    findings.push(...opts.validator.validate(d.doc, { env: job.env.id, ...(d.source ? { source: d.source } : {}) }).map((f) => inRepo(f, job, d.source)));
  }
  findings.push(...checkExpectedKinds(docs, job.env.values, { release: RELEASE, env: job.env.id }).map((f) => ({ ...f, file: f.file ?? job.env.file })));
  return findings;
}

/** A subchart's template is not a file in this repo (it is packed in a .tgz): point at the environment whose
 * values produced the manifest and name the template in the message instead. */
export function inRepo(f: Finding, job: RenderJob, source: string | undefined): Finding {
  if (!source || !/^[^/]+\/charts\//.test(source)) return f;
  return { ...f, file: job.env.file, message: `${f.message} (rendered by subchart template ${source})`, hint: f.hint ?? "check this environment's values for the subchart, or the subchart version" };
}
