// computeHealth, table-driven with inline manifests (kstatus' status_compute_test.go shape): generic rules first,
// then one table per kind, and the places where jetscale fails closed where kstatus fails open.
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { HEALTH_STATUSES, aggregateHealth, computeHealth, type HealthObject, type HealthStatus } from '../../src/health/index.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const y = (text: string) => parse(text) as HealthObject;
type Row = [name: string, manifest: string, status: HealthStatus, reason: string];

function table(rows: Row[]) {
  it.each(rows)('%s', (_name, manifest, status, reason) => {
    const h = computeHealth(y(manifest), NOW);
    expect({ status: h.status, reason: h.reason }).toEqual({ status, reason });
    expect(h.message.length).toBeGreaterThan(0);
  });
}

const deploy = (spec: string, status: string, meta = '') => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api${meta}}\nspec: ${spec}\nstatus: ${status}`;

describe('generic rules', () => {
  table([
    ['deletionTimestamp → Terminating', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, deletionTimestamp: "2026-03-01T11:00:00Z"}', 'Terminating', 'Deleting'],
    ['generation not observed → InProgress', deploy('{replicas: 1}', '{observedGeneration: 1, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1}', ', generation: 2'), 'InProgress', 'LatestGenerationNotObserved'],
    ['Stalled=True → Failed', 'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata: {name: e}\nstatus: {conditions: [{type: Stalled, status: "True", reason: Broken, message: x}]}', 'Failed', 'Broken'],
    ['unknown kind → Unknown (kstatus says Current)', 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}', 'Unknown', 'UnsupportedKind'],
    ['no apiVersion/kind → Unknown', 'metadata: {name: x}', 'Unknown', 'NoKind'],
  ]);
  it('a missing object is NotFound', () => expect(computeHealth(undefined, NOW).status).toBe('NotFound'));
  it('the status list is the union', () => expect(HEALTH_STATUSES).toEqual(['Current', 'InProgress', 'Failed', 'Terminating', 'NotFound', 'Unknown']));
});

describe('Deployment', () => {
  table([
    ['all available', deploy('{replicas: 2}', '{replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2, conditions: [{type: Available, status: "True"}]}'), 'Current', 'Available'],
    ['replicas default to 1', deploy('{}', '{replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1}'), 'Current', 'Available'],
    ['scaled to zero', deploy('{replicas: 0}', '{}'), 'Current', 'ScaledToZero'],
    ['rolling out', deploy('{replicas: 3}', '{replicas: 3, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3}'), 'InProgress', 'RolloutInProgress'],
    ['old replicas left', deploy('{replicas: 2}', '{replicas: 3, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2}'), 'InProgress', 'OldReplicasPending'],
    ['not ready', deploy('{replicas: 2}', '{replicas: 2, updatedReplicas: 2, readyReplicas: 0, availableReplicas: 0}'), 'InProgress', 'TooFewReady'],
    ['ProgressDeadlineExceeded → Failed', deploy('{replicas: 2}', '{replicas: 2, updatedReplicas: 2, conditions: [{type: Progressing, status: "False", reason: ProgressDeadlineExceeded, message: "ReplicaSet api-1 has timed out progressing."}]}'), 'Failed', 'ProgressDeadlineExceeded'],
    ['ReplicaFailure → Failed', deploy('{replicas: 1}', '{conditions: [{type: ReplicaFailure, status: "True", reason: FailedCreate, message: quota}]}'), 'Failed', 'ReplicaFailure'],
  ]);
});

const pod = (status: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: api-1}\nstatus: ${status}`;
describe('Pod', () => {
  table([
    ['Ready', pod('{phase: Running, conditions: [{type: Ready, status: "True"}]}'), 'Current', 'Ready'],
    ['Succeeded', pod('{phase: Succeeded}'), 'Current', 'Completed'],
    ['phase Failed is Failed (kstatus: Current)', pod('{phase: Failed, reason: Evicted}'), 'Failed', 'PodFailed'],
    ['CrashLoopBackOff', pod('{phase: Running, containerStatuses: [{name: api, ready: false, restartCount: 7, state: {waiting: {reason: CrashLoopBackOff, message: back-off}}, lastState: {terminated: {reason: Error, exitCode: 1}}}]}'), 'Failed', 'CrashLoopBackOff'],
    ['missing secret', pod('{phase: Pending, containerStatuses: [{name: api, ready: false, restartCount: 0, state: {waiting: {reason: CreateContainerConfigError, message: secret "pr-7-db-secret" not found}}}]}'), 'Failed', 'CreateContainerConfigError'],
    ['image pull in init container', pod('{phase: Pending, initContainerStatuses: [{name: migrate, ready: false, restartCount: 0, state: {waiting: {reason: ImagePullBackOff}}}]}'), 'Failed', 'ImagePullBackOff'],
    ['unschedulable for a minute → InProgress', pod('{phase: Pending, conditions: [{type: PodScheduled, status: "False", reason: Unschedulable, lastTransitionTime: "2026-03-01T11:59:00Z"}]}'), 'InProgress', 'Unschedulable'],
    ['unschedulable for 10 minutes → Failed (now is passed in)', pod('{phase: Pending, conditions: [{type: PodScheduled, status: "False", reason: Unschedulable, lastTransitionTime: "2026-03-01T11:50:00Z"}]}'), 'Failed', 'Unschedulable'],
    ['running, not ready', pod('{phase: Running, containerStatuses: [{name: api, ready: false, restartCount: 0, state: {running: {}}}]}'), 'InProgress', 'ContainersNotReady'],
  ]);
  it('client-library objects (every state key present, absent ones undefined) read the same', () => {
    const h = computeHealth({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, status: { phase: 'Running', containerStatuses: [{ name: 'api', ready: false, restartCount: 3, state: { running: undefined, terminated: undefined, waiting: { reason: 'CrashLoopBackOff' } } }] } }, NOW);
    expect(h).toMatchObject({ status: 'Failed', reason: 'CrashLoopBackOff', message: expect.stringContaining('3 restart(s)') });
  });
});

