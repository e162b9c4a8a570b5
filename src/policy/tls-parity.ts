// Every public environment type serves the same TLS (seeds 001 §6.1): one wildcard certificate and one pinned
// policy, so a preview that works over TLS proves the live set-up too. Which types are public is configuration
// (`publicEnvTypes`, passed in); which values must match is the cloud contract's `parity` promises.
import type { Finding } from '../core/finding.js';
import { CLOUD_CONTRACTS, annotationPath, type CloudContract, type TlsPromise } from './cloud-contracts.js';
import { cloudValue, finding, get, whereWritten, writtenAt, type EnvUnderTest, type FleetRule } from './env-under-test.js';
import { contractFor, ingressOn } from './tls-contract.js';

/** Public environments in `publicEnvTypes` order (the first type's first environment is the fallback reference). */
function publicGroup(envs: readonly EnvUnderTest[], types: readonly string[]): EnvUnderTest[] {
  return types.flatMap((t) => envs.filter((e) => e.type === t));
}

/** The value everyone must match: the cloud layer's when it sets one, else the first public environment's. */
function reference(group: readonly EnvUnderTest[], p: TlsPromise): { value: string; from: string } | undefined {
  const path = annotationPath(p.annotation);
  for (const env of group) {
    const cloud = cloudValue(env, path);
    if (typeof cloud === 'string') return { value: cloud, from: env.cloudFile };
  }
  for (const env of group) {
    const value = get(env, path);
    if (typeof value === 'string') return { value, from: env.id };
  }
  return undefined;
}

/** A public environment with its ingress off serves nothing over TLS: reported where it was switched off. */
function ingressOff(env: EnvUnderTest, types: readonly string[]): Finding {
  const path = ['ingress', 'enabled'];
  const w = writtenAt(env, path);
  return finding(env, path, {
    rule: 'tls/parity', severity: 'error',
    message: `${env.type} is a public environment type (${types.join(', ')}), but ${env.id} switches its ingress off: it would serve nothing over TLS`,
    hint: w && w.layer >= 2 ? `remove the override from ${w.file}` : `enable the ingress, or drop ${env.type} from publicEnvTypes in jetscale.config.yaml`,
  }, w ? whereWritten(w) : undefined);
}

/** One finding per public environment whose parity value differs from the reference, located where it was set. */
export const checkTlsParity: FleetRule = (envs, opts) => {
  const types = opts.publicEnvTypes;
  const group = publicGroup(envs, types);
  const out: Finding[] = group.filter((e) => !ingressOn(e)).map((e) => ingressOff(e, types));
  const contracts = opts.contracts ?? CLOUD_CONTRACTS;
  const byContract = new Map<CloudContract, EnvUnderTest[]>();
  for (const env of group.filter(ingressOn)) {
    const { contract } = contractFor(env, contracts);
    if (contract) byContract.set(contract, [...(byContract.get(contract) ?? []), env]);
  }
  for (const [contract, members] of byContract) {
    for (const p of contract.tls.filter((t) => t.parity)) {
      const ref = reference(members, p);
      if (!ref) continue;
      const path = annotationPath(p.annotation);
      for (const env of members) {
        const value = get(env, path);
        // Missing values are tls/certificate's (or optional); non-strings are reported by the contract check.
        if (typeof value !== 'string' || value === ref.value) continue;
        const w = writtenAt(env, path);
        out.push(finding(env, path, {
          rule: 'tls/parity', severity: 'error',
          message: `${p.annotation.split('/').pop()} ${value} differs from ${ref.from}'s ${ref.value}: the public environment types (${types.join(', ')}) must share one`,
          hint: `remove the override so every public environment inherits the value in ${env.cloudFile}`,
        }, w ? whereWritten(w) : undefined));
      }
    }
  }
  return out;
};
