// Runs one selected task: .env, output, options, tool preflight, the task itself, then result and exit code.
import { join } from 'node:path';
import { makeEnvView, type TaskContext } from '../core/context.js';
import { loadDotenv } from '../core/dotenv.js';
import { InterruptedError, JetscaleError, usageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { Once } from '../core/once.js';
import { Output, decideColor } from '../core/output.js';
import type { CliIO } from '../cli.js';
import { Secrets } from '../core/secrets.js';
import { Executor } from '../exec/executor.js';
import { ToolFinder } from '../exec/tool-finder.js';
import { findRepoRoot } from './find-root.js';
import { parseDuration } from './global-flags.js';
import type { Selection } from './program.js';
import { resolveInput } from './resolve-input.js';
import { renderError } from './render-error.js';
import { TASKS } from '../tasks/registry.js';
import { TOOLS } from '../exec/tools.js';

/** jetscale's own option variables: configuration, not secrets, even when they come from .env. */
const OPTION_VARIABLES = new Set([...TASKS.flatMap((t) => t.flags.flatMap((f) => (f.env ? [f.env] : []))), ...Object.values(TOOLS).map((t) => t.envVar)]);

/** The CLI's I/O with the core count resolved. */
export interface RunIO extends Omit<CliIO, 'cores'> {
  cores: number;
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
  const out = new Output({
    stdout: io.stdout,
    stderr: io.stderr,
    secrets,
    color: decideColor({ flag: global.color === false ? false : undefined, env: io.env, isTTY: io.stderr.isTTY === true }),
    colorStdout: decideColor({ flag: global.color === false ? false : undefined, env: io.env, isTTY: io.stdout.isTTY === true }),
    interactive: io.stderr.isTTY === true && !ci,
    github: io.env.GITHUB_ACTIONS === 'true',
    json: global.json,
    verbose: global.verbose,
    stepSummaryPath: io.env.GITHUB_STEP_SUMMARY,
  });
  let exec: Executor | undefined;
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
    const { input, origins } = resolveInput(sel, env);
    for (const [name, origin] of Object.entries(origins)) if (origin !== 'default') out.debug(`option --${name} from ${origin}`);
    const timeoutMs = global.timeout === undefined ? undefined : parseDuration(global.timeout);
    if (global.timeout !== undefined && timeoutMs === undefined) throw usageError(`invalid --timeout "${global.timeout}"`, 'use a duration between 1ms and 24 days, such as 90s, 10m or 1h');

    exec = new Executor({ out, secrets, dryRun: global.dryRun, readOnly: task.effect === 'read', signal: io.signal, baseEnv: io.env, timeoutOverrideMs: timeoutMs });
    io.onForceKill?.(() => exec?.killAll());
    const once = new Once();
    // Tool overrides (JETSCALE_HELM, …) may come from .env too; the process environment still wins.
    const tools = new ToolFinder(exec, once, { ...Object.fromEntries(dotenv), ...io.env }, task.id);
    const ctx: TaskContext = { taskId: task.id, root, env, out, exec, tools, once, secrets, signal: io.signal, dryRun: global.dryRun, cores: io.cores, now: () => new Date() };

    await tools.require(task.tools);
    const runTask = await task.load();
    const result = (await runTask(ctx, input)) ?? {};
    const exitCode = result.exitCode ?? ExitCode.ok;
    finish(out, exec, { task: task.id, ok: exitCode === 0, exitCode, dryRun: global.dryRun, data: result.data });
    return exitCode;
  } catch (error) {
    const interrupted = error instanceof InterruptedError || (io.signal.aborted && io.signal.reason instanceof InterruptedError);
    const e = interrupted ? new InterruptedError(`${task.id} was stopped${exec?.interrupted.length ? ` while running ${exec.interrupted.join(', ')}` : ''}; child processes were terminated`) : error;
    const exitCode = e instanceof JetscaleError ? e.exitCode : ExitCode.taskFailed;
    renderError(out, e, global.verbose);
    if (out.github) {
      const message = e instanceof Error ? e.message : String(e);
      out.annotate([{ rule: task.id, severity: 'error', message, ...(e instanceof JetscaleError && e.hint ? { hint: e.hint } : {}) }]);
      await out.summary(`### ${task.id} failed (exit ${exitCode})\n\n\`\`\`\n${message}\n\`\`\`\n`).catch(() => undefined);
    }
    finish(out, exec, { task: task.id, ok: false, exitCode, dryRun: global.dryRun, error: toErrorData(e) });
    return exitCode;
  }
}

function finish(out: Output, exec: Executor | undefined, doc: Record<string, unknown>): void {
  const transcript = exec?.transcript ?? [];
  if (out.json) return out.writeJson({ ...doc, transcript });
  const recorded = transcript.filter((t) => t.status === 'recorded');
  if (doc.dryRun) {
    out.print(`dry-run: ${recorded.length} change(s) recorded, not run${recorded.length ? ':' : ''}`);
    for (const t of recorded) out.print(`  [${t.effect}] ${t.command}`);
  }
}

function toErrorData(e: unknown): Record<string, unknown> {
  if (e instanceof JetscaleError) return { code: e.code, message: e.message, hint: e.hint };
  return { code: 'E_INTERNAL', message: e instanceof Error ? e.message : String(e) };
}
