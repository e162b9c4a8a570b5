// Identity completeness (stack-chart-envs.md §9 I5.1–I5.3): the keys that build secret paths and names must
// be set after merging. The predecessor had four environments that rendered fine and pointed at broken paths.
import type { Finding } from '../core/finding.js';
import { finding, get, type EnvUnderTest } from './env-under-test.js';

/** True when an environment layer (not the chart's values.yaml) wrote this exact key, e.g. `project_name: ""`. */
function setOutsideChart(env: EnvUnderTest, path: readonly string[]): boolean {
  const at = env.provenance.lookup(path);
  return at !== undefined && at.layer > 0 && at.path.length === path.length;
}

// `eso`: only required when External Secrets is on; project and client name every environment regardless.
const REQUIRED: ReadonlyArray<{ path: string[]; why: string; eso?: true }> = [
  { path: ['global', 'project_name'], why: 'names the project in secret paths and the database' },
  { path: ['global', 'client_name'], why: 'names the tenant in secret paths and resources' },
  { path: ['externalSecret', 'awsSecretPrefix'], why: 'prefixes every Secrets Manager key the ExternalSecrets read', eso: true },
  { path: ['externalSecret', 'irsaRoleArn'], why: 'is the IAM role External Secrets assumes to read them', eso: true },
];

/** Project and client always non-empty; secret prefix and IRSA role too when External Secrets is on. */
export const checkIdentity = (env: EnvUnderTest): Finding[] => {
  const eso = get(env, ['externalSecret', 'enabled']) === true;
  const out: Finding[] = [];
  for (const { path, why, eso: needsEso } of REQUIRED) {
    if (needsEso && !eso) continue;
    const value = get(env, path);
    if (typeof value === 'string' && value.trim() !== '') continue;
    const key = path.join('.');
    out.push(
      finding(env, path, {
        rule: 'identity/empty',
        severity: 'error',
        message: `${key} is empty after merging; it ${why}, so this environment would render but read broken secret paths`,
        hint: `set ${key} in ${env.file}`,
      }, setOutsideChart(env, path) ? undefined : { file: env.file }),
    );
  }
  return out;
};
