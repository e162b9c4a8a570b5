import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../src/core/pool.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('createLimiter', () => {
  it('never runs more than `limit` at once, starts waiters in call order, and frees a slot on failure', async () => {
    const slot = createLimiter(2);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    const results = await Promise.allSettled(
      Array.from({ length: 9 }, (_, i) =>
        slot(async () => {
          started.push(i);
          peak = Math.max(peak, ++active);
          await tick();
          active -= 1;
          if (i % 3 === 0) throw new Error(`job ${i}`);
          return i;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(3);
    expect(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))).toEqual([1, 2, 4, 5, 7, 8]);
  });

  it('after abort, waiting calls reject with the reason and never start', async () => {
    const controller = new AbortController();
    const slot = createLimiter(1, controller.signal);
    let release!: () => void;
    const ran: string[] = [];
    const first = slot(() => new Promise<void>((r) => (release = () => (ran.push('first'), r()))));
    const second = slot(async () => void ran.push('second'));
    await tick();
    controller.abort(new Error('stop'));
    release();
    await first;
    await expect(second).rejects.toThrow('stop');
    await expect(slot(async () => void ran.push('third'))).rejects.toThrow('stop');
    expect(ran).toEqual(['first']);
  });
});
