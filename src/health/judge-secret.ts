// The live secret contract (seeds 003): `<prefix>/application/aws/client` exists, is not scheduled for deletion, and
// its JSON has the three keys the backend's AWS client reads, each non-empty. Judged from key names only.
import { makeCheck, type Check } from './checks.js';
import { current, failed, notFound } from './status.js';

/** The keys the AWS client secret must carry. */
export const CLIENT_SECRET_KEYS = ['JETSCALE_CLIENT_AWS_REGION', 'JETSCALE_CLIENT_AWS_ROLE_ARN', 'JETSCALE_CLIENT_AWS_ROLE_EXTERNAL_ID'] as const;

/** `<prefix>/application/aws/client`. */
export function clientSecretName(prefix: string): string {
  return `${prefix}/application/aws/client`;
}

/** What is known about the secret: never its value. */
export interface ClientSecretFacts {
  name: string;
  exists: boolean;
  deletedAt?: Date;
  format?: 'json' | 'not-json';
  keys?: string[];
  emptyKeys?: string[];
}

/** `secrets.client`. */
export function judgeClientSecret(f: ClientSecretFacts): Check {
  const ev = f.keys ? [`keys: ${f.keys.join(', ') || 'none'} (names only)`] : [];
  if (!f.exists) return makeCheck('secrets.client', f.name, notFound('SecretMissing', `${f.name} does not exist in Secrets Manager`));
  if (f.deletedAt) return makeCheck('secrets.client', f.name, failed('ScheduledForDeletion', `${f.name} is scheduled for deletion (since ${f.deletedAt.toISOString()})`));
  if (f.format !== 'json') return makeCheck('secrets.client', f.name, failed('NotJson', `${f.name} is not a JSON object, so no key can be read from it`));
  const missing = CLIENT_SECRET_KEYS.filter((k) => !f.keys?.includes(k));
  if (missing.length) return makeCheck('secrets.client', f.name, failed('MissingKeys', `${f.name} lacks ${missing.join(', ')}`), ev);
  const empty = CLIENT_SECRET_KEYS.filter((k) => f.emptyKeys?.includes(k));
  if (empty.length) return makeCheck('secrets.client', f.name, failed('EmptyKeys', `${f.name} has empty ${empty.join(', ')}`), ev);
  return makeCheck('secrets.client', f.name, current('Complete', `${f.name} has ${CLIENT_SECRET_KEYS.join(', ')}`), ev);
}
