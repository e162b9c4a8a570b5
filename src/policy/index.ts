// The policy rules validate:envs runs, each with a stable id prefix shown in findings.
import type { Finding } from '../core/finding.js';
import { checkAlbTls } from './alb-tls.js';
import { checkCloudOwned } from './cloud-owned.js';
import type { EnvRule, EnvUnderTest, FleetRule } from './env-under-test.js';
import { checkIdentity } from './identity.js';
import { checkIngressHosts } from './ingress-hosts.js';
import { checkLocalOnly } from './local-only.js';
import { checkTlsParity } from './tls-parity.js';

/** Per-environment rules. */
export const ENV_RULES: readonly EnvRule[] = [checkAlbTls, checkCloudOwned, checkIdentity, checkIngressHosts, checkLocalOnly];
/** Cross-environment rules. */
export const FLEET_RULES: readonly FleetRule[] = [checkTlsParity];

/** All policy findings for a set of merged environments. */
export function runPolicies(envs: readonly EnvUnderTest[]): Finding[] {
  return [...envs.flatMap((e) => ENV_RULES.flatMap((rule) => rule(e))), ...FLEET_RULES.flatMap((rule) => rule(envs))];
}

export { scanForSecrets } from './committed-secrets.js';
export type { EnvUnderTest } from './env-under-test.js';
