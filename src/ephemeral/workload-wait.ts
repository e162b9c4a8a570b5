// Reading and waiting for a controller Deployment (ESO, the AWS Load Balancer Controller) through the shared health
// model, so "available" means the same here as in the gate and in diagnose.
import { computeHealth, withKind } from '../health/compute.js';
import type { Health } from '../health/status.js';
import { isKubeNotFound, waitFor, type KubeClient } from '../kube/index.js';

/** The health of one Deployment; a missing one is NotFound. */
export async function deploymentHealthOf(kube: KubeClient, namespace: string, name: string, now: Date): Promise<Health> {
  try {
    const dep = await kube.getDeployment(namespace, name);
    return computeHealth(withKind(dep as never, 'apps/v1', 'Deployment'), now);
  } catch (error) {
    if (isKubeNotFound(error)) return computeHealth(undefined, now);
    throw error;
  }
}

/** Polls until the Deployment is Current; a Failed verdict (ProgressDeadlineExceeded) ends the wait at once. */
export async function waitForDeployment(kube: KubeClient, namespace: string, name: string, o: { deadlineMs: number; intervalMs?: number; signal: AbortSignal }): Promise<Health> {
  return waitFor(
    () => deploymentHealthOf(kube, namespace, name, new Date()),
    (h) => h.status === 'Current' || h.status === 'Failed',
    { deadlineMs: o.deadlineMs, intervalMs: o.intervalMs ?? 1000, signal: o.signal, what: `Deployment ${namespace}/${name} to become available`, describe: (h) => `${h.status} (${h.reason}: ${h.message})` },
  );
}
