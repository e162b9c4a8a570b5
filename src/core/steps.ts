// The step model: deploy, destroy and the local loops are sequences of named steps, each with a deadline and
// a retry policy that says what it retries on and how often; every outcome is timed, reported and journaled.
import { JetscaleError, isInterrupt } from './errors.js';
import type { Reporter } from './events.js';
import { ExitCode } from './exit-codes.js';
import type { Journal } from './journal.js';

export interface RetryPolicy {
  /** Total attempts, including the first (≥ 1). */
  attempts: number;
  /** What is retried, in words, for the STEP_RETRY event (e.g. "ResourceInUse while the ALB drains"). */
  on: string;
  retryable: (error: unknown) => boolean;
  /** Wait before attempt n+1 (n starts at 1). */
  delayMs: (attempt: number) => number;
}

export interface Step<T = unknown> {
  name: string;
  /** The step's own deadline; `--timeout` replaces it. */
  deadlineMs: number;
  retry?: RetryPolicy;
  /** The signal aborts on Ctrl-C and at the deadline. */
  run: (signal: AbortSignal, attempt: number) => Promise<T>;
}

export type StepStatus = 'ok' | 'failed' | 'skipped';

export interface StepOutcome {
  name: string;
  status: StepStatus;
  durationMs: number;
  attempts: number;
  error?: string;
}

export interface RunStepsOptions {
  reporter: Reporter;
  signal: AbortSignal;
  journal?: Journal;
  /** Resume: steps before this one are skipped; they must have finished ok in the journal. */
  from?: string;
  /** `--timeout`: replaces every step's deadline. */
  deadlineOverrideMs?: number;
  now?: () => Date;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Runs steps in order, failing fast; returns every outcome (a failed step's error is rethrown after journaling). */
export async function runSteps(steps: readonly Step[], opts: RunStepsOptions): Promise<StepOutcome[]> {
  const names = steps.map((s) => s.name);
  const start = opts.from === undefined ? 0 : names.indexOf(opts.from);
  if (start < 0) throw new JetscaleError(`--from ${opts.from}: no such step`, { code: 'E_USAGE', exitCode: ExitCode.usage, hint: `steps: ${names.join(', ')}` });
  const missing = names.slice(0, start).filter((n) => opts.journal?.entry(n)?.status !== 'ok');
  if (missing.length > 0) {
    throw new JetscaleError(`cannot resume from ${opts.from}: ${missing.join(', ')} did not finish in an earlier run`, { code: 'E_JOURNAL', exitCode: ExitCode.precondition, hint: `re-run without --from, or with --from ${missing[0]}` });
  }
  const outcomes: StepOutcome[] = [];
  for (const step of steps.slice(0, start)) {
    opts.reporter.event({ code: 'STEP_SKIPPED', level: 'info', step: step.name, message: `${step.name}: done in an earlier run (resuming with --from ${opts.from})` });
    outcomes.push({ name: step.name, status: 'skipped', durationMs: 0, attempts: 0 });
  }
  for (const step of steps.slice(start)) outcomes.push(await runOne(step, opts));
  return outcomes;
}

async function runOne(step: Step, opts: RunStepsOptions): Promise<StepOutcome> {
  const deadline = opts.deadlineOverrideMs ?? step.deadlineMs;
  const began = performance.now();
  const policy = step.retry ?? { attempts: 1, on: '', retryable: () => false, delayMs: () => 0 };
  let attempt = 0;
  const finish = async (status: StepStatus, error?: unknown): Promise<StepOutcome> => {
    const outcome: StepOutcome = { name: step.name, status, durationMs: Math.round(performance.now() - began), attempts: attempt, ...(error ? { error: errorText(error) } : {}) };
    // A journal that cannot be written costs only the ability to resume; it never turns a done step into a failed one.
    await opts.journal?.record({ ...outcome, finishedAt: (opts.now?.() ?? new Date()).toISOString() }).catch((e: unknown) => {
      opts.reporter.event({ code: 'TASK_WARN', level: 'warn', step: step.name, message: `${step.name}: the step journal could not be written (${errorText(e)}); --from cannot resume past this step` });
    });
    return outcome;
  };
  opts.reporter.event({ code: 'STEP_START', level: 'debug', step: step.name, message: `${step.name}: deadline ${deadline} ms` });
  return opts.reporter.step(step.name, async () => {
    const deadlineSignal = AbortSignal.timeout(deadline);
    const signal = AbortSignal.any([opts.signal, deadlineSignal]);
    for (;;) {
      attempt += 1;
      try {
        await raceAbort(step.run(signal, attempt), signal);
        opts.reporter.event({ code: 'STEP_OK', level: 'debug', step: step.name, message: `${step.name}: ok after ${attempt} attempt(s)` });
        return await finish('ok');
      } catch (error) {
        if (isInterrupt(opts.signal)) throw opts.signal.reason;
        const failure = deadlineSignal.aborted ? deadlineError(step.name, deadline) : error;
        const retry = !deadlineSignal.aborted && attempt < policy.attempts && policy.retryable(error);
        if (!retry) {
          opts.reporter.event({ code: deadlineSignal.aborted ? 'STEP_DEADLINE' : 'STEP_FAILED', level: 'error', step: step.name, message: `${step.name}: ${errorText(failure)}` });
          await finish('failed', failure);
          throw failure;
        }
        const wait = policy.delayMs(attempt);
        opts.reporter.event({ code: 'STEP_RETRY', level: 'warn', step: step.name, message: `${step.name}: attempt ${attempt}/${policy.attempts} failed (${policy.on}); retrying in ${wait} ms: ${errorText(error)}` });
        await (opts.sleep ?? sleep)(wait, signal).catch(() => undefined);
        if (deadlineSignal.aborted) {
          await finish('failed', deadlineError(step.name, deadline));
          throw deadlineError(step.name, deadline);
        }
      }
    }
  });
}

/** Rejects as soon as the signal aborts, even if the step ignores its signal. */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function deadlineError(step: string, ms: number): JetscaleError {
  return new JetscaleError(`step ${step} ran past its deadline of ${ms} ms and was stopped`, { code: 'E_STEP_DEADLINE', exitCode: ExitCode.taskFailed, hint: 'look at the step log above for what it waited on; raise the deadline with --timeout if it is just slow' });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => (clearTimeout(t), reject(signal.reason));
    // The listener goes when the timer fires: a step retried thousands of times must not pile them up.
    const t = setTimeout(() => (signal.removeEventListener('abort', onAbort), resolve()), ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
