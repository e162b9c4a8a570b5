// Who an ephemeral environment is: `pr-<n>` is the cluster, namespace and Helm release, and the public host is
// `<env>-<branch slug>-<suffix>.<domain>`, one DNS label (≤ 63 characters) so the wildcard certificate covers it.
// Pure and deterministic: the same inputs always give the same host, whatever the trigger (stack-ephemeral W15).
import { JetscaleError } from '../core/errors.js';
import { parseEnvId } from './env-id.js';
/** The longest DNS label. */
export const MAX_LABEL = 63;
/** The slug used when a branch name has no usable character left. */
export const EMPTY_SLUG = 'branch';

/** The names one environment goes by. */
export interface EnvIdentity {
  envId: string;
  cluster: string;
  namespace: string;
  release: string;
  /** The branch slug inside the host (possibly cut to fit the label). */
  slug: string;
  /** `<env>-<slug>[-<suffix>].<domain>`. */
  host: string;
  url: string;
}

/** A branch name as `[a-z0-9-]`: lowercased, accents folded (é → e), other non-ASCII dropped, dashes collapsed. */
export function slugifyBranch(branch: string): string {
  const folded = branch.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return folded.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** Cuts a slug to `max` characters and trims the dashes the cut may leave at its end. */
export function cutSlug(slug: string, max: number): string {
  return slug.slice(0, Math.max(0, max)).replace(/-+$/, '');
}

/** The public host's first label: env, the slug cut to fit, the suffix; never longer than 63, never ending in `-`. */
export function hostLabel(envId: string, branch: string, suffix: string): { label: string; slug: string } {
  const tail = slugifyBranch(suffix);
  const fixed = envId.length + 1 + (tail ? tail.length + 1 : 0);
  const room = MAX_LABEL - fixed;
  if (room < 1) throw identityError(`the environment id ${envId} and dns.hostSuffix "${suffix}" leave no room for the branch in a ${MAX_LABEL}-character DNS label`, 'shorten dns.hostSuffix in jetscale.config.yaml');
  const slug = cutSlug(slugifyBranch(branch), room) || cutSlug(EMPTY_SLUG, room);
  return { label: [envId, slug, tail].filter(Boolean).join('-'), slug };
}

/** Every name of `envId` deployed from `branch` under `domain` (`dns.domain`) with `suffix` (`dns.hostSuffix`);
 * an id that is not `pr-<n>` is exit 2, a protected one exit 3 (env-id.ts). */
export function resolveIdentity(envId: string, branch: string, o: { domain: string; suffix: string; protectedNames?: readonly string[] }): EnvIdentity {
  parseEnvId(envId, o.protectedNames ?? []);
  const domain = o.domain.trim().replace(/^\.+|\.+$/g, '').toLowerCase();
  if (!domain) throw identityError('dns.domain is not configured, so there is no public host to deploy to', 'set dns.domain in jetscale.config.yaml (or JETSCALE_DNS_DOMAIN)');
  const { label, slug } = hostLabel(envId, branch, o.suffix);
  const host = `${label}.${domain}`;
  return { envId, cluster: envId, namespace: envId, release: envId, slug, host, url: `https://${host}/` };
}

function identityError(message: string, hint: string): JetscaleError {
  return new JetscaleError(message, { code: 'E_PRECONDITION', hint });
}
