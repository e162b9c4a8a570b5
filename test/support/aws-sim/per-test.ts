// One simulator and real SDK clients per test, stopped after each test: the set-up every simulator test shares.
import { afterEach } from 'vitest';
import { startAwsSim, type AwsSim, type AwsSimOptions } from './index.js';
import { simClients, type SimClients } from './sdk-clients.js';

/** The example fixture (a pr-7 environment). */
export const EXAMPLE_FIXTURE = new URL('./fixtures/example.yaml', import.meta.url).pathname;

/** Registers an afterEach that stops what the returned `start` booted; `bind` hands the sim and clients to the test file. */
export function simPerTest(bind: (sim: AwsSim, c: SimClients) => void): (opts?: AwsSimOptions) => Promise<void> {
  let current: { sim: AwsSim; c: SimClients } | undefined;
  afterEach(async () => {
    if (!current) return;
    const { sim, c } = current;
    current = undefined;
    c.destroy();
    await sim.stop();
  });
  return async (opts) => {
    const sim = await startAwsSim(opts);
    current = { sim, c: simClients(sim) };
    bind(current.sim, current.c);
  };
}
