// The run's long-running processes (port-forwards, `tilt up`, `skaffold dev`, simulators): each is declared to
// the effect gate, started in its own process group, awaited until ready, and stopped with the run. Ctrl-C,
// SIGTERM (via the run's AbortSignal), an error or a normal exit end in `stopAll()`; nothing outlives the CLI.
import type { Effect, EffectGate, EffectRecord } from '../core/effects.js';
import { JetscaleError } from '../core/errors.js';
import { formatMs, type Output } from '../core/output.js';
import type { Secrets } from '../core/secrets.js';
import { ProcessHandle } from './process-handle.js';
import { describeReady, waitReady, type NotReady, type ReadyCheck } from './readiness.js';
import { formatCommand } from './transcript.js';

export type { ProcessExit } from './process-handle.js';
export { ProcessHandle } from './process-handle.js';
export type { ReadyCheck } from './readiness.js';

/** What to start and how to know it is ready. */
export interface ProcessSpec {
  file: string;
  tool: string;
  args: readonly string[];
  effect: Effect;
  /** Transcript operation (default: the tool and its first non-flag argument). */
  operation?: string;
  env?: Readonly<Record<string, string>>;
  /** Secret environment values: passed to the child, registered for redaction. */
  secretEnv?: Readonly<Record<string, string>>;
  cwd?: string;
  /** Log prefix for its output lines (default `[tool] `). */
  prefix?: string;
  /** Without one, the process counts as ready once started. */
  ready?: ReadyCheck;
  /** Readiness deadline (default 60 s). */
  readyTimeoutMs?: number;
  /** SIGTERM → SIGKILL grace for this process (default: the group's). */
  graceMs?: number;
}

/** The typed answer under --dry-run for a write: recorded, not started. */
export interface SkippedProcess {
  readonly skipped: true;
  readonly record: EffectRecord;
  readonly command: string;
  stop(): Promise<void>;
}

/** The run's plumbing a process group needs (the same gate, output and secrets as the executor). */
export interface ProcessGroupOptions {
  gate: EffectGate;
  out: Output;
  secrets: Secrets;
  /** The run's signal: when it aborts, every process is stopped. */
  signal: AbortSignal;
  baseEnv: Readonly<Record<string, string | undefined>>;
  /** SIGTERM → SIGKILL grace (default 5 s). */
  graceMs?: number;
  /** `--timeout`: when given it replaces every readiness deadline (the user's explicit choice wins). */
  timeoutOverrideMs?: number;
}

const DEFAULT_READY_MS = 60_000;
const DEFAULT_GRACE_MS = 5_000;

/** Owns every long-running process of one run. */
export class ProcessGroup {
  readonly #o: ProcessGroupOptions;
  readonly #handles = new Set<ProcessHandle>();
  readonly #onExit = () => this.killAll();

  constructor(options: ProcessGroupOptions) {
    this.#o = options;
    options.signal.addEventListener('abort', () => void this.stopAll(), { once: true });
  }

