// The policy rules validate:envs runs, each with a stable id prefix shown in findings.
import type { Finding } from '../core/finding.js';
import { checkCloudOwned } from './cloud-owned.js';
import type { EnvRule, EnvUnderTest, FleetRule, PolicyOptions } from './env-under-test.js';
import { checkConfiguredTypes } from './env-types.js';
import { checkUnique } from './fleet-unique.js';
import { checkHostNames } from './host-names.js';
import { checkIdentity } from './identity.js';
import { checkIngressHosts } from './ingress-hosts.js';
import { checkLocalOnly } from './local-only.js';
import { checkTlsContract } from './tls-contract.js';
import { checkTlsParity } from './tls-parity.js';

/** Per-environment rules. */
export const ENV_RULES: readonly EnvRule[] = [checkTlsContract, checkCloudOwned, checkIdentity, checkIngressHosts, checkLocalOnly];
/** Cross-environment rules. */
export const FLEET_RULES: readonly FleetRule[] = [checkTlsParity, checkConfiguredTypes, checkHostNames, checkUnique];

/** All policy findings for a set of merged environments; findings without `env` belong to the whole run. */
export function runPolicies(envs: readonly EnvUnderTest[], opts: PolicyOptions): Finding[] {
  return [...envs.flatMap((e) => ENV_RULES.flatMap((rule) => rule(e, opts))), ...FLEET_RULES.flatMap((rule) => rule(envs, opts))];
}

export { scanForSecrets } from './committed-secrets.js';
export { CLOUD_CONTRACTS, type CloudContract } from './cloud-contracts.js';
export type { EnvUnderTest, PolicyOptions } from './env-under-test.js';
