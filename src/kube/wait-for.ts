// Waiting with a deadline: poll a read until a predicate holds, honouring cancellation, and fail with a message that
// names what was awaited and what was last seen. Polling works on every API server and needs no watch bookkeeping
// (resourceVersion expiry, reconnects); the waits jetscale does are seconds apart, so a watch would buy little.
import { InterruptedError, JetscaleError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { formatMs } from '../core/output.js';
import { isKubeApiTransient, describeObservation } from './observe.js';

/** How long and how often to poll, and what the wait is for (it names the wait in errors). */
export interface WaitOptions<T> {
  deadlineMs: number;
  /** Pause between reads (default 1 s; never past the deadline). */
  intervalMs?: number;
  signal?: AbortSignal;
  /** `deployment pr-7/api to become Available`. */
  what: string;
  /** Renders the last observed value for the timeout message (default: its status conditions, or JSON). */
  describe?: (value: T) => string;
  /** Errors to keep polling through (default: 429, 5xx, timeouts and an unreachable API server). */
  retryOn?: (error: unknown) => boolean;
}

/** Raised when the deadline passes before the predicate held. */
export class WaitTimeoutError extends JetscaleError {
  readonly what: string;
  readonly lastObserved: string;
  constructor(what: string, deadlineMs: number, attempts: number, lastObserved: string) {
    super(`timed out after ${formatMs(deadlineMs)} waiting for ${what}; last observed (${attempts} reads): ${lastObserved}`, {
      code: 'E_KUBE_WAIT_TIMEOUT',
      exitCode: ExitCode.taskFailed,
      hint: 'look at the last observed state and the namespace events (jetscale diagnose) to see why it is not ready',
    });
    this.name = 'WaitTimeoutError';
    this.what = what;
    this.lastObserved = lastObserved;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

function interrupted(signal: AbortSignal, what: string): Error {
  return signal.reason instanceof Error ? signal.reason : new InterruptedError(`waiting for ${what}`);
}

/** Polls `read` until `predicate` holds; each read gets a signal that fires at the deadline or on cancellation. */
export async function waitFor<T>(read: (signal: AbortSignal) => Promise<T>, predicate: (value: T) => boolean, o: WaitOptions<T>): Promise<T> {
  const outer = o.signal ?? new AbortController().signal;
  const deadline = AbortSignal.timeout(o.deadlineMs);
  const either = AbortSignal.any([outer, deadline]);
  const end = performance.now() + o.deadlineMs;
  const retryOn = o.retryOn ?? isKubeApiTransient;
  let last = 'nothing yet';
  let attempts = 0;
  for (;;) {
    if (outer.aborted) throw interrupted(outer, o.what);
    attempts++;
    try {
      const value = await read(either);
      if (predicate(value)) return value;
      last = o.describe ? o.describe(value) : describeObservation(value);
    } catch (error) {
      if (outer.aborted) throw interrupted(outer, o.what);
      // A read cut off by the deadline is a timeout, whatever error the transport made of it.
      if (!deadline.aborted && !retryOn(error)) throw error;
      if (!deadline.aborted) last = `error: ${error instanceof Error ? error.message : String(error)}`;
    }
    const left = end - performance.now();
    if (left <= 0 || deadline.aborted) throw new WaitTimeoutError(o.what, o.deadlineMs, attempts, last);
    await sleep(Math.min(o.intervalMs ?? 1000, left), either);
    if (outer.aborted) throw interrupted(outer, o.what);
    if (deadline.aborted) throw new WaitTimeoutError(o.what, o.deadlineMs, attempts, last);
  }
}
