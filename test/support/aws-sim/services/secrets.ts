// Secrets Manager (JSON 1.1): create, read, write, schedule deletion and restore, with the real service's rules.
import { parseSecretArn } from '../arns.js';
import { ParamError, SimError } from '../errors.js';
import * as ids from '../ids.js';
import type { Secret } from '../model.js';
import { tagList } from '../model.js';
import { objList, optBool, optInt, optStr, reqStr } from '../protocol/params.js';
import type { SimState } from '../state.js';
import type { Handler } from './context.js';

function find(state: SimState, id: string): Secret {
  // A SecretId is a name or an ARN; names cannot contain ':', so an "arn:" id that is not a secret ARN is malformed.
  if (id.startsWith('arn:') && !parseSecretArn(id)) throw new ParamError(`Invalid SecretId: '${id}' is not a Secrets Manager secret ARN`);
  const s = state.findSecret(id);
  if (!s) throw new SimError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
  return s;
}

function notScheduled(s: Secret, verb: string): void {
  if (s.deletedAt) throw new SimError('InvalidRequestException', `You can't perform this operation on the secret because it was marked for deletion. (${verb})`);
}

/** The DescribeSecret / ListSecrets entry of one secret. */
export function describeEntry(s: Secret): Record<string, unknown> {
  return {
    ARN: s.arn, Name: s.name, Description: s.description, CreatedDate: s.createdAt, LastChangedDate: s.lastChangedAt,
    DeletedDate: s.deletedAt, Tags: tagList(s.tags),
    VersionIdsToStages: Object.fromEntries(s.versions.filter((v) => v.stages.length).map((v) => [v.id, v.stages])),
  };
}

// Adding a version moves AWSCURRENT to it and AWSPREVIOUS to the old current, as PutSecretValue does.
function addVersion(s: Secret, id: string, value: string, now: Date): void {
  for (const v of s.versions) v.stages = v.stages.filter((x) => x !== 'AWSPREVIOUS');
  for (const v of s.versions) if (v.stages.includes('AWSCURRENT')) v.stages = [...v.stages.filter((x) => x !== 'AWSCURRENT'), 'AWSPREVIOUS'];
  s.versions.push({ id, value, stages: ['AWSCURRENT'], createdAt: now });
  s.lastChangedAt = now;
}

const describeSecret: Handler = (p, { state }) => describeEntry(find(state, reqStr(p, 'SecretId')));

const getSecretValue: Handler = (p, { state }) => {
  const s = find(state, reqStr(p, 'SecretId'));
  notScheduled(s, 'GetSecretValue');
  const versionId = optStr(p, 'VersionId');
  const stage = optStr(p, 'VersionStage') ?? (versionId ? undefined : 'AWSCURRENT');
  const v = s.versions.find((x) => (versionId === undefined || x.id === versionId) && (stage === undefined || x.stages.includes(stage)));
  if (!v) throw new SimError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for ${versionId ? `VersionId: ${versionId}` : `staging label: ${stage}`}`);
  return { ARN: s.arn, Name: s.name, VersionId: v.id, SecretString: v.value, VersionStages: v.stages, CreatedDate: v.createdAt };
};

const createSecret: Handler = (p, { state, now }) => {
  const name = reqStr(p, 'Name');
  const existing = state.secrets.get(name);
  if (existing?.deletedAt) throw new SimError('InvalidRequestException', "You can't create this secret because a secret with this name is already scheduled for deletion.");
  if (existing) throw new SimError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
  const tags: Record<string, string> = {};
  for (const t of objList(p, 'Tags')) tags[String(t.Key)] = String(t.Value ?? '');
  const s: Secret = { name, arn: ids.secretArn(state, name), description: optStr(p, 'Description'), createdAt: now, lastChangedAt: now, deletedAt: undefined, deletionDate: undefined, tags, versions: [] };
  const value = optStr(p, 'SecretString');
  const versionId = optStr(p, 'ClientRequestToken') ?? ids.newId();
  if (value !== undefined) addVersion(s, versionId, value, now);
  state.secrets.set(name, s);
  return { ARN: s.arn, Name: s.name, VersionId: value === undefined ? undefined : versionId };
};

const putSecretValue: Handler = (p, { state, now }) => {
  const s = find(state, reqStr(p, 'SecretId'));
  notScheduled(s, 'PutSecretValue');
  const value = reqStr(p, 'SecretString');
  const versionId = optStr(p, 'ClientRequestToken') ?? ids.newId();
  const same = s.versions.find((v) => v.id === versionId);
  if (same && same.value !== value) throw new SimError('ResourceExistsException', `A version with ClientRequestToken ${versionId} already exists with a different value.`);
  if (!same) addVersion(s, versionId, value, now);
  const v = s.versions.find((x) => x.id === versionId);
  return { ARN: s.arn, Name: s.name, VersionId: versionId, VersionStages: v?.stages ?? [] };
};

/** DeleteSecret: a 7-30 day recovery window (default 30) or ForceDeleteWithoutRecovery, never both. */
const deleteSecret: Handler = (p, { state, now, staleReads }) => {
  const s = find(state, reqStr(p, 'SecretId'));
  const days = optInt(p, 'RecoveryWindowInDays', 7, 30);
  const force = optBool(p, 'ForceDeleteWithoutRecovery') ?? false;
  if (force && days !== undefined) throw new ParamError("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
  if (force) {
    state.secrets.delete(s.name);
    state.ghosts.secrets.add(s.name, s, staleReads);
    return { ARN: s.arn, Name: s.name, DeletionDate: now };
  }
  if (s.deletedAt) throw new SimError('InvalidRequestException', 'You tried to perform the operation on a secret that is currently marked deleted.');
  s.deletedAt = now;
  s.deletionDate = new Date(now.getTime() + (days ?? 30) * 86_400_000);
  return { ARN: s.arn, Name: s.name, DeletionDate: s.deletionDate };
};

/** RestoreSecret: cancels a scheduled deletion (a no-op on a live secret). */
const restoreSecret: Handler = (p, { state }) => {
  const s = find(state, reqStr(p, 'SecretId'));
  s.deletedAt = undefined;
  s.deletionDate = undefined;
  return { ARN: s.arn, Name: s.name };
};

/** Secrets Manager operations except ListSecrets (which lives in secrets-list.ts). */
export const secretsHandlers: Record<string, Handler> = {
  DescribeSecret: describeSecret,
  GetSecretValue: getSecretValue,
  CreateSecret: createSecret,
  PutSecretValue: putSecretValue,
  DeleteSecret: deleteSecret,
  RestoreSecret: restoreSecret,
};
