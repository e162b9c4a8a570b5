// The safety property of the cleanup: over generated inventories mixing the target environment, look-alike PR
// environments (pr-1 / pr-12 / pr-123), production with the same tag keys, protected, untagged and one-signal
// resources, with faults armed (throttling, 5xx, ResourceInUse, stale reads, and now and then a delete that is
// always denied), `--apply` deletes every resource of the target that has two signals and nothing else —
// asserted on the simulator's final state, never on the plan. Each worker thread owns a simulator and runs a
// slice of the cases. JETSCALE_PROPERTY_RUNS raises the count, JETSCALE_PROPERTY_SEED replays a run,
// JETSCALE_PROPERTY_WORKERS sets the threads.
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseFailure } from './support/property-cases.js';

const RUNS = Number(process.env.JETSCALE_PROPERTY_RUNS ?? 1000);
const SEED = Number(process.env.JETSCALE_PROPERTY_SEED ?? Date.now() % 2 ** 31);
const WORKERS = Math.max(1, Number(process.env.JETSCALE_PROPERTY_WORKERS ?? 2));
const BATCH = 125;

interface Reply { ready?: boolean; failures?: CaseFailure[]; error?: string }

/** A worker and a way to ask it for one slice. */
function spawn(): { ready: Promise<void>; run: (from: number, to: number) => Promise<CaseFailure[]>; stop: () => Promise<void>; worker: Worker } {
  const worker = new Worker(new URL('./support/property-worker.mjs', import.meta.url));
  let pending: ((r: Reply) => void) | undefined;
  let onReady!: () => void;
  let onBroken!: (e: Error) => void;
  const ready = new Promise<void>((resolve, reject) => ((onReady = resolve), (onBroken = reject)));
  worker.on('message', (r: Reply) => (r.ready ? onReady() : pending?.(r)));
  worker.on('error', (e) => (onBroken(e), pending?.({ error: e.stack ?? e.message })));
  return {
    worker,
    ready,
    run: (from, to) => new Promise<CaseFailure[]>((resolve, reject) => {
      pending = (r) => (r.error ? reject(new Error(r.error)) : resolve(r.failures ?? []));
      worker.postMessage({ seed: SEED, from, to });
    }),
    stop: async () => {
      worker.postMessage('stop');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

function explain(f: CaseFailure): string {
  return [
    `case ${f.index} of seed ${f.seed} (replay: JETSCALE_PROPERTY_SEED=${f.seed}), target ${f.target}: ${f.problem}`,
    `  deleted but not the target's: ${f.unexpectedlyDeleted.join(', ') || '-'}`,
    `  the target's but kept: ${f.wronglyKept.join(', ') || '-'}`,
    `  always-denied deletes: ${f.denied.join(', ') || '-'}`,
    `  inventory: ${f.inventory.slice(0, 3000)}`,
  ].join('\n');
}

const workers: Array<ReturnType<typeof spawn>> = [];
beforeAll(async () => {
  for (let i = 0; i < WORKERS; i++) workers.push(spawn());
  await Promise.all(workers.map((w) => w.ready));
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
});

describe(`cleanup safety property: ${RUNS} inventories, seed ${SEED}, ${WORKERS} worker(s)`, () => {
  const batches = Math.ceil(RUNS / BATCH);
  for (let b = 0; b < batches; b++) {
    const from = b * BATCH;
    const to = Math.min(RUNS, from + BATCH);
    it(`inventories ${from}–${to - 1}: --apply deletes exactly the target's two-signal resources`, async () => {
      const step = Math.ceil((to - from) / workers.length);
      const slices = workers.map((w, i) => w.run(from + i * step, Math.min(to, from + (i + 1) * step)));
      const failures = (await Promise.all(slices)).flat();
      expect(failures.map(explain), `seed ${SEED}`).toEqual([]);
    }, 120_000);
  }
});
