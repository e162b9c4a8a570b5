// Secrets Manager facade: find an environment's secrets, read, create or restore one (values registered for redaction), schedule deletion.
import type { DescribeSecretResponse, FilterNameStringType, SecretListEntry } from '@aws-sdk/client-secrets-manager';
import type { Performed } from '../core/effects.js';
import type { Secrets } from '../core/secrets.js';
import type { AwsClients } from './clients.js';
import { collectPages, tagRecord } from './paginate.js';
import { ranOutput, toPerformed } from './skipped.js';

/** A secret's metadata (never its value). */
export interface SecretInfo {
  arn: string;
  name: string;
  description: string | undefined;
  tags: Record<string, string>;
  createdAt: Date | undefined;
  lastChangedAt: Date | undefined;
  /** Set when the secret is scheduled for deletion. */
  deletedAt: Date | undefined;
}

/** ListSecrets filter: AND across filters, OR across values, prefix match; `!` negates a value. */
export interface SecretFilter {
  key: FilterNameStringType;
  values: string[];
}

/** A JSON secret's key names (never its values); `not-json` when the value is no JSON object. */
export interface SecretKeys {
  arn: string;
  name: string;
  format: 'json' | 'not-json';
  keys: string[];
  /** Keys whose value is an empty string or null. */
  emptyKeys: string[];
}

/** Recovery window (7–30 days) or immediate deletion without recovery. */
export type DeleteSecretMode = { recoveryWindowInDays: number } | { force: true };

/** The Secrets Manager operations jetscale uses. */
export interface SecretsManagerFacade {
  listSecrets(filters?: SecretFilter[], opts?: { includePlannedDeletion?: boolean }): Promise<SecretInfo[]>;
  describeSecret(secretId: string): Promise<SecretInfo>;
  /** The current value; it is registered with the run's redactor before it is returned. */
  getSecretValue(secretId: string): Promise<{ arn: string; name: string; versionId: string | undefined; value: string }>;
  /** The key names of a JSON secret (and which are empty); the value never leaves the facade, so nothing is registered. */
  getSecretKeys(secretId: string): Promise<SecretKeys>;
  deleteSecret(secretId: string, mode: DeleteSecretMode): Promise<Performed<{ arn: string; name: string; deletionDate: Date | undefined }>>;
  /** Creates a secret with a first value (registered for redaction before it is sent); the token makes a retry idempotent. */
  createSecret(input: { name: string; value: string; description?: string; tags?: Record<string, string>; clientRequestToken?: string }): Promise<Performed<{ arn: string; name: string; versionId: string | undefined }>>;
  /** Stores a new current value (registered for redaction before it is sent). */
  putSecretValue(secretId: string, value: string): Promise<Performed<{ arn: string; versionId: string | undefined }>>;
  /** Cancels a scheduled deletion. */
  restoreSecret(secretId: string): Promise<Performed<{ arn: string; name: string }>>;
}

