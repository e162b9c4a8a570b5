// Runs one selected task: .env, output, options, tool preflight, the task itself, then result and exit code.
import { join } from 'node:path';
import { makeEnvView, type TaskContext } from '../runtime/context.js';
import { loadDotenv } from '../core/dotenv.js';
import { InterruptedError, JetscaleError, usageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { Once } from '../core/once.js';
import { Output, decideColor } from '../core/output.js';
import type { CliIO } from '../cli.js';
import { Secrets } from '../core/secrets.js';
import { Executor } from '../exec/executor.js';
import { ToolFinder } from '../tools/tool-finder.js';
import { ProcessGroup } from '../exec/process-group.js';
import { findRepoRoot } from './find-root.js';
import { parseDuration } from './global-flags.js';
import type { Selection } from './program.js';
import { resolveInput } from './resolve-input.js';
import { renderError } from './render-error.js';
import { TASKS } from '../tasks/registry.js';
import { TOOLS } from '../tools/tool-table.js';
import { configKeys } from '../core/config-keys.js';
import { loadConfig } from '../core/config.js';
import { EffectGate, type EffectRecord } from '../core/effects.js';
import { stepSummaryAppender, writeFileEffect } from '../core/file-effects.js';
import { makeAdapters, type RunAdapters } from '../runtime/adapters.js';

/** jetscale's own option variables: configuration, not secrets, even when they come from .env. */
const OPTION_VARIABLES = new Set([
  ...TASKS.flatMap((t) => t.flags.flatMap((f) => (f.env ? [f.env] : []))),
  ...Object.values(TOOLS).map((t) => t.envVar),
  ...configKeys().map((k) => k.envVar),
]);

/** The CLI's I/O with the core count resolved. */
export interface RunIO extends Omit<CliIO, 'cores'> {
  cores: number;
}

/** The environment of child processes: the process environment, plus the `.env` variables that pick an identity
 * (AWS_*, KUBECONFIG), so terraform, helm and kubectl act as the same AWS caller and cluster that the SDK clients and
 * the guards checked; other `.env` values stay with jetscale. Terraform's update check (a call home) is off. */
export function toolEnvironment(processEnv: Readonly<Record<string, string | undefined>>, dotenv: ReadonlyMap<string, string>): Record<string, string | undefined> {
  const identity = Object.fromEntries([...dotenv].filter(([k]) => k.startsWith('AWS_') || k === 'KUBECONFIG'));
  return { CHECKPOINT_DISABLE: '1', ...identity, ...processEnv };
}

/** True on CI runners (`CI=true|1`, or GitHub Actions). */
export function isCI(env: Readonly<Record<string, string | undefined>>): boolean {
  return ['true', '1'].includes(env.CI ?? '') || env.GITHUB_ACTIONS === 'true';
}

/** Runs the selection and returns the exit code; never throws. */
export async function runSelection(sel: Selection, io: RunIO): Promise<number> {
  const { task, global } = sel;
  const secrets = new Secrets();
  const ci = isCI(io.env);
  // The one gate of the run: every process, AWS call, Kubernetes request and file write is declared to it.
  const gate = new EffectGate({ dryRun: global.dryRun, ceiling: task.effect, secrets, taskId: task.id, onRecord: (r) => traceEffect(out, r) });
  const out: Output = new Output({
    stdout: io.stdout,
    stderr: io.stderr,
    secrets,
    color: decideColor({ flag: global.color === false ? false : undefined, env: io.env, isTTY: io.stderr.isTTY === true }),
    colorStdout: decideColor({ flag: global.color === false ? false : undefined, env: io.env, isTTY: io.stdout.isTTY === true }),
    interactive: io.stderr.isTTY === true && !ci,
    github: io.env.GITHUB_ACTIONS === 'true',
    json: global.json,
    verbose: global.verbose,
    appendSummary: stepSummaryAppender(gate, io.env.GITHUB_STEP_SUMMARY, (error) => out.warn(`cannot append to $GITHUB_STEP_SUMMARY (${io.env.GITHUB_STEP_SUMMARY}): ${error.message}; the summary is skipped`)),
  });
  let exec: Executor | undefined;
  let adapters: RunAdapters | undefined;
  let processes: ProcessGroup | undefined;
  try {
    const root = findRepoRoot(io.cwd);
    const dotenv = new Map<string, string>();
    if (!ci || global.dotenv) {
      for (const e of await loadDotenv(join(root, '.env'))) {
        dotenv.set(e.key, e.value);
        // Everything in .env is treated as a secret except jetscale's own option variables (paths, modes),
        // which would otherwise mask ordinary words such as `auto` or a chart path in all output.
        if (!OPTION_VARIABLES.has(e.key)) secrets.add(e.value);
      }
      if (dotenv.size > 0) out.debug(`.env: loaded ${[...dotenv.keys()].join(', ')} (names only; the environment wins over .env)`);
    }
    const env = makeEnvView(io.env, dotenv);
    const loaded = await loadConfig(root, env);
    for (const [key, origin] of Object.entries(loaded.origins)) if (origin !== 'default') out.debug(`config ${key} from ${origin}`);
    const { input, origins } = resolveInput(sel, env, loaded.config, { cwd: io.cwd, root }, loaded.origins);
    for (const [name, origin] of Object.entries(origins)) if (origin !== 'default') out.debug(`option --${name} from ${origin}`);
    const timeoutMs = global.timeout === undefined ? undefined : parseDuration(global.timeout);
    if (global.timeout !== undefined && timeoutMs === undefined) throw usageError(`invalid --timeout "${global.timeout}"`, 'use a duration between 1ms and 24 days, such as 90s, 10m or 1h');

    const childEnv = toolEnvironment(io.env, dotenv);
    exec = new Executor({ gate, out, secrets, signal: io.signal, baseEnv: childEnv, timeoutOverrideMs: timeoutMs });
    processes = new ProcessGroup({ gate, out, secrets, signal: io.signal, baseEnv: childEnv, ...(timeoutMs !== undefined ? { timeoutOverrideMs: timeoutMs } : {}) });
    io.onForceKill?.(() => {
      exec?.killAll();
      processes?.killAll();
    });
    const once = new Once();
    // Tool overrides (JETSCALE_HELM, …) may come from .env too; the process environment still wins.
    const tools = new ToolFinder(exec, once, { ...Object.fromEntries(dotenv), ...io.env }, task.id);
    adapters = makeAdapters({ gate, env, config: loaded.config, secrets, signal: io.signal, cwd: io.cwd });
    const ctx: TaskContext = {
      taskId: task.id,
      root,
      cwd: io.cwd,
      env,
      config: loaded.config,
      effects: gate,
      out,
      exec,
      processes,
      tools,
      once,
      secrets,
      signal: io.signal,
      dryRun: global.dryRun,
      ...(timeoutMs !== undefined ? { timeoutOverrideMs: timeoutMs } : {}),
      cores: io.cores,
      now: () => new Date(),
      aws: adapters.aws,
      kube: adapters.kube,
      writeFile: (path, data, opts = {}) => writeFileEffect(gate, { path, data, operation: opts.operation ?? 'write', ...(opts.output ? { output: true } : {}) }, root),
    };

    if (io.signal.aborted) throw io.signal.reason;
    await tools.require(task.tools);
    const runTask = await task.load();
    // Every long-running process of the run stops when the task ends, however it ends.
    const group = processes;
    const result = (await runTask(ctx, input).finally(() => group.stopAll())) ?? {};
    // A signal that arrived while the task did no interruptible work (parsing, merging) still ends the run as
    // interrupted: a stopped run never reports success.
    if (io.signal.aborted) throw io.signal.reason;
    const exitCode = result.exitCode ?? ExitCode.ok;
    finish(out, gate, { task: task.id, ok: exitCode === 0, exitCode, dryRun: global.dryRun, data: result.data });
    return exitCode;
  } catch (error) {
    await processes?.stopAll();
    const interrupted = error instanceof InterruptedError || (io.signal.aborted && io.signal.reason instanceof InterruptedError);
    const by = io.signal.reason instanceof InterruptedError ? ` (${io.signal.reason.what})` : '';
    const e = interrupted ? new InterruptedError(`${task.id} was stopped${exec?.interrupted.length ? ` while running ${exec.interrupted.join(', ')}` : ''}; child processes were terminated${by}`) : error;
    const exitCode = e instanceof JetscaleError ? e.exitCode : ExitCode.taskFailed;
    renderError(out, e, global.verbose);
    if (out.github) {
      const message = e instanceof Error ? e.message : String(e);
      out.annotate([{ rule: task.id, severity: 'error', message, ...(e instanceof JetscaleError && e.hint ? { hint: e.hint } : {}) }]);
      await out.summary(`### ${task.id} failed (exit ${exitCode})\n\n\`\`\`\n${message}\n\`\`\`\n`).catch(() => undefined);
    }
    finish(out, gate, { task: task.id, ok: false, exitCode, dryRun: global.dryRun, error: toErrorData(e) });
    return exitCode;
  } finally {
    adapters?.close();
  }
}

function finish(out: Output, gate: EffectGate, doc: Record<string, unknown>): void {
  const transcript = gate.transcript;
  if (out.json) return out.writeJson({ ...doc, transcript, ...(out.events.length ? { events: out.events } : {}) });
  const recorded = transcript.filter((t) => t.status === 'recorded');
  if (doc.dryRun) {
    out.print(`dry-run: ${recorded.length} change(s) recorded, not run${recorded.length ? ':' : ''}`);
    for (const t of recorded) out.print(`  [${t.effect}${t.channel === 'process' ? '' : ` ${t.channel}`}] ${t.command}`);
  }
}

/** -v shows every effect as it is declared; under --dry-run each recorded change is announced as it happens. */
function traceEffect(out: Output, r: EffectRecord): void {
  if (r.channel === 'process') return; // the executor prints its own `$ command` and dry-run lines
  if (r.status === 'recorded') out.info(`${out.c.yellow('dry-run')} would ${r.effect} (${r.channel}): ${r.command}`);
  else if (r.status === 'started') out.debug(`${r.channel}: ${r.command}`);
}

function toErrorData(e: unknown): Record<string, unknown> {
  if (e instanceof JetscaleError) return { code: e.code, source: e.source, message: e.message, hint: e.hint, ...(e.tail ? { tail: e.tail } : {}) };
  return { code: 'E_INTERNAL', message: e instanceof Error ? e.message : String(e) };
}
