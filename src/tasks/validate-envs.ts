// validate:envs <cloud> — every environment of a cloud layer, every check, every finding; exit 4 on errors.
import { join, relative, resolve, sep } from 'node:path';
import type { TaskContext } from '../runtime/context.js';
import { JetscaleError, preconditionError, usageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { hasErrors, type Finding } from '../core/finding.js';
import { toJUnit } from '../core/junit.js';
import * as z from 'zod';
import { typedTask } from '../runtime/typed-task.js';
import { loadChart } from '../chart/load-chart.js';
import { checkSupplyChain } from '../chart/supply-chain.js';
import { checkCloud, discoverEnvironments, layersFor } from '../values/discover-envs.js';
import { selectEnvironments } from '../values/select-envs.js';
import { checkEnvironments, type CheckedEnv } from '../validate/check-envs.js';
import { listSecretScanFiles, loadValidateInputs, type ValidateInputs } from '../validate/load-inputs.js';
import { loadSubcharts } from '../validate/load-subcharts.js';
import { checkSubchartKeys } from '../policy/subchart-keys.js';
import type { ValuesDoc } from '../values/values-doc.js';
import { missingSubcharts, renderEnvironments, type RenderJob } from '../validate/render-envs.js';
import { hashTree, RenderCache } from '../validate/render-cache.js';
import { BUILD_ID, codeIdentity } from '../core/build-id.js';
import { cacheDir } from '../core/cache-dir.js';
import { ParseCache } from '../values/parse-cache.js';
import type { ManifestValidator } from '../manifests/manifest-schema.js';
import { CHECKS, allFindings, applyAllows, checkOf, count, formatAllowed, formatFinding, formatTable, stateOf, toJUnitCases, toMarkdown, type EnvReport, type ValidateReport } from '../validate/report.js';

const Input = z.object({
  args: z.object({ cloud: z.string(), envs: z.array(z.string()).default([]) }),
  flags: z.object({
    render: z.enum(['auto', 'require', 'off']),
    chart: z.string().optional(),
    envs: z.string().optional(),
    'allow-link': z.boolean(),
    junit: z.string().optional(),
    jobs: z.number().int().min(1).optional(),
    cache: z.boolean(),
  }),
});
type RenderMode = z.infer<typeof Input>['flags']['render'];

/** Runs every check on every environment and reports all findings at the end. */
export const validateEnvs = typedTask(Input, async (ctx, input) => {
  const { cloud } = input.args;
  // Absolute or ./-style paths are accepted; findings show them relative to the repo root.
  const repoPath = (p: string) => relative(ctx.root, resolve(ctx.root, p)).split(sep).join('/') || '.';
  const chartRel = repoPath(input.flags.chart ?? ctx.config.chart);
  const envsRel = repoPath(input.flags.envs ?? ctx.config.envs);
  const mode = input.flags.render;
  const chartDir = join(ctx.root, chartRel);

  // Report paths are checked before any work, so a typo does not cost a full run.
  if (input.flags.junit) await checkWritableReport(input.flags.junit);
  const parseCache = input.flags.cache ? openParseCache(ctx) : undefined;
  try {
    return await validate(ctx, input, { cloud, chartRel, envsRel, mode, chartDir, parseCache });
  } finally {
    await parseCache?.flush(ctx.effects);
  }
});

/** Where one of this task's caches lives: `$JETSCALE_CACHE_DIR/<kind>`, else jetscale's own cache directory. */
function cacheDirFor(ctx: TaskContext, kind: 'parse' | 'render'): string | undefined {
  const root = ctx.env.get('JETSCALE_CACHE_DIR');
  return root ? join(resolve(ctx.cwd, root), kind) : cacheDir(kind);
}

/** The parse cache of this run: next to the render cache, only when the running code has a build identity. */
function openParseCache(ctx: TaskContext): ParseCache | undefined {
  const dir = cacheDirFor(ctx, 'parse');
  return dir && BUILD_ID ? new ParseCache(dir, BUILD_ID) : undefined;
}

interface Plan {
  cloud: string;
  chartRel: string;
  envsRel: string;
  mode: RenderMode;
  chartDir: string;
  parseCache: ParseCache | undefined;
}

async function validate(ctx: TaskContext, input: z.infer<typeof Input>, { cloud, chartRel, envsRel, mode, chartDir, parseCache }: Plan) {

  const layout = await discoverEnvironments(join(ctx.root, envsRel), ctx.root);
  if (layout.clouds.length === 0 && layout.findings.some((f) => f.message.startsWith('cannot read environments directory'))) {
    throw preconditionError(`cannot read the environments directory ${envsRel}`, 'pass --envs <dir> or set envs: in jetscale.config.yaml');
  }
  // Chart-level checks (supply chain, secrets in chart values) do not depend on the cloud: they run regardless.
  const chart = await loadChart(chartDir, chartRel, parseCache);
  const general: Finding[] = [...layout.findings, ...chart.findings];
  if (chart.chart) {
    general.push(...checkSupplyChain({ chartFile: chart.chartFile, chart: chart.chart, lockFile: chart.lockFile, lock: chart.lock, allowLink: input.flags['allow-link'], lockMissing: chart.lockMissing }));
  }
  const cloudProblem = layout.clouds.length === 0 ? { message: `${envsRel} has no cloud layer files (${envsRel}/<cloud>.yaml)`, hint: `add ${envsRel}/${cloud}.yaml, or pass --envs <dir> pointing at the environments` } : checkCloud(cloud, layout)[0];
  const noEnvs = layout.envs.length === 0 ? { message: `no environments under ${envsRel}/<type>/`, hint: `add e.g. ${envsRel}/live/<name>.yaml (see envs/README.md)` } : undefined;
  const stop = cloudProblem ?? noEnvs;
  if (stop) {
    const chartOnly = (await listSecretScanFiles(ctx.root, chartRel, envsRel)).filter((f) => f.startsWith(`${chartRel}/`));
    const scanned = checkEnvironments({ cloud, envsDir: envsRel, chartDir: chartRel, envs: [], secretScanFiles: chartOnly, policy: policyOptions(ctx) }, await loadValidateInputs({ root: ctx.root, cloud, envsDir: envsRel, chartDir: chartRel, envs: [], secretScanFiles: chartOnly, effects: ctx.effects }));
    for (const v of scanned.secrets) ctx.secrets.add(v);
    const findings = [...general, ...scanned.general].filter((f) => f.rule !== 'schema/missing' && f.rule !== 'schema/invalid');
    if (findings.length > 0) await emit(ctx, applyAllows(buildReport(cloud, [], findings, undefined, undefined), scanned.allows, new Set(chartOnly)), undefined);
    throw usageError(stop.message, stop.hint);
  }
  const selection = selectEnvironments(layout.envs, input.args.envs, envsRel);
  if (selection.unmatched.length > 0) {
    throw usageError(`no environment matches ${selection.unmatched.map((p) => `"${p}"`).join(', ')}`, `environments: ${layout.envs.map((e) => e.id).join(', ')} (globs: live/*, */console)`);
  }

  // Rendering does not wait for the offline checks: helm runs while the main thread merges and checks, and each
  // render waits for its environment's merged values only at the very end (for the expected-kinds check).
  let mergedValues!: (m: ReadonlyMap<string, Record<string, unknown> | undefined>) => void;
  const merged = new Promise<ReadonlyMap<string, Record<string, unknown> | undefined>>((resolve) => (mergedValues = resolve));
  const renderJobs: RenderJob[] = selection.selected.map((e) => ({
    env: { id: e.id, file: e.file, type: e.type },
    valuesFiles: layersFor(e, cloud, `${chartRel}/values.yaml`, envsRel).slice(1),
    values: () => merged.then((m) => m.get(e.id)),
  }));
  let markStarted!: () => void;
  const renderStarted = new Promise<void>((resolve) => (markStarted = resolve));
  const rendering = render(ctx, mode, chartDir, chart.chart, renderJobs, input.flags.jobs ?? ctx.cores, input.flags.cache, markStarted);
  rendering.catch(() => undefined); // awaited below; this only keeps an early failure of the checks from leaving it unhandled
  // The checks below are long synchronous work: let the first helm processes start before it, not after.
  await Promise.race([renderStarted, rendering.then(() => undefined, () => undefined)]);

  let checked: ReturnType<typeof checkEnvironments>;
  let subcharts: Awaited<ReturnType<typeof loadSubcharts>>;
  try {
    const secretScanFiles = await listSecretScanFiles(ctx.root, chartRel, envsRel);
    const checkInput = { cloud, envsDir: envsRel, chartDir: chartRel, envs: layout.envs, secretScanFiles, policy: policyOptions(ctx) };
    const loaded = await loadValidateInputs({ root: ctx.root, ...checkInput, parseCache, effects: ctx.effects });
    checked = checkEnvironments(checkInput, loaded);
    // A committed secret is reported once, by secrets/committed; no other finding (schema, render) may echo it.
    for (const v of checked.secrets) ctx.secrets.add(v);
    general.push(...checked.general);
    subcharts = chart.chart ? await loadSubcharts(chartDir, chart.chart) : [];
    attachSubchartFindings(checked.envs, general, checkSubchartKeys(uniqueLayerDocs(checked.envs, loaded), subcharts));
  } finally {
    mergedValues(new Map((checked! ? checked.envs : []).map((c) => [c.env.id, c.mergeable ? c.env.values : undefined])));
  }
  // Cross-environment rules (parity) ran on every environment above; the report and the render cover the subset.
  const subset = new Set(selection.selected.map((e) => e.id));
  const inScope = checked.envs.filter((c) => subset.has(c.env.id));
  for (const c of inScope) ctx.out.info(`${c.env.id}: ${c.layers.join(' → ')}`);

  const rendered = await rendering;
  general.push(...rendered.general);
  const standIns = subcharts.filter((c) => c.standIn).map((c) => `${c.name} ${c.version}`);
  const report = applyAllows(buildReport(cloud, inScope, general, rendered.byEnv, rendered.skipped), checked.allows, new Set(checked.envs.flatMap((c) => c.layers)));
  if (rendered.byEnv && standIns.length > 0) report.renderedWithStandIns = [...new Set(standIns)];
  await emit(ctx, report, input.flags.junit);
  return { exitCode: hasErrors(allFindings(report)) ? ExitCode.validation : ExitCode.ok, data: { ...report, findings: allFindings(report) } };
}

/** Every layer file of the checked environments, parsed, once each (shared layers are checked once). */
function uniqueLayerDocs(envs: readonly CheckedEnv[], loaded: ValidateInputs): ValuesDoc[] {
  const files = [...new Set(envs.flatMap((c) => c.layers))];
  return files.flatMap((f) => {
    const doc = loaded.files.get(f)?.doc;
    return doc ? [doc] : [];
  });
}

/** A finding in an environment's own file belongs to that environment; one in a shared layer is run-level. */
function attachSubchartFindings(envs: CheckedEnv[], general: Finding[], findings: readonly Finding[]): void {
  for (const f of findings) {
    const owner = envs.find((c) => c.env.file === f.file);
    if (owner) owner.findings.push({ ...f, env: owner.env.id });
    else general.push(f);
  }
}

/** The configuration the policy rules take as parameters. */
function policyOptions(ctx: TaskContext) {
  return { publicEnvTypes: ctx.config.publicEnvTypes, domain: ctx.config.dns.domain, requiredKinds: ctx.config.requiredKinds };
}

/** What every environment's render verdict shares: helm's version, the chart's bytes, the manifest schemas, jetscale's
 * code (its build identity; computed from src/ when running from source, where a version number would not change). */
async function renderCacheBase(ctx: TaskContext, chartDir: string): Promise<string> {
  // The version helm states in its build info keys the lookups at once; the renders' results still wait for `helm
  // version` (resolve), which must agree with it. A helm that states nothing is asked first.
  const helm = (await ctx.tools.stated('helm')) ?? (await ctx.tools.resolve('helm'));
  const { DEFAULT_SCHEMA_DIR } = await import('../manifests/schema-store.js');
  const [chart, schemas, jetscale] = await Promise.all([hashTree(chartDir), hashTree(DEFAULT_SCHEMA_DIR), codeIdentity()]);
  return JSON.stringify({ helm: `${helm.actual} ${helm.version}`, chart, chartDir: relative(ctx.root, chartDir), schemas, jetscale });
}

async function render(ctx: TaskContext, mode: RenderMode, chartDir: string, chart: Awaited<ReturnType<typeof loadChart>>['chart'], work: RenderJob[], jobs: number, useCache: boolean, onStarted: () => void) {
  const chartRel = relative(ctx.root, chartDir).split(sep).join('/') || '.';
  const howToRender = `to render: helm 3.14+ on PATH (or JETSCALE_HELM=/path/to/helm) and the subcharts in ${chartRel}/charts — \`npx jetscale chart:deps\` vendors them from the registry, or offline \`export $(node --import tsx scripts/prepare-render.ts)\` fetches helm and the stand-in subcharts`;
  const skip = (why: string, severity: 'warning' | 'error', hint: string) => ({ byEnv: undefined, skipped: why, general: [{ rule: 'render/skipped', severity, message: why, hint: severity === 'error' ? hint : `${hint}; --render=require makes this an error (CI does)` }] satisfies Finding[] });
  if (mode === 'off') return { byEnv: undefined, skipped: 'render skipped (--render=off)', general: [] as Finding[] };
  const severity = mode === 'require' ? 'error' : 'warning';
  try {
    await ctx.tools.locate('helm');
  } catch (error) {
    if (!(error instanceof JetscaleError) || ctx.signal.aborted) throw error;
    return skip(`render skipped: ${error.message}`, severity, howToRender);
  }
  if (!chart) return skip(`render skipped: ${chartRel}/Chart.yaml could not be read`, severity, `fix ${chartRel}/Chart.yaml (see the findings above)`);
  const missing = await missingSubcharts(chartDir, chart);
  if (missing.length) {
    const vendor = `vendor them: \`npx jetscale chart:deps --chart ${chartRel}\` (from the registry), or offline \`export $(node --import tsx scripts/prepare-render.ts)\` (stand-in subcharts)`;
    return skip(`render skipped: subcharts ${missing.join(', ')} are not in ${chartRel}/charts`, severity, vendor);
  }
  // The version check (`helm version`, one helm start-up) runs alongside the first renders instead of before them,
  // and only once there is something to render.
  const verified = ctx.tools.resolve('helm');
  verified.catch(() => undefined); // awaited by renderEnvironments (or below, when the render stops early)
  let validator: Promise<ManifestValidator> | undefined;
  const loadValidator = () => (validator ??= import('../manifests/manifest-schema.js').then((m) => m.loadManifestValidator({ gate: ctx.effects })));
  const fromCache: string[] = [];
  let byEnv: Map<string, Finding[]>;
  try {
    const cache = useCache ? { store: new RenderCache(ctx.effects, cacheDirFor(ctx, 'render')), base: await renderCacheBase(ctx, chartDir) } : undefined;
    byEnv = await ctx.out.step(`helm template ${work.length} environment(s), ${Math.min(jobs, work.length)} at a time`, () =>
      renderEnvironments(
        ctx,
        { chartDir, jobs, verified, validator: loadValidator, onStarted, requiredKinds: ctx.config.requiredKinds, ...(cache ? { cache } : {}), onCached: (env) => fromCache.push(env), onDone: (env, f) => ctx.out.info(`  ${fromCache.includes(env) ? 'cached' : 'rendered'} ${env}: ${f.length ? `${count(f, 'error')} error(s)` : 'ok'}`) },
        work,
      ),
    );
  } catch (error) {
    // helm failed its version check while the first renders ran: their results are dropped, as if never started.
    const versionProblem = await verified.then(() => undefined, (e: unknown) => e);
    if (!ctx.signal.aborted && versionProblem !== undefined && versionProblem === error && error instanceof JetscaleError) return skip(`render skipped: ${error.message}`, severity, howToRender);
    throw error;
  }
  if (fromCache.length) ctx.out.debug(`render cache: ${fromCache.length} of ${work.length} verdict(s) reused (--no-cache renders everything)`);
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

async function emit(ctx: TaskContext, unredacted: ValidateReport, junit: string | undefined): Promise<void> {
  // Redact the data before laying it out, so a masked value cannot shift the table's columns.
  const report = ctx.secrets.redactData(unredacted);
  const findings = allFindings(report);
  const { c } = ctx.out;
  const paint = (state: string, text: string) => (state === 'error' ? c.red(text) : state === 'warning' ? c.yellow(text) : state === 'ok' ? c.green(text) : c.dim(text));
  ctx.out.print(formatTable(report, paint));
  for (const f of findings) ctx.out.print('\n' + formatFinding(f));
  for (const a of report.allowed ?? []) ctx.out.print('\n' + formatAllowed(a));
  const errors = count(findings, 'error');
  const warnings = count(findings, 'warning');
  ctx.out.print(`\nvalidate:envs ${report.cloud}: ${report.environments.length} environment(s), ${errors} error(s), ${warnings} warning(s)${report.allowed?.length ? `, ${report.allowed.length} allowed` : ''}`);
  ctx.out.annotate(findings);
  await ctx.out.summary(toMarkdown(report));
  if (junit) {
    const path = resolve(ctx.root, junit);
    await ctx.writeFile(path, ctx.secrets.redact(toJUnit(`validate:envs ${report.cloud}`, toJUnitCases(report))), { operation: 'write-junit', output: true }).catch((error: Error) => {
      throw usageError(`--junit ${junit}: cannot write the report: ${error.message}`, 'pass a file path in an existing, writable directory');
    });
  }
}

/** The --junit file's directory must exist and be writable before the run starts (exit 2 naming the path). */
async function checkWritableReport(path: string): Promise<void> {
  const { access, constants, stat } = await import('node:fs/promises');
  const { dirname } = await import('node:path');
  const dir = dirname(path);
  const ok = await access(dir, constants.W_OK).then(() => true, () => false);
  const isDir = await stat(path).then((s) => s.isDirectory(), () => false);
  if (!ok || isDir) throw usageError(`--junit ${path}: cannot write the report there (${isDir ? 'it is a directory' : `${dir} is missing or not writable`})`, 'pass a file path in an existing, writable directory');
}
