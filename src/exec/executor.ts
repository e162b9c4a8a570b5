// The one executor for external processes: argv arrays only, explicit env, deadlines, redaction.
// It is a client of the effect gate: the gate decides whether a command runs, is recorded (--dry-run) or is refused.
import { EffectGate, type Effect, type EffectRecord, type Performed } from '../core/effects.js';
import type { Output } from '../core/output.js';
import type { Secrets } from '../core/secrets.js';
import { InterruptedError, JetscaleError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { formatMs } from '../core/output.js';
import { formatCommand } from './transcript.js';
import { CommandFailedError, outputTail } from './command-failed.js';
import { onLines } from './line-stream.js';

export interface ExecCall {
  /** A resolved executable path (a ResolvedTool's `path`); tasks call the typed adapters in src/tools instead. */
  file: string;
  /** Display name, e.g. `helm`. */
  tool: string;
  args: readonly string[];
  effect: Effect;
  /** Extra environment for this call only; values listed in `secretEnv` are redacted everywhere. */
  env?: Readonly<Record<string, string>>;
  /** Environment values that are secrets (tokens): passed to the child, never printed. */
  secretEnv?: Readonly<Record<string, string>>;
  /** Standard input, e.g. a password for `--password-stdin`. */
  input?: string;
  inputIsSecret?: boolean;
  cwd?: string;
  timeoutMs?: number;
  /** Stream output lines to stderr with this prefix while the command runs. */
  streamPrefix?: string;
  /** When false, a non-zero exit is returned instead of thrown. */
  reject?: boolean;
  /** A non-zero exit that is an answer, not a failure (`release: not found`): returned, recorded as ran. */
  accept?: (r: ExecResult) => boolean;
  /** Transcript operation, e.g. `terraform plan` (default: the tool and its first non-flag argument). */
  operation?: string;
  /** Other values of this call to redact everywhere (e.g. secret values sent on stdin as YAML). */
  secrets?: readonly string[];
  /** Shapes the error of a non-zero exit: a one-line reason, a better tail, structured details (all redacted). */
  describeFailure?: (r: ExecResult) => { reason?: string; tail?: string; details?: unknown };
  /** Stops this call alone (its process group is killed, like at a deadline); the call rejects with the signal's
   * reason. For work whose result is no longer wanted, e.g. renders started beside a version check that failed. */
  signal?: AbortSignal;
}

export interface ExecResult {
  command: string;
  exitCode: number;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** True when the call was recorded under --dry-run and not run. */
  dryRun: boolean;
  /** The signal that killed the process (an OOM kill, a crash) when it did not exit by itself; `exitCode` is then
   * 128 + its number, as a shell reports it. */
  signal?: NodeJS.Signals;
}

export interface ExecutorOptions {
  out: Output;
  secrets: Secrets;
  /** The run's effect gate; without one the executor makes its own from `dryRun` and `readOnly`. */
  gate?: EffectGate;
  dryRun?: boolean;
  /** Breakglass mode: any non-read call is refused before it is sent. */
  readOnly?: boolean;
  signal: AbortSignal;
  baseEnv: Readonly<Record<string, string | undefined>>;
  /** `--timeout`: when given it overrides every per-call deadline (the user's explicit choice wins). */
  timeoutOverrideMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/** Executors with children running: if the process exits abruptly (process.exit, a fatal error), their process
 * groups are killed from one `exit` hook, since children in their own groups would otherwise outlive us. */
const LIVE = new Set<Executor>();
let exitHooked = false;
function watchForExit(executor: Executor): void {
  LIVE.add(executor);
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', () => {
    for (const e of LIVE) e.killAll();
  });
}

/** Runs external commands for one CLI run and keeps the transcript. */
export class Executor {
  readonly gate: EffectGate;
  /** Commands that were stopped by cancellation (for the final Ctrl-C line). */
  readonly interrupted: string[] = [];
  readonly #o: ExecutorOptions;
  readonly #running = new Set<{ command: string; kill: (signal: NodeJS.Signals) => void }>();

