// Preview and live serve the same wildcard certificate (seeds 001 §6.1): a preview that works over TLS
// then proves the live TLS set-up too. Compared across every preview and live environment of the cloud.
import type { Finding } from '../core/finding.js';
import { certificateOf, usesAlb } from './alb-tls.js';
import { cloudValue, finding, writtenAt, type EnvUnderTest, type FleetRule } from './env-under-test.js';

/** Types whose environments must share one certificate. */
export const PARITY_TYPES: readonly string[] = ['preview', 'live'];

const CERT = ['ingress', 'annotations', 'alb.ingress.kubernetes.io/certificate-arn'];

/** The certificate everyone must match: the cloud layer's when it sets one, else the preview's (else the first). */
function reference(group: readonly EnvUnderTest[]): { cert: string; from: string } | undefined {
  for (const env of group) {
    const cloud = cloudValue(env, CERT);
    if (typeof cloud === 'string') return { cert: cloud, from: env.cloudFile };
  }
  const ref = group.find((e) => e.type === 'preview') ?? group[0];
  const cert = ref && certificateOf(ref);
  return ref && cert ? { cert, from: ref.id } : undefined;
}

/** One finding per preview/live environment whose certificate differs, located where it was set. */
export const checkTlsParity: FleetRule = (envs) => {
  const group = envs.filter((e) => PARITY_TYPES.includes(e.type) && usesAlb(e) && certificateOf(e) !== undefined);
  const ref = reference(group);
  if (!ref) return [];
  const out: Finding[] = [];
  for (const env of group) {
    const cert = certificateOf(env);
    if (cert === ref.cert) continue;
    const w = writtenAt(env, CERT);
    out.push(
      finding(
        env,
        CERT,
        {
          rule: 'tls/parity',
          severity: 'error',
          message: `certificate-arn ${cert} differs from ${ref.from}'s ${ref.cert}: preview and live must serve the same wildcard certificate`,
          hint: `remove the override so every preview and live environment inherits the one certificate in ${env.cloudFile}`,
        },
        w ? { file: w.file, line: w.line, col: w.col } : undefined,
      ),
    );
  }
  return out;
};
