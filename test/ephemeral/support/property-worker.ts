// A worker thread running slices of the safety property against its own simulator (the test spreads the
// inventories over a few of these so 1,000 runs of the real SDK stay well under a minute).
import { parentPort } from 'node:worker_threads';
import { startAwsSim } from '../../support/aws-sim/index.js';
import { engine } from './engine.js';
import { runCases } from './property-cases.js';

const sim = await startAwsSim({ deletingReads: 0 });
const e = engine(sim);
parentPort!.on('message', (msg: { seed: number; from: number; to: number } | 'stop') => {
  if (msg === 'stop') {
    e.aws.destroy();
    void sim.stop().then(() => parentPort!.close());
    return;
  }
  runCases(sim, e, msg.seed, msg.from, msg.to).then(
    (failures) => parentPort!.postMessage({ failures }),
    (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? error.stack ?? error.message : String(error) }),
  );
});
parentPort!.postMessage({ ready: true });
