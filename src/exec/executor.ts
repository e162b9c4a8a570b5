// The one executor for external processes: argv arrays only, explicit env, deadlines, dry-run, redaction.
import type { Effect } from '../core/task-spec.js';
import type { Output } from '../core/output.js';
import type { Secrets } from '../core/secrets.js';
import { InterruptedError, JetscaleError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { formatMs } from '../core/output.js';
import { formatCommand, type TranscriptEntry } from './transcript.js';

export interface ExecCall {
  /** A resolved executable path or name (`ctx.tools.path('helm')` gives the path). */
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
}

export interface ExecResult {
  command: string;
  exitCode: number;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** True when the call was recorded under --dry-run and not run. */
  dryRun: boolean;
}

export interface ExecutorOptions {
  out: Output;
  secrets: Secrets;
  dryRun: boolean;
  /** Breakglass mode: any non-read call is refused before it is sent. */
  readOnly: boolean;
  signal: AbortSignal;
  baseEnv: Readonly<Record<string, string | undefined>>;
  /** `--timeout`: when given it overrides every per-call deadline (the user's explicit choice wins). */
  timeoutOverrideMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/** Runs external commands for one CLI run and keeps the transcript. */
export class Executor {
  readonly transcript: TranscriptEntry[] = [];
  /** Commands that were stopped by cancellation (for the final Ctrl-C line). */
  readonly interrupted: string[] = [];
  readonly #o: ExecutorOptions;
  readonly #running = new Set<{ command: string; kill: (signal: NodeJS.Signals) => void }>();

  constructor(options: ExecutorOptions) {
    this.#o = options;
  }

  /** Commands running right now (for the Ctrl-C message). */
  get running(): string[] {
    return [...this.#running].map((r) => r.command);
  }

  /** Kills every running child at once (second Ctrl-C). */
  killAll(): void {
    for (const r of this.#running) r.kill('SIGKILL');
  }

  /** Runs (or, for writes under --dry-run, records) one command. */
  async run(call: ExecCall): Promise<ExecResult> {
    const { secrets, out } = this.#o;
    for (const v of Object.values(call.secretEnv ?? {})) secrets.add(v);
    if (call.inputIsSecret) secrets.add(call.input);
    const command = secrets.redact(formatCommand(call.tool, call.args));
    if (call.effect !== 'read' && this.#o.readOnly) {
      this.transcript.push({ command, tool: call.tool, effect: call.effect, status: 'refused' });
      throw new JetscaleError(`refused to run a ${call.effect} command in a read-only task: ${command}`, {
        code: 'E_READ_ONLY',
        exitCode: ExitCode.taskFailed,
        hint: 'read-only tasks (diagnose:*) never change anything; use the task that owns this change',
      });
    }
    if (call.effect !== 'read' && this.#o.dryRun) {
      this.transcript.push({ command, tool: call.tool, effect: call.effect, status: 'recorded' });
      out.info(`${out.c.yellow('dry-run')} would run (${call.effect}): ${command}`);
      return { command, exitCode: 0, stdout: '', stderr: '', durationMs: 0, dryRun: true };
    }
    if (this.#o.signal.aborted) throw this.#o.signal.reason;
    out.debug(`$ ${command}`);
    const result = await this.#spawn(call, command);
    this.transcript.push({ command, tool: call.tool, effect: call.effect, status: 'ran', exitCode: result.exitCode, durationMs: result.durationMs });
    out.debug(`  exit ${result.exitCode} in ${formatMs(result.durationMs)}`);
    if (result.exitCode !== 0 && call.reject !== false) throw commandFailed(result, secrets);
    return result;
  }

  async #spawn(call: ExecCall, command: string): Promise<ExecResult> {
    const { execa } = await import('execa');
    const timeout = this.#o.timeoutOverrideMs ?? call.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const start = performance.now();
    const child = execa(call.file, [...call.args], {
      env: { ...this.#o.baseEnv, ...call.env, ...call.secretEnv },
      extendEnv: false,
      input: call.input ?? '',
      cwd: call.cwd,
      timeout,
      cancelSignal: this.#o.signal,
      forceKillAfterDelay: 3000,
      reject: false,
      stripFinalNewline: false,
      lines: false,
    });
    const handle = { command, kill: (s: NodeJS.Signals) => child.kill(s) };
    this.#running.add(handle);
    if (call.streamPrefix !== undefined) this.#stream(child, call.streamPrefix);
    try {
      const r = await child;
      const durationMs = performance.now() - start;
      if (r.isCanceled) this.interrupted.push(command);
      if (r.isCanceled) throw this.#o.signal.reason instanceof Error ? this.#o.signal.reason : new InterruptedError(command);
      if (r.timedOut) {
        throw new JetscaleError(`${command} timed out after ${formatMs(timeout)}`, { code: 'E_TIMEOUT', exitCode: ExitCode.taskFailed, hint: 'raise --timeout or check why the command hangs' });
      }
      if (r.failed && r.exitCode === undefined) {
        throw new JetscaleError(`could not run ${command}: ${r.shortMessage}`, { code: 'E_SPAWN', exitCode: ExitCode.precondition });
      }
      return { command, exitCode: r.exitCode ?? 1, stdout: String(r.stdout), stderr: String(r.stderr), durationMs, dryRun: false };
    } finally {
      this.#running.delete(handle);
    }
  }

  #stream(child: { stdout: NodeJS.ReadableStream | null; stderr: NodeJS.ReadableStream | null }, prefix: string): void {
    for (const stream of [child.stdout, child.stderr]) {
      let buffered = '';
      stream?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) this.#o.out.info(`${prefix}${line}`);
      });
      stream?.on('end', () => buffered && this.#o.out.info(`${prefix}${buffered}`));
    }
  }
}

function commandFailed(r: ExecResult, secrets: Secrets): JetscaleError {
  const tail = secrets.redact((r.stderr || r.stdout).trim().split('\n').slice(-20).join('\n'));
  return new JetscaleError(`${r.command} exited with code ${r.exitCode} after ${formatMs(r.durationMs)}${tail ? `\n${tail}` : ''}`, {
    code: 'E_COMMAND_FAILED',
    exitCode: ExitCode.taskFailed,
  });
}
