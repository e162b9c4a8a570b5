// In-cluster datastores and placeholder test secrets are for local and Kind runs only (§9 I2.9, I5.5).
import type { Finding } from '../core/finding.js';
import { finding, get, type EnvUnderTest } from './env-under-test.js';

const LOCAL_ONLY = ['postgres', 'redis', 'testSecrets'] as const;

/** postgres, redis and testSecrets must be off in every environment under envs/. */
export const checkLocalOnly = (env: EnvUnderTest): Finding[] => {
  const out: Finding[] = [];
  for (const key of LOCAL_ONLY) {
    if (get(env, [key, 'enabled']) !== true) continue;
    out.push(finding(env, [key, 'enabled'], { rule: 'env/local-only', severity: 'error', message: `${key}.enabled is true: ${key} is for local and Kind runs only, environments get it from the cloud`, hint: `remove ${key}.enabled from this environment's layers` }));
  }
  return out;
};
