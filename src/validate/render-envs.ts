// Renders each environment with the real `helm template` (a read), in parallel, and validates every
// rendered document strictly against the vendored Kubernetes and CRD schemas.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TaskContext } from '../runtime/context.js';
import { JetscaleError } from '../core/errors.js';
import type { Finding } from '../core/finding.js';
import { createLimiter } from '../core/pool.js';
import type { ChartModel } from '../chart/chart-model.js';
import { checkExpectedKinds, requiredKindsFor } from '../manifests/expected-kinds.js';
import type { ManifestValidator } from '../manifests/manifest-schema.js';
import { parseRenderedManifests } from '../manifests/parse-rendered.js';
import type { EnvUnderTest } from '../policy/env-under-test.js';
import * as helm from '../tools/helm.js';
import type { Located } from '../tools/tool-finder.js';
import { verdictKey, type RenderCache } from './render-cache.js';

export const RELEASE = 'jetscale';

export interface RenderJob {
  env: Pick<EnvUnderTest, 'id' | 'file' | 'type'>;
  /** Repo-relative values files after the chart's own values.yaml. */
  valuesFiles: readonly string[];
  /** The merged values (for the expected-kinds check), once the offline checks have merged them; undefined when a
   * layer did not parse, and the environment's render is then dropped. Rendering starts before this resolves, so
   * helm runs while the main thread merges and checks. */
  values: () => Promise<Record<string, unknown> | undefined>;
}

/** Dependencies (`name-version`) missing from `<chart>/charts/`, which `helm template` needs. */
export async function missingSubcharts(chartDir: string, chart: ChartModel): Promise<string[]> {
  const present = new Set(await readdir(join(chartDir, 'charts')).catch(() => [] as string[]));
  const wanted = [...new Set(chart.dependencies.map((d) => `${d.name}-${d.version}`))];
  return wanted.filter((w) => !present.has(`${w}.tgz`) && !present.has(w.replace(/-[^-]+$/, '')));
}

export interface RenderOptions {
  chartDir: string;
  /** The helm version check (ToolFinder.resolve), running while the first `jobs` renders start; later renders wait
   * for it, and a failed check fails the whole render (the early renders' results are dropped). */
  verified?: Promise<unknown>;
  jobs: number;
  /** Loaded on first use, so a run served entirely from the cache never compiles the schemas. */
  validator: () => Promise<ManifestValidator>;
  /** Kinds each environment type must render (config `requiredKinds`), e.g. `{ live: ['Ingress'] }`. */
  requiredKinds?: Readonly<Record<string, readonly string[]>>;
  /** Verdicts from earlier runs, and the part of their key every environment shares (absent: `--no-cache`). */
  cache?: { store: RenderCache; base: string };
  /** Called with each environment whose verdict came from the cache. */
  onCached?: (env: string) => void;
  onDone?: (env: string, findings: Finding[]) => void;
  /** Called once the first helm processes are running (or no environment needs one), so the caller can start its
   * own long synchronous work without delaying helm: a spawn queued behind 50 ms of checks leaves a core idle. */
  onStarted?: () => void;
}

/** Renders and validates every job with at most `jobs` helm processes; findings per environment id (environments
 * whose layers did not merge are left out). Only the helm process holds one of the `jobs` slots: parsing and
 * validating its output happens after the slot is free, so the next render starts as soon as helm exits instead of
 * waiting for the main thread to finish with the previous one. */
export async function renderEnvironments(ctx: TaskContext, opts: RenderOptions, work: readonly RenderJob[]): Promise<Map<string, Finding[]>> {
  const tool = await ctx.tools.locate('helm');
  const verified = opts.verified ?? ctx.tools.resolve('helm');
  // A failed version check stops the renders already running: their results are not wanted.
  const dropped = new AbortController();
  verified.catch((error: unknown) => dropped.abort(error instanceof Error ? error : new Error(String(error))));
  const limited = createLimiter(opts.jobs, AbortSignal.any([ctx.signal, dropped.signal]));
  let decided = 0;
  let spawned = 0;
  let fired = false;
  const progress = () => {
    if (fired || (spawned < opts.jobs && decided < work.length)) return;
    fired = true;
    // After the spawns queued in this turn have reached the executor.
    setImmediate(() => opts.onStarted?.());
  };
  const helmSlot: typeof limited = (fn) =>
    limited(async () => {
      // The first wave starts at once; the rest only once helm's version is known to be good.
      if (spawned >= opts.jobs) await verified;
      spawned += 1;
      const running = fn();
      progress();
      return running;
    });
  if (work.length === 0) progress();
  const all = Promise.all(
    work.map(async (job) => {
      const key = opts.cache ? await keyOf(ctx.root, opts.cache.base, job, opts.requiredKinds) : undefined;
      const cached = key ? await opts.cache!.store.get(key) : undefined;
      decided += 1;
      progress();
      if (cached) {
        if ((await job.values()) === undefined) return undefined;
        opts.onCached?.(job.env.id);
        opts.onDone?.(job.env.id, cached);
        return [job.env.id, cached] as const;
      }
      const early = await renderOne(ctx, tool, { ...opts, dropped: dropped.signal }, job, helmSlot);
      if (dropped.signal.aborted) return undefined;
      const values = await job.values();
      if (values === undefined) return undefined;
      const findings = early.docs ? [...early.findings, ...expectedKinds(early.docs, values, job, opts)] : early.findings;
      // Only a verdict helm actually reached is cached: a timeout or crash must be tried again next time.
      if (key && !early.unfinished) await opts.cache!.store.put(key, findings);
      opts.onDone?.(job.env.id, findings);
      return [job.env.id, findings] as const;
    }),
  );
  all.catch(() => undefined); // settled below when the version check fails first
  try {
    await verified;
  } catch (error) {
    // Every render started beside the check has been stopped; wait for them so no helm outlives the run.
    await all.catch(() => undefined);
    throw error;
  }
  const results = await all;
  return new Map(results.filter((r): r is readonly [string, Finding[]] => r !== undefined));
}

