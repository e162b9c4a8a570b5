// What must be unique across environments: two environments with the same host, secret prefix, External
// Secrets IAM role or client+project pair would overwrite each other's DNS records, read each other's secrets
// or deploy as one tenant. Each finding sits at the line that set the value and names every other claimant.
import type { Finding } from '../core/finding.js';
import type { PathSegment } from '../values/values-doc.js';
import { describeLocation, finding, get, type EnvUnderTest, type FleetRule } from './env-under-test.js';
import { hostsOf } from './host-names.js';

/** One environment's claim on a value that must be unique. */
interface Claim {
  /** Comparison key (case-folded where the target system folds case). */
  key: string;
  shown: string;
  path: readonly PathSegment[];
  /** Extra paths named in the message (the pair's second half). */
  also?: readonly PathSegment[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const esoOn = (env: EnvUnderTest) => get(env, ['externalSecret', 'enabled']) === true;

const DIMENSIONS: ReadonlyArray<{ rule: string; what: string; hint: string; claims: (env: EnvUnderTest) => Claim[] }> = [
  {
    rule: 'unique/host', what: 'host', hint: 'give each environment its own host',
    // DNS is case-insensitive and a trailing dot names the same host.
    claims: (env) => hostsOf(env).map((c) => ({ key: c.host.toLowerCase().replace(/\.$/, ''), shown: c.host, path: c.path })),
  },
  {
    rule: 'unique/secret-prefix', what: 'secret prefix', hint: 'give each environment its own externalSecret.awsSecretPrefix',
    claims: (env) => {
      if (!esoOn(env)) return [];
      const prefix = str(get(env, ['externalSecret', 'awsSecretPrefix']));
      if (prefix) return [{ key: prefix, shown: prefix, path: ['externalSecret', 'awsSecretPrefix'] }];
      // The chart's fallback when the prefix is empty: <client_name>-<env>.
      const client = str(get(env, ['global', 'client_name']));
      const kind = str(get(env, ['global', 'env']));
      return client && kind ? [{ key: `${client}-${kind}`, shown: `${client}-${kind} (the fallback <client_name>-<env>)`, path: ['global', 'client_name'] }] : [];
    },
  },
  {
    rule: 'unique/irsa-role', what: 'External Secrets IAM role', hint: 'give each environment its own externalSecret.irsaRoleArn',
    // IAM role names are unique regardless of case.
    claims: (env) => {
      const role = esoOn(env) ? str(get(env, ['externalSecret', 'irsaRoleArn'])) : undefined;
      return role ? [{ key: role.toLowerCase(), shown: role, path: ['externalSecret', 'irsaRoleArn'] }] : [];
    },
  },
  {
    rule: 'unique/client-project', what: 'client and project', hint: 'give each environment its own global.client_name and global.project_name pair',
    claims: (env) => {
      const client = str(get(env, ['global', 'client_name']));
      const project = str(get(env, ['global', 'project_name']));
      return client && project ? [{ key: `${client}/${project}`, shown: `${client}/${project}`, path: ['global', 'client_name'], also: ['global', 'project_name'] }] : [];
    },
  },
];

/** One error per environment sharing a value that must be unique, each naming all environments that share it. */
export const checkUnique: FleetRule = (envs) => {
  const out: Finding[] = [];
  for (const dim of DIMENSIONS) {
    const byKey = new Map<string, Array<{ env: EnvUnderTest; claim: Claim }>>();
    for (const env of envs) {
      const seen = new Set<string>();
      for (const claim of dim.claims(env)) {
        if (seen.has(claim.key)) continue;
        seen.add(claim.key);
        byKey.set(claim.key, [...(byKey.get(claim.key) ?? []), { env, claim }]);
      }
    }
    for (const holders of byKey.values()) {
      if (holders.length < 2) continue;
      const who = holders.map(({ env, claim }) => `${env.id} (${[claim.path, ...(claim.also ? [claim.also] : [])].map((p) => describeLocation(env, p)).join(', ')})`);
      const message = `${dim.what} ${holders[0]!.claim.shown} is used by ${holders.length} environments: ${who.join(' and ')}`;
      for (const { env, claim } of holders) out.push(finding(env, claim.path, { rule: dim.rule, severity: 'error', message, hint: dim.hint }));
    }
  }
  return out;
};