describe('Ingress, Service, ExternalSecret, stores and simple kinds', () => {
  table([
    ['Ingress with an ALB hostname', 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nstatus: {loadBalancer: {ingress: [{hostname: k8s-x.elb.amazonaws.com}]}}', 'Current', 'HasAddress'],
    ['Ingress without address', 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nstatus: {loadBalancer: {}}', 'InProgress', 'NoAddress'],
    ['ClusterIP Service', 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {clusterIP: 10.96.0.1}', 'Current', 'HasClusterIP'],
    ['LoadBalancer Service without address', 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: LoadBalancer, clusterIP: 10.96.0.1}', 'InProgress', 'NoAddress'],
    ['ExternalSecret synced', 'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata: {name: e}\nspec: {refreshInterval: 1h}\nstatus: {refreshTime: "2026-03-01T11:30:00Z", conditions: [{type: Ready, status: "True", reason: SecretSynced}]}', 'Current', 'SecretSynced'],
    ['ExternalSecret SecretSyncedError → Failed', 'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata: {name: e}\nstatus: {conditions: [{type: Ready, status: "False", reason: SecretSyncedError, message: "could not get secret data from provider"}]}', 'Failed', 'SecretSyncedError'],
    ['ExternalSecret not synced yet', 'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata: {name: e}', 'InProgress', 'NotSynced'],
    ['ExternalSecret Ready but not refreshed for 3 intervals → Unknown', 'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata: {name: e}\nspec: {refreshInterval: 1h}\nstatus: {refreshTime: "2026-03-01T09:00:00Z", conditions: [{type: Ready, status: "True", reason: SecretSynced}]}', 'Unknown', 'SyncOverdue'],
    ['SecretStore invalid', 'apiVersion: external-secrets.io/v1\nkind: SecretStore\nmetadata: {name: s}\nstatus: {conditions: [{type: Ready, status: "False", reason: InvalidProviderConfig, message: "role cannot be assumed"}]}', 'Failed', 'InvalidProviderConfig'],
    ['Secret exists', 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}', 'Current', 'Exists'],
    ['PVC lost', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c}\nstatus: {phase: Lost}', 'Failed', 'Lost'],
    ['Job failed', 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nstatus: {conditions: [{type: Failed, status: "True", reason: BackoffLimitExceeded}]}', 'Failed', 'BackoffLimitExceeded'],
  ]);
});

describe('aggregateHealth', () => {
  const h = (status: HealthStatus) => ({ status, reason: status, message: status.toLowerCase() });
  it('an empty set is Unknown, never healthy (kstatus: the desired status)', () => expect(aggregateHealth([]).status).toBe('Unknown'));
  it('ranks Failed > Unknown > NotFound > Terminating > InProgress > Current and names the subject', () => {
    expect(aggregateHealth([{ subject: 'a', health: h('InProgress') }, { subject: 'b', health: h('Failed') }, { subject: 'c', health: h('Unknown') }])).toMatchObject({ status: 'Failed', message: 'b: failed' });
    expect(aggregateHealth([{ subject: 'a', health: h('Current') }, { subject: 'b', health: h('InProgress') }, { subject: 'c', health: h('InProgress') }])).toMatchObject({ status: 'InProgress', message: 'b: inprogress (and 1 more InProgress)' });
    expect(aggregateHealth([{ subject: 'a', health: h('Current') }]).status).toBe('Current');
  });
});
