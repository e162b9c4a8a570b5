// Configuration that names environment types must name types that exist: a public type or a type with required
// kinds but no environment would otherwise skip its parity or render checks without a word.
import type { Finding } from '../core/finding.js';
import type { FleetRule } from './env-under-test.js';

/** A warning per configured type (`publicEnvTypes`, `requiredKinds`) with no environment under envs/. */
export const checkConfiguredTypes: FleetRule = (envs, opts) => {
  const present = new Set(opts.envTypes ?? envs.map((e) => e.type));
  const out: Finding[] = [];
  for (const type of opts.publicEnvTypes) {
    if (present.has(type)) continue;
    out.push({
      rule: 'tls/parity', severity: 'warning',
      message: `public environment type ${type} (publicEnvTypes) has no environment, so its TLS parity with ${opts.publicEnvTypes.filter((t) => t !== type).join(', ') || 'the other public types'} is not checked`,
      hint: `add an environment file under the envs directory's ${type}/ folder, or remove ${type} from publicEnvTypes in jetscale.config.yaml`,
    });
  }
  for (const [type, kinds] of Object.entries(opts.requiredKinds ?? {})) {
    if (present.has(type) || kinds.length === 0) continue;
    out.push({
      rule: 'render/expected-kinds', severity: 'warning',
      message: `requiredKinds names type ${type} (${kinds.join(', ')}), which has no environment, so nothing checks that it renders them`,
      hint: `add an environment under ${type}/, or remove ${type} from requiredKinds in jetscale.config.yaml`,
    });
  }
  return out;
};
