// Deployment: Current only when every wanted replica is updated, ready and available and no old replica is left.
// ProgressDeadlineExceeded is terminal: the controller itself has given up (kubernetes/pkg/controller/deployment/
// progress.go sets Progressing=False with that reason), so waiting longer cannot help.
import { condition, explainCondition, num, record } from '../object.js';
import { current, failed, inProgress } from '../status.js';
import type { KindRule } from './rule.js';

/** Judges a Deployment (apps/v1) or StatefulSet-like replica counts. */
export const deploymentHealth: KindRule = (obj) => {
  const progressing = condition(obj, 'Progressing');
  if (progressing?.status === 'False' && progressing.reason === 'ProgressDeadlineExceeded') return failed('ProgressDeadlineExceeded', explainCondition(progressing));
  const replicaFailure = condition(obj, 'ReplicaFailure');
  if (replicaFailure?.status === 'True') return failed('ReplicaFailure', explainCondition(replicaFailure));
  const spec = record(obj.spec);
  const status = record(obj.status);
  const wanted = num(spec.replicas) ?? 1;
  const updated = num(status.updatedReplicas) ?? 0;
  const total = num(status.replicas) ?? 0;
  const ready = num(status.readyReplicas) ?? 0;
  const available = num(status.availableReplicas) ?? 0;
  if (updated < wanted) return inProgress('RolloutInProgress', `updated ${updated}/${wanted} replicas`);
  if (total > updated) return inProgress('OldReplicasPending', `${total - updated} old replica(s) still running`);
  if (ready < wanted) return inProgress('TooFewReady', `ready ${ready}/${wanted}`);
  if (available < wanted) return inProgress('TooFewAvailable', `available ${available}/${wanted}`);
  const availableCond = condition(obj, 'Available');
  if (availableCond?.status === 'False') return inProgress('NotAvailable', explainCondition(availableCond));
  return wanted === 0 ? current('ScaledToZero', '0 replicas wanted') : current('Available', `available ${available}/${wanted}`);
};
