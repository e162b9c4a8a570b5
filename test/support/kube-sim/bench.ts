// Start/stop cost of the simulator and a 5,000-object list through the real client; the certificate is made before timing.
import { CoreV1Api } from '@kubernetes/client-node';
import { startKubeSim } from './index.js';

function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length / 2;
  const m = s.length % 2 ? (s[Math.floor(mid)] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
  return Number(m.toFixed(2));
}

/** Median of 20 start+stop cycles, and median of 7 lists of `objects` ConfigMaps with client-node (0 = skip), in ms. */
export async function benchKubeSim(objects = 5000): Promise<{ startStopMs: number; listMs: number; objects: number }> {
  await (await startKubeSim()).stop(); // warm-up: certificate generation and module loading
  const samples: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    const sim = await startKubeSim();
    await sim.stop();
    samples.push(performance.now() - t0);
  }
  if (objects === 0) return { startStopMs: median(samples), listMs: 0, objects };
  const sim = await startKubeSim();
  try {
    for (let i = 0; i < objects; i++) {
      sim.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'default', labels: { app: 'bench' } }, data: { k: 'v'.repeat(100) } });
    }
    const core = sim.kubeConfig().makeApiClient(CoreV1Api);
    await core.listNamespacedConfigMap({ namespace: 'default' });
    const lists: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      const l = await core.listNamespacedConfigMap({ namespace: 'default' });
      if (l.items.length !== objects) throw new Error(`kube-sim bench: listed ${l.items.length} of ${objects}`);
      lists.push(performance.now() - t0);
    }
    return { startStopMs: median(samples), listMs: median(lists), objects };
  } finally {
    await sim.stop();
  }
}
