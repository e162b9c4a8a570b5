// Secrets Manager facade: find an environment's secrets, read a value (registered for redaction), schedule deletion.
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

/** Recovery window (7–30 days) or immediate deletion without recovery. */
export type DeleteSecretMode = { recoveryWindowInDays: number } | { force: true };

/** The Secrets Manager operations jetscale uses. */
export interface SecretsManagerFacade {
  listSecrets(filters?: SecretFilter[], opts?: { includePlannedDeletion?: boolean }): Promise<SecretInfo[]>;
  describeSecret(secretId: string): Promise<SecretInfo>;
  /** The current value; it is registered with the run's redactor before it is returned. */
  getSecretValue(secretId: string): Promise<{ arn: string; name: string; versionId: string | undefined; value: string }>;
  deleteSecret(secretId: string, mode: DeleteSecretMode): Promise<Performed<{ arn: string; name: string; deletionDate: Date | undefined }>>;
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
    async deleteSecret(secretId, mode) {
      const { DeleteSecretCommand: C } = await sdk();
      const input = 'force' in mode ? { SecretId: secretId, ForceDeleteWithoutRecovery: true } : { SecretId: secretId, RecoveryWindowInDays: mode.recoveryWindowInDays };
      return toPerformed(await (await client()).send(new C(input), clients.sendOptions), (o) => ({ arn: o.ARN ?? '', name: o.Name ?? '', deletionDate: o.DeletionDate }));
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

function toSecret(s: SecretListEntry | DescribeSecretResponse): SecretInfo {
  return {
    arn: s.ARN ?? '', name: s.Name ?? '', description: s.Description, tags: tagRecord(s.Tags),
    createdAt: s.CreatedDate, lastChangedAt: s.LastChangedDate, deletedAt: s.DeletedDate,
  };
}
