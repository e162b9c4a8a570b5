// SecretStore / ClusterSecretStore: ESO validates the provider and its credentials and sets Ready.
import { condition, explainCondition } from '../object.js';
import { current, failed, inProgress } from '../status.js';
import type { KindRule } from './rule.js';

/** Judges a SecretStore or ClusterSecretStore. */
export const secretStoreHealth: KindRule = (obj) => {
  const ready = condition(obj, 'Ready');
  if (!ready || ready.status === 'Unknown') return inProgress('NotValidated', 'External Secrets Operator has not validated the store yet');
  return ready.status === 'True' ? current('Valid', 'store is valid') : failed(ready.reason ?? 'InvalidStore', explainCondition(ready));
};
