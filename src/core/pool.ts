// Bounded parallelism: map over items with at most `limit` in flight, results in input order.

/** Runs `fn` over `items` with at most `limit` concurrent calls; stops starting new ones once `signal` aborts. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>, signal?: AbortSignal): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      if (signal?.aborted) throw signal.reason;
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** A concurrency limit shared by calls made at any time: `run(fn)` waits for a free slot, so only the bounded part
 * of a job (a helm process) holds one, not the work that follows it. Waiters start in call order; once `signal`
 * aborts, waiting calls reject with its reason instead of starting. */
export function createLimiter(limit: number, signal?: AbortSignal): <R>(fn: () => Promise<R>) => Promise<R> {
  let active = 0;
  const waiting: Array<() => void> = [];
  const acquire = (): Promise<void> => {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (active < Math.max(1, limit)) {
      active += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => waiting.push(resolve)).then(() => {
      if (signal?.aborted) {
        release();
        throw signal.reason;
      }
    });
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };
  return async (fn) => {
    await acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  };
}
