// Pod: Ready=True is Current; a container stuck in a state that needs a change (bad image, missing secret, crash
// loop) is Failed at once; a pod that cannot be scheduled for longer than SCHEDULE_WINDOW_MS is Failed. kstatus
// reports a Failed pod phase as Current and reads the clock itself; here the phase fails and `now` is passed in.
import { ageMs, condition, num, record, str } from '../object.js';
import { current, failed, inProgress } from '../status.js';
import type { HealthObject } from '../object.js';
import type { KindRule } from './rule.js';

/** How long a pod may stay Unschedulable before it counts as Failed (the scheduler retries, autoscalers add nodes). */
export const SCHEDULE_WINDOW_MS = 120_000;

/** Waiting reasons the kubelet will not get out of without a change to the pod, its image or its secrets. */
export const STUCK_WAITING = new Set([
  'CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'CreateContainerConfigError', 'CreateContainerError', 'RunContainerError', 'ErrImageNeverPull',
]);

/** One container's state, as diagnose shows it. */
export interface ContainerState {
  container: string;
  init: boolean;
  ready: boolean;
  restarts: number;
  /** `waiting`, `running` or `terminated`. */
  state: string;
  reason?: string;
  message?: string;
  /** Why the previous instance ended (a crash loop shows Error/OOMKilled and its exit code here). */
  lastTerminated?: string;
}

/** The state of every container and init container of a pod. */
export function containerStates(pod: HealthObject): ContainerState[] {
  const status = record(pod.status);
  const read = (list: unknown, init: boolean): ContainerState[] =>
    (Array.isArray(list) ? list : []).map((raw) => {
      const c = record(raw);
      const state = record(c.state);
      // Client-library objects carry every state key, the absent ones as undefined.
      const [kind, detail] = Object.entries(state).find(([, v]) => v !== undefined && v !== null) ?? ['unknown', {}];
      const d = record(detail);
      const last = record(record(c.lastState).terminated);
      const exit = num(last.exitCode);
      return {
        container: str(c.name) ?? '?', init, ready: c.ready === true, restarts: num(c.restartCount) ?? 0, state: kind,
        ...(str(d.reason) ? { reason: str(d.reason) } : {}),
        ...(str(d.message) ? { message: str(d.message) } : {}),
        ...(str(last.reason) || exit !== undefined ? { lastTerminated: `${str(last.reason) ?? 'terminated'}${exit !== undefined ? ` (exit ${exit})` : ''}` } : {}),
      };
    });
  return [...read(status.initContainerStatuses, true), ...read(status.containerStatuses, false)];
}

const describe = (c: ContainerState) =>
  `container ${c.container}: ${c.reason ?? c.state}${c.message ? ` (${c.message})` : ''}${c.restarts ? `, ${c.restarts} restart(s)` : ''}${c.lastTerminated ? `, last exit ${c.lastTerminated}` : ''}`;

/** Judges a Pod (v1). */
export const podHealth: KindRule = (obj, now) => {
  const status = record(obj.status);
  const phase = str(status.phase);
  if (phase === 'Succeeded') return current('Completed', 'pod ran to completion');
  if (phase === 'Failed') return failed('PodFailed', `pod failed${str(status.reason) ? `: ${str(status.reason)}` : ''}${str(status.message) ? ` (${str(status.message)})` : ''}`);
  const containers = containerStates(obj);
  const stuck = containers.find((c) => c.state === 'waiting' && c.reason !== undefined && STUCK_WAITING.has(c.reason));
  if (stuck) return failed(stuck.reason!, describe(stuck));
  const scheduled = condition(obj, 'PodScheduled');
  if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
    const waited = ageMs(scheduled.lastTransitionTime, now);
    const msg = `unschedulable${scheduled.message ? `: ${scheduled.message}` : ''}`;
    return waited !== undefined && waited > SCHEDULE_WINDOW_MS ? failed('Unschedulable', msg) : inProgress('Unschedulable', msg);
  }
  if (condition(obj, 'Ready')?.status === 'True') return current('Ready', 'all containers ready');
  const notReady = containers.filter((c) => !c.ready && !(c.init && c.state === 'terminated' && c.reason === 'Completed'));
  if (notReady.length > 0) return inProgress('ContainersNotReady', notReady.map(describe).join('; '));
  return inProgress('NotReady', `pod is ${phase ?? 'in an unknown phase'} and not Ready`);
};