/** Builds the Secrets Manager facade over the run's clients. */
export function createSecretsManager(clients: AwsClients): SecretsManagerFacade {
  const sdk = () => import('@aws-sdk/client-secrets-manager');
  const client = () => clients.get('secretsmanager');
  return {
    async listSecrets(filters = [], opts = {}) {
      const { ListSecretsCommand: C } = await sdk();
      const c = await client();
      const Filters = filters.length ? filters.map((f) => ({ Key: f.key, Values: f.values })) : undefined;
      return (await collectPages('secretsmanager:ListSecrets', async (NextToken) => {
        const out = ranOutput(await c.send(new C({ Filters, NextToken, MaxResults: 100, IncludePlannedDeletion: opts.includePlannedDeletion }), clients.sendOptions));
        return { items: out.SecretList, next: out.NextToken };
      })).map(toSecret);
    },
    async describeSecret(secretId) {
      const { DescribeSecretCommand: C } = await sdk();
      return toSecret(ranOutput(await (await client()).send(new C({ SecretId: secretId }), clients.sendOptions)));
    },
    async getSecretValue(secretId) {
      const { GetSecretValueCommand: C } = await sdk();
      const out = ranOutput(await (await client()).send(new C({ SecretId: secretId }), clients.sendOptions));
      const value = out.SecretString ?? (out.SecretBinary ? Buffer.from(out.SecretBinary).toString('utf8') : '');
      registerSecretValue(clients.secrets, value);
      return { arn: out.ARN ?? '', name: out.Name ?? '', versionId: out.VersionId, value };
    },
    async getSecretKeys(secretId) {
      const { GetSecretValueCommand: C } = await sdk();
      const out = ranOutput(await (await client()).send(new C({ SecretId: secretId }), clients.sendOptions));
      return { arn: out.ARN ?? '', name: out.Name ?? '', ...keysOf(out.SecretString ?? (out.SecretBinary ? Buffer.from(out.SecretBinary).toString('utf8') : '')) };
    },
    async deleteSecret(secretId, mode) {
      const { DeleteSecretCommand: C } = await sdk();
      const input = 'force' in mode ? { SecretId: secretId, ForceDeleteWithoutRecovery: true } : { SecretId: secretId, RecoveryWindowInDays: mode.recoveryWindowInDays };
      return toPerformed(await (await client()).send(new C(input), clients.sendOptions), (o) => ({ arn: o.ARN ?? '', name: o.Name ?? '', deletionDate: o.DeletionDate }));
    },
    async createSecret({ name, value, description, tags, clientRequestToken }) {
      const { CreateSecretCommand: C } = await sdk();
      registerSecretValue(clients.secrets, value);
      const Tags = tags ? Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) : undefined;
      const out = await (await client()).send(new C({ Name: name, SecretString: value, Description: description, Tags, ClientRequestToken: clientRequestToken }), clients.sendOptions);
      return toPerformed(out, (o) => ({ arn: o.ARN ?? '', name: o.Name ?? '', versionId: o.VersionId }));
    },
    async putSecretValue(secretId, value) {
      const { PutSecretValueCommand: C } = await sdk();
      registerSecretValue(clients.secrets, value);
      return toPerformed(await (await client()).send(new C({ SecretId: secretId, SecretString: value }), clients.sendOptions), (o) => ({ arn: o.ARN ?? '', versionId: o.VersionId }));
    },
    async restoreSecret(secretId) {
      const { RestoreSecretCommand: C } = await sdk();
      return toPerformed(await (await client()).send(new C({ SecretId: secretId }), clients.sendOptions), (o) => ({ arn: o.ARN ?? '', name: o.Name ?? '' }));
    },
  };
}

/** Registers a secret value, and each string field of a JSON object value, so parsed parts are redacted too. */
function registerSecretValue(secrets: Secrets | undefined, value: string): void {
  if (!secrets) return;
  secrets.add(value);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return;
  }
  if (typeof parsed !== 'object' || parsed === null) return;
  for (const v of Object.values(parsed)) if (typeof v === 'string') secrets.add(v);
}

// Key names only: whoever asks for keys (diagnose, the deploy preflight) never holds a value, so there is nothing
// to redact, and non-secret values such as a region are not masked in every ARN printed afterwards.
function keysOf(text: string): Pick<SecretKeys, 'format' | 'keys' | 'emptyKeys'> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { format: 'not-json', keys: [], emptyKeys: [] };
  const entries = Object.entries(parsed as Record<string, unknown>);
  return { format: 'json', keys: entries.map(([k]) => k).sort(), emptyKeys: entries.filter(([, v]) => v === '' || v === null).map(([k]) => k).sort() };
}

function toSecret(s: SecretListEntry | DescribeSecretResponse): SecretInfo {
  return {
    arn: s.ARN ?? '', name: s.Name ?? '', description: s.Description, tags: tagRecord(s.Tags),
    createdAt: s.CreatedDate, lastChangedAt: s.LastChangedDate, deletedAt: s.DeletedDate,
  };
}
