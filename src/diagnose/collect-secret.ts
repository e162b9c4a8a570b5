// Reads the live secret contract's secret `<prefix>/application/aws/client`: whether it exists, is scheduled for
// deletion, and which keys its JSON value has. Only key names (and which keys are empty) are ever read back: the
// facade drops the value before returning.
import { isAwsNotFound, type Aws } from '../aws/index.js';
import type { ClientSecretFacts } from '../health/index.js';

/** Describes the secret and lists its value's keys. */
export async function collectClientSecret(aws: Aws, name: string): Promise<ClientSecretFacts> {
  let deletedAt: Date | undefined;
  try {
    deletedAt = (await aws.secretsManager.describeSecret(name)).deletedAt;
  } catch (error) {
    if (isAwsNotFound(error)) return { name, exists: false };
    throw error;
  }
  if (deletedAt) return { name, exists: true, deletedAt };
  const { format, keys, emptyKeys } = await aws.secretsManager.getSecretKeys(name);
  return format === 'json' ? { name, exists: true, format, keys, emptyKeys } : { name, exists: true, format };
}
