// Start/stop cost of the simulator; the certificate is generated once before timing, as in a test file.
import { startKubeSim } from './index.js';

/** Median of 20 start+stop cycles, in milliseconds. */
export async function benchKubeSim(): Promise<{ startStopMs: number }> {
  await (await startKubeSim()).stop(); // warm-up: certificate generation and module loading
  const samples: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    const sim = await startKubeSim();
    await sim.stop();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { startStopMs: Number((((samples[9] ?? 0) + (samples[10] ?? 0)) / 2).toFixed(2)) };
}
