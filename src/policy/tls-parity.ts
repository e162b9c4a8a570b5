// Preview and live serve the same wildcard certificate (seeds 001 §6.1): a preview that works over TLS
// then proves the live TLS set-up too. Compared across every preview and live environment of the cloud.
import type { Finding } from '../core/finding.js';
import { certificateOf, usesAlb } from './alb-tls.js';
import { finding, type FleetRule } from './env-under-test.js';

/** Types whose environments must share one certificate. */
export const PARITY_TYPES: readonly string[] = ['preview', 'live'];

/** One finding per preview/live environment whose certificate differs from the preview's (or the first one's). */
export const checkTlsParity: FleetRule = (envs) => {
  const group = envs.filter((e) => PARITY_TYPES.includes(e.type) && usesAlb(e) && certificateOf(e) !== undefined);
  const reference = group.find((e) => e.type === 'preview') ?? group[0];
  if (!reference) return [];
  const expected = certificateOf(reference);
  const out: Finding[] = [];
  for (const env of group) {
    const cert = certificateOf(env);
    if (cert === expected) continue;
    out.push(
      finding(env, ['ingress', 'annotations', 'alb.ingress.kubernetes.io/certificate-arn'], {
        rule: 'tls/parity',
        severity: 'error',
        message: `certificate-arn ${cert} differs from ${reference.id}'s ${expected}: preview and live must serve the same wildcard certificate`,
        hint: `remove the override so both inherit the one certificate in ${env.cloudFile}`,
      }),
    );
  }
  return out;
};
