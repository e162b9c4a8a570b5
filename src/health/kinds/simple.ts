// Kinds whose health is their existence or a single phase: Secret, ConfigMap, ServiceAccount, Namespace, PVC, Job.
import { condition, explainCondition, record, str } from '../object.js';
import { current, failed, inProgress } from '../status.js';
import type { KindRule } from './rule.js';

/** Exists, therefore Current (Secret, ConfigMap, ServiceAccount). */
export const existsHealth: KindRule = (obj) => current('Exists', `${obj.kind ?? 'object'} exists`);

/** Namespace: Active is Current (Terminating is caught by the generic deletion rule). */
export const namespaceHealth: KindRule = (obj) => {
  const phase = str(record(obj.status).phase);
  return phase === 'Active' ? current('Active', 'namespace is active') : inProgress('NotActive', `namespace phase ${phase ?? 'unknown'}`);
};

/** PersistentVolumeClaim: Bound is Current, Lost is Failed. */
export const pvcHealth: KindRule = (obj) => {
  const phase = str(record(obj.status).phase);
  if (phase === 'Bound') return current('Bound', 'bound');
  return phase === 'Lost' ? failed('Lost', 'the bound volume is lost') : inProgress('Pending', 'not bound yet');
};

/** Job: Complete=True is Current, Failed=True is Failed. */
export const jobHealth: KindRule = (obj) => {
  const failedCond = condition(obj, 'Failed');
  if (failedCond?.status === 'True') return failed(failedCond.reason ?? 'JobFailed', explainCondition(failedCond));
  return condition(obj, 'Complete')?.status === 'True' ? current('Complete', 'job completed') : inProgress('Running', 'job has not completed');
};
