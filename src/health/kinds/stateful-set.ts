// StatefulSet: every wanted replica ready on the current revision (the controller rolls pods one by one).
import { num, record, str } from '../object.js';
import { current, inProgress } from '../status.js';
import type { KindRule } from './rule.js';

/** Judges a StatefulSet (apps/v1). */
export const statefulSetHealth: KindRule = (obj) => {
  const wanted = num(record(obj.spec).replicas) ?? 1;
  const status = record(obj.status);
  const ready = num(status.readyReplicas) ?? 0;
  const updated = num(status.updatedReplicas) ?? 0;
  const currentRev = str(status.currentRevision);
  const updateRev = str(status.updateRevision);
  if (updateRev !== undefined && currentRev !== updateRev && updated < wanted) return inProgress('RolloutInProgress', `updated ${updated}/${wanted} replicas`);
  if (ready < wanted) return inProgress('TooFewReady', `ready ${ready}/${wanted}`);
  return current('Ready', `ready ${ready}/${wanted}`);
};
