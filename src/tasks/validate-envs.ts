// validate:envs <cloud> — every environment of a cloud layer, every check, every finding; exit 4 on errors.
import { writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { TaskContext } from '../core/context.js';
import { JetscaleError, preconditionError, usageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { hasErrors, type Finding } from '../core/finding.js';
import { toJUnit } from '../core/junit.js';
import type { TaskRun } from '../core/task-spec.js';
import { loadChart } from '../chart/load-chart.js';
import { checkSupplyChain } from '../chart/supply-chain.js';
import { checkCloud, discoverEnvironments } from '../values/discover-envs.js';
import { checkEnvironments, listSecretScanFiles, type CheckedEnv } from '../validate/check-envs.js';
import { DEFAULT_CHART, DEFAULT_ENVS, loadProjectConfig } from '../validate/project-config.js';
import { missingSubcharts, renderEnvironments } from '../validate/render-envs.js';
import { CHECKS, allFindings, checkOf, count, formatFinding, formatTable, stateOf, toJUnitCases, toMarkdown, type EnvReport, type ValidateReport } from '../validate/report.js';

type RenderMode = 'auto' | 'require' | 'off';

/** Runs every check on every environment and reports all findings at the end. */
export const validateEnvs: TaskRun = async (ctx, input) => {
  const cloud = input.args.cloud!;
  const config = await loadProjectConfig(ctx.root);
  // Absolute or ./-style paths are accepted; findings show them relative to the repo root.
  const repoPath = (p: string) => relative(ctx.root, resolve(ctx.root, p)).split(sep).join('/') || '.';
  const chartRel = repoPath(String(input.flags.chart ?? config.chart ?? DEFAULT_CHART));
  const envsRel = repoPath(String(input.flags.envs ?? config.envs ?? DEFAULT_ENVS));
  const mode = input.flags.render as RenderMode;
  const chartDir = join(ctx.root, chartRel);

  // Cheap and offline first: the cloud layer must exist before anything else runs.
  const layout = await discoverEnvironments(join(ctx.root, envsRel), ctx.root);
  if (layout.clouds.length === 0 && layout.findings.some((f) => f.severity === 'error')) {
    throw preconditionError(`cannot read the environments directory ${envsRel}`, 'pass --envs <dir> or set envs: in jetscale.config.yaml');
  }
  const cloudProblem = checkCloud(cloud, layout)[0];
  if (cloudProblem) throw usageError(cloudProblem.message, cloudProblem.hint);
  if (layout.envs.length === 0) throw usageError(`no environments under ${envsRel}/<type>/`, `add e.g. ${envsRel}/live/<name>.yaml (see envs/README.md)`);

  const chart = await loadChart(chartDir, chartRel);
  const general: Finding[] = [...layout.findings, ...chart.findings];
  if (chart.chart) {
    general.push(...checkSupplyChain({ chartFile: chart.chartFile, chart: chart.chart, lockFile: chart.lockFile, lock: chart.lock, allowLink: input.flags['allow-link'] === true, lockMissing: chart.lockMissing }));
  }
  const secretScanFiles = await listSecretScanFiles(ctx.root, chartRel, envsRel);
  const checked = await checkEnvironments({ root: ctx.root, cloud, envsDir: envsRel, chartDir: chartRel, envs: layout.envs, secretScanFiles });
  general.push(...checked.general);
  for (const c of checked.envs) ctx.out.info(`${c.env.id}: ${c.layers.join(' → ')}`);

  const rendered = await render(ctx, mode, chartDir, chart.chart, checked.envs, Number(input.flags.jobs ?? ctx.cores));
  general.push(...rendered.general);
  const report = buildReport(cloud, checked.envs, general, rendered.byEnv, rendered.skipped);
  await emit(ctx, report, input.flags.junit as string | undefined);
  return { exitCode: hasErrors(allFindings(report)) ? ExitCode.validation : ExitCode.ok, data: { ...report, findings: allFindings(report) } };
};

async function render(ctx: TaskContext, mode: RenderMode, chartDir: string, chart: Awaited<ReturnType<typeof loadChart>>['chart'], envs: CheckedEnv[], jobs: number) {
  const skip = (why: string, severity: 'warning' | 'error') => ({ byEnv: undefined, skipped: why, general: [{ rule: 'render/skipped', severity, message: why, hint: severity === 'error' ? 'install helm 3.14+ (or set JETSCALE_HELM) and run `npx jetscale chart:deps`' : 'pass --render=require to make this an error (CI does)' }] satisfies Finding[] });
  if (mode === 'off') return { byEnv: undefined, skipped: 'render skipped (--render=off)', general: [] as Finding[] };
  const severity = mode === 'require' ? 'error' : 'warning';
  let helm;
  try {
    helm = await ctx.tools.resolve('helm');
  } catch (error) {
    if (!(error instanceof JetscaleError)) throw error;
    return skip(`render skipped: ${error.message}`, severity);
  }
  if (!chart) return skip('render skipped: Chart.yaml could not be read', severity);
  const missing = await missingSubcharts(chartDir, chart);
  if (missing.length) return skip(`render skipped: subcharts ${missing.join(', ')} are not in ${relative(ctx.root, chartDir)}/charts (run \`npx jetscale chart:deps\`)`, severity);
  const { loadManifestValidator } = await import('../render/manifest-schema.js');
  const validator = await loadManifestValidator();
  const work = envs.filter((c) => c.mergeable).map((c) => ({ env: c.env, valuesFiles: c.layers.slice(1) }));
  const byEnv = await ctx.out.step(`helm template ${work.length} environment(s), ${Math.min(jobs, work.length)} at a time`, () =>
    renderEnvironments(ctx, { helm: helm.path, chartDir, jobs, validator, onDone: (env, f) => ctx.out.info(`  rendered ${env}: ${f.length ? `${count(f, 'error')} error(s)` : 'ok'}`) }, work),
  );
  return { byEnv, skipped: undefined, general: [] as Finding[] };
}

function buildReport(cloud: string, envs: CheckedEnv[], general: Finding[], rendered: Map<string, Finding[]> | undefined, skipped: string | undefined): ValidateReport {
  const environments = envs.map((c): EnvReport => {
    const findings = [...c.findings, ...(rendered?.get(c.env.id) ?? [])];
    const checks = Object.fromEntries(CHECKS.map((k) => [k, stateOf(findings.filter((f) => checkOf(f.rule) === k))])) as EnvReport['checks'];
    if (!rendered?.has(c.env.id) && checks.render === 'ok') checks.render = 'skipped';
    // A layer that did not parse leaves nothing to merge: schema and policy did not run, so they are not "ok".
    if (!c.mergeable) for (const k of ['schema', 'policy'] as const) if (checks[k] === 'ok') checks[k] = 'skipped';
    if (!c.schemaChecked && checks.schema === 'ok') checks.schema = 'skipped';
    return { id: c.env.id, file: c.env.file, layers: c.layers, checks, findings };
  });
  return { cloud, environments, general, ...(skipped ? { renderSkipped: skipped } : {}) };
}

async function emit(ctx: TaskContext, report: ValidateReport, junit: string | undefined): Promise<void> {
  const findings = allFindings(report);
  const { c } = ctx.out;
  const paint = (state: string, text: string) => (state === 'error' ? c.red(text) : state === 'warning' ? c.yellow(text) : state === 'ok' ? c.green(text) : c.dim(text));
  ctx.out.print(formatTable(report, paint));
  for (const f of findings) ctx.out.print('\n' + formatFinding(f));
  const errors = count(findings, 'error');
  const warnings = count(findings, 'warning');
  ctx.out.print(`\nvalidate:envs ${report.cloud}: ${report.environments.length} environment(s), ${errors} error(s), ${warnings} warning(s)`);
  ctx.out.annotate(findings);
  await ctx.out.summary(toMarkdown(report));
  if (junit) {
    const path = resolve(ctx.root, junit);
    await writeFile(path, ctx.secrets.redact(toJUnit(`validate:envs ${report.cloud}`, toJUnitCases(report)))).catch((error: Error) => {
      throw usageError(`--junit ${junit}: cannot write the report: ${error.message}`, 'pass a file path in an existing, writable directory');
    });
  }
}
