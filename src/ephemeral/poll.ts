// Waiting: exponential backoff between polls, always under a signal (the step's deadline or Ctrl-C).

/** Poll and retry pacing; tests shrink these to milliseconds. */
export interface Pacing {
  /** First wait between polls / retries. */
  firstMs: number;
  /** Longest wait between polls / retries. */
  maxMs: number;
}

/** Real-world pacing: 250 ms doubling up to 15 s (an EKS nodegroup takes minutes; a target group seconds). */
export const DEFAULT_PACING: Pacing = { firstMs: 250, maxMs: 15_000 };

/** The wait before attempt `n + 1` (n starts at 1). */
export function backoffMs(p: Pacing, attempt: number): number {
  return Math.min(p.maxMs, p.firstMs * 2 ** Math.max(0, attempt - 1));
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => (clearTimeout(t), reject(signal.reason));
    const t = setTimeout(() => (signal.removeEventListener('abort', onAbort), resolve()), ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Calls `done` until it answers true, waiting with backoff between calls; the signal bounds it. */
export async function pollUntil(done: () => Promise<boolean>, p: Pacing, signal: AbortSignal): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (await done()) return;
    await sleep(backoffMs(p, attempt), signal);
  }
}
