// Shared ALB behaviour lives in the cloud layer and only there (stack-chart-envs.md §9 I4.5, envs/README.md):
// an environment that overrides the ingress class or a TLS annotation silently leaves the preview/live contract.
import type { Finding } from '../core/finding.js';
import { formatPath } from '../values/values-doc.js';
import { cloudValue, get, writtenAt, type EnvRule } from './env-under-test.js';

const A = 'alb.ingress.kubernetes.io/';
/** Paths the cloud layer owns when it sets them. */
export const CLOUD_OWNED: ReadonlyArray<readonly string[]> = [
  ['ingress', 'className'],
  ...['scheme', 'target-type', 'listen-ports', 'ssl-redirect', 'ssl-policy', 'certificate-arn'].map((n) => ['ingress', 'annotations', A + n]),
];

/** One finding per cloud-owned value that a later layer (type default or environment) changes or deletes. */
export const checkCloudOwned: EnvRule = (env) => {
  const out: Finding[] = [];
  for (const path of CLOUD_OWNED) {
    const owned = cloudValue(env, path);
    if (owned === undefined) continue;
    const w = writtenAt(env, path);
    if (!w || w.layer <= 1) continue;
    const now = get(env, path);
    if (JSON.stringify(now) === JSON.stringify(owned)) continue;
    out.push({
      rule: 'tls/cloud-owned',
      severity: 'error',
      env: env.id,
      file: w.file,
      line: w.line,
      col: w.col,
      message: `${formatPath([...path])} is shared behaviour owned by ${env.cloudFile} (${JSON.stringify(owned)}), but ${w.file} ${now === undefined ? 'deletes it' : `changes it to ${JSON.stringify(now)}`}`,
      hint: `remove the override from ${w.file}; if every environment needs the change, make it in ${env.cloudFile}`,
    });
  }
  return out;
};
