// Read hooks that script status the way controllers would write it: rollouts, crash loops, ESO sync, ALB hostnames.
import type { ReadHook } from './store.js';

type Rec = Record<string, unknown>;

/** "never", or the number of API reads before the state flips. */
export type After = number | 'never';

// Conditions carry a fixed timestamp so re-applying a hook is idempotent (no spurious resourceVersion bumps).
const T0 = '2024-01-01T00:00:00Z';

function cond(type: string, status: boolean, reason: string, message: string): Rec {
  return { type, status: status ? 'True' : 'False', reason, message, lastUpdateTime: T0, lastTransitionTime: T0 };
}

function flipped(after: After, reads: number): boolean {
  return after !== 'never' && (after === 0 || reads > after);
}

/** Deployment rollout: in progress for `after` reads, then available; "never" = ProgressDeadlineExceeded. */
export function deploymentHook(after: After): ReadHook {
  return (obj, reads) => {
    const spec = (obj.spec ?? {}) as Rec;
    const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
    const name = obj.metadata.name;
    const base = { observedGeneration: obj.metadata.generation, replicas, updatedReplicas: replicas };
    if (flipped(after, reads)) {
      obj.status = { ...base, readyReplicas: replicas, availableReplicas: replicas, conditions: [
        cond('Available', true, 'MinimumReplicasAvailable', 'Deployment has minimum availability.'),
        cond('Progressing', true, 'NewReplicaSetAvailable', `ReplicaSet "${name}" has successfully progressed.`),
      ] };
    } else {
      const failed = after === 'never';
      obj.status = { ...base, unavailableReplicas: replicas, conditions: [
        cond('Available', false, 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'),
        failed
          ? cond('Progressing', false, 'ProgressDeadlineExceeded', `ReplicaSet "${name}" has timed out progressing.`)
          : cond('Progressing', true, 'ReplicaSetUpdated', `ReplicaSet "${name}" is progressing.`),
      ] };
    }
  };
}

/** Ingress: empty load balancer status for `after` reads, then the ALB hostname. */
export function ingressHook(hostname: string, after: After): ReadHook {
  return (obj, reads) => {
    obj.status = { loadBalancer: flipped(after, reads) ? { ingress: [{ hostname }] } : {} };
  };
}

/** What `sim.externalSecretStatus` sets. */
export interface ExternalSecretState {
  ready: boolean;
  reason?: string;
  message?: string;
}

/** ExternalSecret Ready condition as ESO writes it (SecretSynced / SecretSyncedError). */
export function externalSecretHook(s: ExternalSecretState): ReadHook {
  const reason = s.reason ?? (s.ready ? 'SecretSynced' : 'SecretSyncedError');
  const message = s.message ?? (s.ready ? 'secret synced' : 'could not get secret data from provider');
  return (obj) => {
    obj.status = {
      ...(s.ready ? { refreshTime: T0, syncedResourceVersion: `1-${obj.metadata.generation ?? 1}` } : {}),
      conditions: [{ type: 'Ready', status: s.ready ? 'True' : 'False', reason, message, lastTransitionTime: T0 }],
    };
  };
}

/** What `sim.crashLoop` sets; logs are served by the pod log subresource. */
export interface CrashLoopState {
  container?: string;
  restartCount?: number;
  logs?: string;
  previousLogs?: string;
  exitCode?: number;
}

/** Pod stuck in CrashLoopBackOff: Running phase, waiting container, last state terminated with an error. */
export function crashLoopHook(s: CrashLoopState): ReadHook {
  return (obj) => {
    const containers = (((obj.spec ?? {}) as Rec).containers ?? []) as Rec[];
    const name = s.container ?? String(containers[0]?.name ?? 'app');
    const image = String(containers.find((c) => c.name === name)?.image ?? 'example/app:latest');
    const restartCount = s.restartCount ?? 5;
    obj.status = {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: [${name}]` }],
      containerStatuses: [{
        name, image, ready: false, started: false, restartCount,
        state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off 5m0s restarting failed container=${name} pod=${obj.metadata.name}` } },
        lastState: { terminated: { exitCode: s.exitCode ?? 1, reason: 'Error', startedAt: T0, finishedAt: T0 } },
      }],
    };
  };
}