function expectedKinds(docs: ReturnType<typeof parseRenderedManifests>, values: Record<string, unknown>, job: RenderJob, opts: RenderOptions): Finding[] {
  return checkExpectedKinds(docs, values, { release: RELEASE, env: job.env.id, required: requiredKindsFor(opts.requiredKinds, job.env.type) }).map((f) => ({ ...f, file: f.file ?? job.env.file }));
}

/** The verdict key of one environment: the shared base, its layers' bytes, and what its findings depend on. */
async function keyOf(root: string, base: string, job: RenderJob, requiredKinds: RenderOptions['requiredKinds']): Promise<string> {
  const layers = await Promise.all(job.valuesFiles.map(async (file) => ({ file, bytes: await readFile(join(root, file)) })));
  return verdictKey(base, layers, { release: RELEASE, env: job.env.id, file: job.env.file, type: job.env.type, required: requiredKindsFor(requiredKinds, job.env.type) ?? null });
}

/** What one helm render tells before the merged values are known: its findings, and the documents (absent when
 * helm failed) for the expected-kinds check. */
interface EarlyRender {
  findings: Finding[];
  docs?: ReturnType<typeof parseRenderedManifests>;
  /** helm timed out or crashed: the verdict must not be cached. */
  unfinished?: boolean;
}

async function renderOne(ctx: TaskContext, tool: Located, opts: RenderOptions & { dropped: AbortSignal }, job: RenderJob, helmSlot: ReturnType<typeof createLimiter>): Promise<EarlyRender> {
  let r: Awaited<ReturnType<typeof helm.template>>;
  try {
    r = await helmSlot(() => helm.template(ctx.exec, tool, { release: RELEASE, chart: opts.chartDir, valuesFiles: job.valuesFiles.map((f) => join(ctx.root, f)), cwd: ctx.root, env: helm.shortLivedGoRuntime((n) => ctx.env.process[n]), signal: opts.dropped }));
  } catch (error) {
    // One environment's timeout or crash is that environment's finding; every other result still reaches the report.
    if (ctx.signal.aborted || !(error instanceof JetscaleError)) throw error;
    return unfinished(job, error.message, error.code === 'E_TIMEOUT' ? 'raise --timeout (e.g. --timeout 5m) or find why helm hangs on these values' : 'check the helm installation (jetscale diagnose:tools)');
  }
  const crash = r.ok ? undefined : crashOf(r);
  if (crash) {
    // Killed or crashed, not an answer about these values: never cached, tried again next run.
    return unfinished(job, crash, /SIGKILL|137|out of memory/.test(crash) ? 'helm was killed or ran out of memory; check the machine\'s memory or lower --jobs' : 'helm crashed; check the helm installation (jetscale diagnose:tools)');
  }
  if (!r.ok) {
    const detail = r.stderr.trim().split('\n').filter((l) => l && !l.startsWith('WARNING')).slice(-8).join('\n');
    return { findings: [{ rule: 'render/helm', severity: 'error', env: job.env.id, file: job.env.file, message: `helm template failed:\n${detail}`, hint: 'the chart rejected these values; fix the value named above in this environment\'s layers' }] };
  }
  const docs = parseRenderedManifests(r.manifests);
  const findings: Finding[] = [];
  const validator = await opts.validator();
  await validator.prepare?.(docs.map((d) => d.doc));
  for (const d of docs) {
    if (d.finding) findings.push({ ...d.finding, env: job.env.id });
    findings.push(...validator.validate(d.doc, { env: job.env.id, ...(d.source ? { source: d.source } : {}) }).map((f) => inRepo(f, job, d.source)));
  }
  return { findings, docs };
}

/** A render helm did not finish (timeout, kill, crash): that environment's finding, never cached. */
function unfinished(job: RenderJob, why: string, hint: string): EarlyRender {
  return { unfinished: true, findings: [{ rule: 'render/helm', severity: 'error', env: job.env.id, file: job.env.file, message: `helm template did not finish: ${why}`, hint }] };
}

/** How a failed helm died when it was not helm answering about the values: a signal (also seen through a wrapper
 * script as exit 128+n), or the Go runtime giving up (out of memory, a fatal error, a panic). */
function crashOf(r: { exitCode: number; stderr: string; signal?: NodeJS.Signals }): string | undefined {
  if (r.signal) return `killed by ${r.signal}`;
  if (r.exitCode > 128) return `exit ${r.exitCode} (killed by signal ${r.exitCode - 128})`;
  const fatal = /^(?:fatal error: .*|panic: .*|runtime: out of memory.*)$/m.exec(r.stderr);
  return fatal ? `helm crashed: ${fatal[0].slice(0, 200)}` : undefined;
}

/** A subchart's template is not a file in this repo (it is packed in a .tgz): point at the environment whose
 * values produced the manifest and name the template in the message instead. */
export function inRepo(f: Finding, job: RenderJob, source: string | undefined): Finding {
  if (!source || !/^[^/]+\/charts\//.test(source)) return f;
  return { ...f, file: job.env.file, message: `${f.message} (rendered by subchart template ${source})`, hint: f.hint ?? "check this environment's values for the subchart, or the subchart version" };
}
