// The one effect gate: every side effect of a run (process, AWS call, Kubernetes request, file write) is declared
// here before it happens, and the gate alone decides whether it runs, is recorded without running (--dry-run),
// or is refused before anything leaves the process (a task may never exceed the effect class it declares).
import { JetscaleError } from './errors.js';
import { ExitCode } from './exit-codes.js';
import type { Secrets } from './secrets.js';

export type Effect = 'read' | 'write' | 'destroy';
/** `net`: DNS queries, TLS handshakes and HTTP probes of public endpoints (diagnose, the deploy gate). */
export type Channel = 'process' | 'aws' | 'kube' | 'file' | 'net';

/** What an adapter declares before it acts. */
export interface EffectDecl {
  channel: Channel;
  /** `helm template`, `elbv2:DeleteLoadBalancer`, `delete namespaces`, `write`. */
  operation: string;
  /** What it acts on: an ARN, `pr-7/deployments/api`, a file path, the command line. */
  target: string;
  effect: Effect;
  /** One line a human can read (and, for processes, paste): the redacted command line, `DELETE /api/v1/…`. */
  command?: string;
  /** For processes: the tool's display name. */
  tool?: string;
  /** An output the user asked for (a --junit report, the runner's step summary): it is still declared and
   * transcribed, but neither the ceiling nor --dry-run stops it, because it changes nothing jetscale manages. */
  output?: boolean;
}

export type EffectStatus = 'started' | 'ran' | 'recorded' | 'refused' | 'failed';

/** One transcript entry, the same shape on every channel (`--json` `transcript`, the `--dry-run` printout). */
export interface EffectRecord {
  seq: number;
  channel: Channel;
  operation: string;
  target: string;
  effect: Effect;
  /** `recorded`: not run because of --dry-run. `refused`: above the task's effect class. `failed`: ran and failed.
   * `started`: still running (or the run was interrupted while it ran). */
  status: EffectStatus;
  command: string;
  tool?: string;
  output?: boolean;
  exitCode?: number;
  durationMs?: number;
  error?: string;
}

/** The gate's verdict for a declared effect: run it now, or answer with a typed skip. */
export type Admission = { run: true; done: (r?: { exitCode?: number; error?: string; failed?: boolean }) => void } | { run: false; skipped: Skipped };

/** The typed answer to a write or destroy under --dry-run: nothing happened. */
export interface Skipped {
  readonly skipped: 'dry-run';
  readonly record: EffectRecord;
}

/** The outcome of a gated action: its value, or the dry-run skip. */
export type Performed<T> = { skipped: false; value: T } | { skipped: true; record: EffectRecord };

export interface EffectGateOptions {
  /** --dry-run: reads run; writes and destroys are recorded and answered with `Skipped`. */
  dryRun: boolean;
  /** The highest class the task declared: anything above it is refused before it is sent. */
  ceiling: Effect;
  /** Redacts targets and commands before they enter the transcript. */
  secrets?: Secrets;
  /** Who is asking (task id), for the refusal message. */
  taskId?: string;
  /** Called for every decision (the reporter shows `dry-run would …` lines and -v traces). */
  onRecord?: (record: EffectRecord) => void;
}

const RANK: Record<Effect, number> = { read: 0, write: 1, destroy: 2 };

/** True when `effect` is within `ceiling` (read < write < destroy). */
export function withinCeiling(effect: Effect, ceiling: Effect): boolean {
  return RANK[effect] <= RANK[ceiling];
}

/** Refused: a task tried an effect above its declared class. Thrown before the request leaves the process. */
export class EffectRefusedError extends JetscaleError {
  readonly record: EffectRecord;
  constructor(record: EffectRecord, ceiling: Effect, taskId: string | undefined) {
    const what = record.channel === 'process' ? 'command' : `${record.channel} call`;
    const task = ceiling === 'read' ? 'a read-only task' : 'a task that may not destroy';
    super(`refused to run a ${record.effect} ${what} in ${task}${taskId ? ` (${taskId})` : ''}: ${record.command}`, {
      code: 'E_READ_ONLY',
      exitCode: ExitCode.taskFailed,
      hint: ceiling === 'read' ? 'read-only tasks (diagnose:*, validate:*) never change anything; use the task that owns this change' : `declare the task ${record.effect} if it must do this`,
    });
    this.name = 'EffectRefusedError';
    this.record = record;
  }
}

/** Decides and records every side effect of one run. */
export class EffectGate {
  readonly transcript: EffectRecord[] = [];
  readonly #o: EffectGateOptions;

  constructor(options: EffectGateOptions) {
    this.#o = options;
  }

  get dryRun(): boolean {
    return this.#o.dryRun;
  }
  get ceiling(): Effect {
    return this.#o.ceiling;
  }

  /** What the gate would do with an effect of this class, without recording anything. */
  verdict(effect: Effect): 'run' | 'record' | 'refuse' {
    if (!withinCeiling(effect, this.#o.ceiling)) return 'refuse';
    return effect !== 'read' && this.#o.dryRun ? 'record' : 'run';
  }

  /** Declares an effect: throws `EffectRefusedError` (refused), returns a skip (dry-run) or a ticket to run it. */
  admit(decl: EffectDecl): Admission {
    const redact = (s: string) => this.#o.secrets?.redact(s) ?? s;
    const record: EffectRecord = {
      seq: this.transcript.length + 1,
      channel: decl.channel,
      operation: decl.operation,
      target: redact(decl.target),
      effect: decl.effect,
      status: 'ran',
      command: redact(decl.command ?? `${decl.operation} ${decl.target}`),
      ...(decl.tool ? { tool: decl.tool } : {}),
      ...(decl.output ? { output: true } : {}),
    };
    const verdict = decl.output && decl.channel === 'file' ? 'run' : this.verdict(decl.effect);
    if (verdict === 'refuse') {
      this.#push({ ...record, status: 'refused' });
      throw new EffectRefusedError(record, this.#o.ceiling, this.#o.taskId);
    }
    if (verdict === 'record') {
      const recorded: EffectRecord = { ...record, status: 'recorded' };
      this.#push(recorded);
      return { run: false, skipped: { skipped: 'dry-run', record: recorded } };
    }
    const entry: EffectRecord = { ...record, status: 'started' };
    this.#push(entry);
    const start = performance.now();
    let settled = false;
    return {
      run: true,
      done: (r = {}) => {
        if (settled) return;
        settled = true;
        entry.status = r.failed || r.error !== undefined ? 'failed' : 'ran';
        entry.durationMs = Math.round(performance.now() - start);
        if (r.exitCode !== undefined) entry.exitCode = r.exitCode;
        if (r.error !== undefined) entry.error = redact(r.error);
      },
    };
  }

  /** Declares and runs `action` through the gate; a failure is recorded as `failed` and rethrown. */
  async perform<T>(decl: EffectDecl, action: () => Promise<T>): Promise<Performed<T>> {
    const admission = this.admit(decl);
    if (!admission.run) return { skipped: true, record: admission.skipped.record };
    try {
      const value = await action();
      admission.done();
      return { skipped: false, value };
    } catch (error) {
      admission.done({ error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  #push(record: EffectRecord): void {
    record.seq = this.transcript.length + 1;
    this.transcript.push(record);
    this.#o.onRecord?.(record);
  }
}

/** True for the typed dry-run answer. */
export function isSkipped(value: unknown): value is Skipped {
  return typeof value === 'object' && value !== null && (value as { skipped?: unknown }).skipped === 'dry-run';
}