  constructor(options: ExecutorOptions) {
    this.#o = options;
    this.gate = options.gate ?? new EffectGate({ dryRun: options.dryRun ?? false, ceiling: options.readOnly ? 'read' : 'destroy', secrets: options.secrets });
  }

  /** Every effect of the run so far (all channels when the gate is shared). */
  get transcript(): readonly EffectRecord[] {
    return this.gate.transcript;
  }

  /** Commands running right now (for the Ctrl-C message). */
  get running(): string[] {
    return [...this.#running].map((r) => r.command);
  }

  /** Registers a secret found in a tool's output (a sensitive terraform output) for redaction everywhere. */
  addSecret(value: string): void {
    this.#o.secrets.add(value);
  }

  /** Kills every running child at once (second Ctrl-C). */
  killAll(): void {
    for (const r of this.#running) r.kill('SIGKILL');
  }

  /** Runs (or, for writes under --dry-run, records) one command; a recorded call answers with an empty result. */
  async run(call: ExecCall): Promise<ExecResult> {
    const r = await this.perform(call);
    return r.skipped ? { command: r.record.command, exitCode: 0, stdout: '', stderr: '', durationMs: 0, dryRun: true } : r.value;
  }

  /** Runs one command through the gate; under --dry-run a write or destroy answers with the typed skip. */
  async perform(call: ExecCall): Promise<Performed<ExecResult>> {
    const { secrets, out } = this.#o;
    for (const v of Object.values(call.secretEnv ?? {})) secrets.add(v);
    for (const v of call.secrets ?? []) secrets.add(v);
    if (call.inputIsSecret) secrets.add(call.input);
    const command = secrets.redact(formatCommand(call.tool, call.args));
    const operation = call.operation ?? (call.args[0] && !call.args[0].startsWith('-') ? `${call.tool} ${call.args[0]}` : call.tool);
    const admission = this.gate.admit({ channel: 'process', operation, target: command, command, tool: call.tool, effect: call.effect });
    if (!admission.run) {
      out.info(`${out.c.yellow('dry-run')} would run (${call.effect}): ${command}`);
      return { skipped: true, record: admission.skipped.record };
    }
    if (this.#o.signal.aborted) {
      admission.done({ error: 'interrupted before it started' });
      throw this.#o.signal.reason;
    }
    if (call.signal?.aborted) {
      admission.done({ error: 'dropped before it started' });
      throw call.signal.reason;
    }
    out.debug(`$ ${command}`);
    let result: ExecResult;
    try {
      result = await this.#spawn(call, command);
    } catch (error) {
      admission.done({ error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    const failed = result.exitCode !== 0 && call.accept?.(result) !== true;
    admission.done({ exitCode: result.exitCode, failed });
    out.debug(`  exit ${result.exitCode} in ${formatMs(result.durationMs)}`);
    if (failed && call.reject !== false) throw this.#failed(call, result);
    return { skipped: false, value: result };
  }

  /** The error of a non-zero exit, redacted here once (message, tail and details). */
  #failed(call: ExecCall, r: ExecResult): CommandFailedError {
    const { secrets } = this.#o;
    const described = call.describeFailure?.(r) ?? {};
    const tail = secrets.redact(described.tail ?? outputTail(r.stderr, r.stdout));
    return new CommandFailedError({
      command: r.command,
      tool: call.tool,
      exitCode: r.exitCode,
      durationMs: r.durationMs,
      tail,
      ...(described.reason ? { reason: secrets.redact(described.reason) } : {}),
      ...(described.details !== undefined ? { details: secrets.redactData(described.details) } : {}),
    });
  }

  async #spawn(call: ExecCall, command: string): Promise<ExecResult> {
    // node:child_process, not execa: execa's stream plumbing cost ~5 ms of main-thread time per command, which a
    // 40-environment render pays 40 times while helm competes for the same cores.
    const [{ spawn }, { constants }] = await Promise.all([import('node:child_process'), import('node:os')]);
    const timeout = this.#o.timeoutOverrideMs ?? call.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const start = performance.now();
    // Each command gets its own process group, so a deadline or Ctrl-C stops everything it started: a
    // grandchild (a helm plugin, a shell's `sleep`) would otherwise keep the pipes open and the deadline unmet.
    const child = spawn(call.file, [...call.args], {
      env: { ...this.#o.baseEnv, ...call.env, ...call.secretEnv },
      cwd: call.cwd,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    let stopped: 'timeout' | 'canceled' | 'dropped' | undefined;
    let forceKill: ReturnType<typeof setTimeout> | undefined;
    const stop = (why: 'timeout' | 'canceled' | 'dropped') => {
      stopped ??= why;
      killGroup('SIGTERM');
      forceKill ??= setTimeout(() => killGroup('SIGKILL'), 3000);
    };
    const deadline = setTimeout(() => stop('timeout'), timeout);
    const onAbort = () => stop('canceled');
    const onDrop = () => stop('dropped');
    this.#o.signal.addEventListener('abort', onAbort, { once: true });
    call.signal?.addEventListener('abort', onDrop, { once: true });
    // Aborted between the check before the spawn and the listener: stop it now.
    if (call.signal?.aborted) onDrop();
    const handle = { command, kill: (s: NodeJS.Signals) => killGroup(s) };
    this.#running.add(handle);
    watchForExit(this);
    const stdout = collect(child.stdout);
    const stderr = collect(child.stderr);
    if (call.streamPrefix !== undefined) this.#stream(child, call.streamPrefix);
    // A child that exits without reading its input closes the pipe: EPIPE is not our failure.
    child.stdin.on('error', () => {});
    child.stdin.end(call.input ?? '');
    try {
      // 'close' comes after the exit and after every pipe has closed, so the output is complete.
      const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null } | { error: Error }>((resolve) => {
        child.once('error', (error) => resolve({ error }));
        child.once('close', (code, signal) => resolve({ code, signal }));
      });
      const durationMs = performance.now() - start;
      if (stopped === 'canceled') {
        this.interrupted.push(command);
        throw this.#o.signal.reason instanceof Error ? this.#o.signal.reason : new InterruptedError(command);
      }
      if (stopped === 'dropped') throw call.signal?.reason instanceof Error ? call.signal.reason : new Error(`${command} was stopped`);
      if (stopped === 'timeout') {
        throw new JetscaleError(`${command} timed out after ${formatMs(timeout)}`, { code: 'E_TIMEOUT', exitCode: ExitCode.taskFailed, hint: 'raise --timeout or check why the command hangs' });
      }
      if ('error' in exit) {
        throw new JetscaleError(`could not run ${command}: ${exit.error.message}`, { code: 'E_SPAWN', exitCode: ExitCode.precondition });
      }
      // Killed by a signal we did not send: report it the way a shell does (128 + signal number).
      const exitCode = exit.code ?? 128 + (exit.signal ? constants.signals[exit.signal] : 0);
      return { command, exitCode, stdout: stdout(), stderr: stderr(), durationMs, dryRun: false, ...(exit.code === null && exit.signal ? { signal: exit.signal } : {}) };
    } finally {
      clearTimeout(deadline);
      clearTimeout(forceKill);
      this.#o.signal.removeEventListener('abort', onAbort);
      call.signal?.removeEventListener('abort', onDrop);
      this.#running.delete(handle);
      if (this.#running.size === 0) LIVE.delete(this);
    }
  }

  #stream(child: { stdout: NodeJS.ReadableStream | null; stderr: NodeJS.ReadableStream | null }, prefix: string): void {
    for (const stream of [child.stdout, child.stderr]) onLines(stream, (line) => this.#o.out.info(`${prefix}${line}`));
  }
}

/** Buffers a pipe's bytes and decodes them once (a multi-byte character may straddle two chunks). */
function collect(stream: NodeJS.ReadableStream): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return () => Buffer.concat(chunks).toString('utf8');
}