  /** Command lines of the processes still running (for the Ctrl-C message). */
  get running(): string[] {
    return [...this.#handles].map((h) => h.command);
  }

  /** Declares, starts and awaits readiness; a write under --dry-run is recorded and answered with a skip. */
  async start(spec: ProcessSpec): Promise<ProcessHandle | SkippedProcess> {
    const { gate, out, secrets, signal } = this.#o;
    for (const v of Object.values(spec.secretEnv ?? {})) secrets.add(v);
    const command = secrets.redact(formatCommand(spec.tool, spec.args));
    const operation = spec.operation ?? (spec.args[0] && !spec.args[0].startsWith('-') ? `${spec.tool} ${spec.args[0]}` : spec.tool);
    const admission = gate.admit({ channel: 'process', operation, target: command, command, tool: spec.tool, effect: spec.effect });
    if (!admission.run) {
      out.info(`${out.c.yellow('dry-run')} would start (${spec.effect}): ${command}`);
      return { skipped: true, record: admission.skipped.record, command, stop: async () => undefined };
    }
    if (signal.aborted) {
      admission.done({ error: 'interrupted before it started' });
      throw signal.reason;
    }
    const prefix = spec.prefix ?? `[${spec.tool}] `;
    const handle = new ProcessHandle({
      file: spec.file,
      args: spec.args,
      env: { ...this.#o.baseEnv, ...spec.env, ...spec.secretEnv },
      ...(spec.cwd ? { cwd: spec.cwd } : {}),
      command,
      log: (line) => out.info(`${prefix}${line}`),
      graceMs: spec.graceMs ?? this.#o.graceMs ?? DEFAULT_GRACE_MS,
      onGone: () => this.#untrack(handle),
    });
    this.#track(handle);
    out.debug(`$ ${command} &`);
    let ready = false;
    let failure: string | undefined;
    void handle.exited.then((exit) => {
      failure ??= exit.spawnError?.message;
      admission.done({ ...(exit.code !== null ? { exitCode: exit.code } : {}), failed: failure !== undefined || (!exit.stopped && exit.code !== 0), ...(failure ? { error: failure } : {}) });
      if (ready && !exit.stopped) out.warn(`${command} exited on its own (${exitText(exit)})`);
    });
    const spawnError = await handle.spawned;
    if (spawnError) throw new JetscaleError(`could not start ${command}: ${spawnError.message}`, { code: 'E_SPAWN', hint: `check that ${spec.tool} is installed and executable` });
    const start = performance.now();
    const readyMs = this.#o.timeoutOverrideMs ?? spec.readyTimeoutMs ?? DEFAULT_READY_MS;
    const notReady = spec.ready ? await waitReady(handle, spec.ready, readyMs, signal) : undefined;
    if (!notReady) {
      ready = true;
      if (spec.ready) out.debug(`${command} ready in ${formatMs(performance.now() - start)}`);
      return handle;
    }
    failure = notReady.kind === 'aborted' ? 'interrupted before it was ready' : notReady.kind === 'deadline' ? 'not ready before its deadline' : 'exited before it was ready';
    await handle.stop();
    throw this.#notReadyError(handle, spec, notReady, readyMs);
  }

  /** Stops every process in parallel (SIGTERM, then SIGKILL after the grace period); safe to call again. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.#handles].map((h) => h.stop()));
  }

  /** SIGKILL to every process group at once, synchronously: the forced second Ctrl-C and `process.exit`. */
  killAll(): void {
    for (const h of this.#handles) h.kill();
  }

  // A handle leaves the group only once its whole process group is gone (`onGone`, after `stop`); a leader that
  // exits by itself is stopped too, so whatever it left behind goes with it.
  #track(handle: ProcessHandle): void {
    if (this.#handles.size === 0) process.on('exit', this.#onExit);
    this.#handles.add(handle);
    void handle.exited.then(() => handle.stop());
  }

  #untrack(handle: ProcessHandle): void {
    this.#handles.delete(handle);
    if (this.#handles.size === 0) process.off('exit', this.#onExit);
  }

  #notReadyError(handle: ProcessHandle, spec: ProcessSpec, why: NotReady, readyMs: number): unknown {
    if (why.kind === 'aborted') return why.reason;
    const waitingFor = spec.ready ? describeReady(spec.ready) : 'readiness';
    const tail = this.#o.secrets.redact(handle.tail());
    const message =
      why.kind === 'deadline'
        ? `${handle.command} was not ready after ${formatMs(readyMs)} (waiting for ${waitingFor}); it was stopped`
        : `${handle.command} exited (${exitText(why)}) before it was ready (waiting for ${waitingFor})`;
    return new JetscaleError(message, { code: 'E_NOT_READY', hint: 'read its last output lines; if it is only slow to start, raise the readiness deadline', ...(tail ? { tail } : {}) });
  }
}

function exitText(e: { code: number | null; signal: NodeJS.Signals | null }): string {
  return e.code !== null ? `exit code ${e.code}` : `signal ${e.signal ?? 'unknown'}`;
}
