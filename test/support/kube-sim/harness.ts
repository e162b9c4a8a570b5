// Test helpers: real client-node API clients bound to a simulator, and error capture for ApiException assertions.
import {
  ApiException, AppsV1Api, AuthorizationV1Api, CoreV1Api, CustomObjectsApi, KubernetesObjectApi, NetworkingV1Api,
  PatchStrategy, setHeaderMiddleware, setHeaderOptions, type ConfigurationOptions,
} from '@kubernetes/client-node';
import type { KubeSim } from './sim.js';

/** One of each client the CLI uses, built from the simulator's KubeConfig. */
export function clientsFor(sim: KubeSim) {
  const kc = sim.kubeConfig();
  return {
    kc,
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    net: kc.makeApiClient(NetworkingV1Api),
    custom: kc.makeApiClient(CustomObjectsApi),
    authz: kc.makeApiClient(AuthorizationV1Api),
    objects: KubernetesObjectApi.makeApiClient(kc),
  };
}

/** Awaits a call that must fail and returns its ApiException (fails the test otherwise). */
export async function apiError(p: Promise<unknown>): Promise<ApiException<unknown>> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiException) return err;
    throw err;
  }
  throw new Error('expected the call to fail with an ApiException');
}

/** Parses the Status body client-node attaches to an ApiException. */
export function statusOf(err: ApiException<unknown>): Record<string, unknown> {
  return (typeof err.body === 'string' ? JSON.parse(err.body) : err.body) as Record<string, unknown>;
}

/** Call options selecting JSON merge patch (client-node defaults to JSON patch). */
export const mergePatch: ConfigurationOptions = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/** Call options that abort the request after `ms`, the way a caller's deadline would. */
export function withTimeout(ms: number): ConfigurationOptions {
  const base = setHeaderMiddleware('X-Kube-Sim-Test', 'timeout');
  return {
    middleware: [{ pre: (ctx) => { ctx.setSignal(AbortSignal.timeout(ms)); return base.pre(ctx); }, post: base.post }],
    middlewareMergeStrategy: 'append',
  };
}
