// Shared ingress behaviour lives in the cloud layer and only there (stack-chart-envs.md §9 I4.5, envs/README.md):
// an environment or type default that changes, deletes or drops (by nulling or replacing a parent map) a key the
// cloud layer owns silently leaves the preview/live contract. Which keys are owned is data (cloud-contracts.ts).
import type { Finding } from '../core/finding.js';
import { formatPath, pathKey } from '../values/values-doc.js';
import { CLOUD_CONTRACTS } from './cloud-contracts.js';
import { cloudValue, get, writtenAt, type EnvRule, type WrittenAt } from './env-under-test.js';
import { contractFor } from './tls-contract.js';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function describeWrite(w: WrittenAt): string {
  if (w.value === null) return 'null';
  if (Array.isArray(w.value)) return 'a list';
  return typeof w.value === 'object' ? 'a map' : JSON.stringify(w.value);
}

/** One finding per owned key a later layer changes; one per parent map a later layer nulls or replaces. */
export const checkCloudOwned: EnvRule = (env, opts) => {
  const { contract } = contractFor(env, opts.contracts ?? CLOUD_CONTRACTS);
  if (!contract) return [];
  const out: Finding[] = [];
  const dropped = new Map<string, { w: WrittenAt; keys: string[] }>();
  for (const path of contract.owns) {
    const w = writtenAt(env, path);
    if (!w || w.layer <= 1) continue;
    const owned = cloudValue(env, path);
    const now = get(env, path);
    if (same(now, owned)) continue;
    if (w.path.length < path.length) {
      // A parent map nulled or replaced: one finding at that line for everything it dropped.
      const key = `${w.file}|${pathKey(w.path)}`;
      const entry = dropped.get(key) ?? { w, keys: [] };
      entry.keys.push(formatPath(path.slice(w.path.length)));
      dropped.set(key, entry);
      continue;
    }
    const from = owned === undefined ? `${env.cloudFile}, which does not set it` : `${env.cloudFile} (${JSON.stringify(owned)})`;
    const change = now === undefined ? 'deletes it' : `changes it to ${JSON.stringify(now)}`;
    out.push({
      rule: 'tls/cloud-owned', severity: 'error', env: env.id, file: w.file, line: w.line, col: w.col,
      message: `${formatPath([...path])} is shared behaviour owned by ${from}, but ${w.file} ${change}`,
      hint: `remove the override from ${w.file}; if every environment needs the change, make it in ${env.cloudFile}`,
    });
  }
  for (const { w, keys } of dropped.values()) {
    out.push({
      rule: 'tls/cloud-owned', severity: 'error', env: env.id, file: w.file, line: w.line, col: w.col,
      message: `${w.file} sets ${formatPath(w.path)} to ${describeWrite(w)}, which drops what ${env.cloudFile} owns there: ${keys.join(', ')}`,
      hint: `remove ${formatPath(w.path)} from ${w.file} (maps merge key by key: set only the keys this environment adds)`,
    });
  }
  return out;
};
