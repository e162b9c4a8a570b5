// The TLS contract of the cloud layer's ingress controller, checked on every environment with its ingress on
// (seeds 001 §6.1, stack-chart-envs.md §9 I4.2–I4.6): otherwise an environment can be HTTP-only while users
// and workflows assume HTTPS. Which annotations and values come from the data in cloud-contracts.ts.
import type { Finding } from '../core/finding.js';
import { formatPath } from '../values/values-doc.js';
import { CLOUD_CONTRACTS, annotationPath, judge, type CloudContract } from './cloud-contracts.js';
import { cloudValue, finding, get, whereWritten, writtenAt, type EnvRule, type EnvUnderTest } from './env-under-test.js';

const CLASS = ['ingress', 'className'] as const;

/** The contract that binds `env`: the one of the ingress class its cloud layer declares (so an environment cannot
 * switch the rules off by overriding the class; cloud-owned reports that override), else of its merged class. */
export function contractFor(env: EnvUnderTest, contracts: Readonly<Record<string, CloudContract>> = CLOUD_CONTRACTS): { contract?: CloudContract; ingressClass: unknown } {
  const declared = cloudValue(env, CLASS);
  const ingressClass = typeof declared === 'string' && declared !== '' ? declared : get(env, CLASS);
  const contract = typeof ingressClass === 'string' && Object.hasOwn(contracts, ingressClass) ? contracts[ingressClass] : undefined;
  return { ingressClass, ...(contract ? { contract } : {}) };
}

/** True when the merged values switch the ingress on. */
export function ingressOn(env: EnvUnderTest): boolean {
  return get(env, ['ingress', 'enabled']) === true;
}

/** Every promise of the contract kept, each broken one reported where it was set (or deleted). */
export const checkTlsContract: EnvRule = (env, opts) => {
  if (!ingressOn(env)) return [];
  const contracts = opts.contracts ?? CLOUD_CONTRACTS;
  const { contract, ingressClass } = contractFor(env, contracts);
  if (!contract) return [unknownContract(env, ingressClass, contracts)];
  const out: Finding[] = [];
  for (const p of contract.tls) {
    const path = annotationPath(p.annotation);
    const value = get(env, path);
    const problem = judge(p, value);
    if (problem === undefined) continue;
    const w = writtenAt(env, path);
    // A missing value: point at the layer that deleted it (or replaced its parent map), else at the cloud layer.
    const where = value === undefined ? (w ? whereWritten(w) : { file: env.cloudFile }) : undefined;
    const fix = p.check.kind === 'absent' ? `delete ${p.annotation}` : `set ${p.annotation}: ${p.example ?? '<value>'} in ${env.cloudFile}`;
    const hint = w && w.layer >= 2 ? `remove the override${w.path.length < path.length ? ` of ${formatPath(w.path)}` : ''} from ${w.file}; the cloud layer ${env.cloudFile} sets it for every environment` : fix;
    out.push(finding(env, path, { rule: p.rule, severity: 'error', message: problem, hint }, where));
  }
  return out;
};

function unknownContract(env: EnvUnderTest, ingressClass: unknown, contracts: Readonly<Record<string, CloudContract>>): Finding {
  const pos = env.layerDocs?.[1]?.positions.get(JSON.stringify(CLASS));
  const known = Object.keys(contracts).join(', ');
  const message =
    typeof ingressClass === 'string' && ingressClass !== ''
      ? `no TLS contract is known for ingress class ${JSON.stringify(ingressClass)}: its TLS and redirect settings cannot be checked`
      : `${env.cloudFile} declares no ingress.className, so no TLS contract applies and TLS cannot be checked`;
  return {
    rule: 'tls/contract', severity: 'error', env: env.id, file: env.cloudFile, ...(pos ? { line: pos.line, col: pos.col } : {}), message,
    hint: `set ingress.className in ${env.cloudFile} to one of: ${known}, or add a contract for the class to src/policy/cloud-contracts.ts`,
  };
}
