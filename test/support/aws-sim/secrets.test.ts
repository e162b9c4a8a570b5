// Secrets Manager against the real SDK client: create/put/get, scheduled deletion and restore, ListSecrets filters and pages.
import {
  CreateSecretCommand, DeleteSecretCommand, DescribeSecretCommand, GetSecretValueCommand, InvalidParameterException,
  InvalidRequestException, ListSecretsCommand, PutSecretValueCommand, ResourceExistsException, ResourceNotFoundException,
  RestoreSecretCommand, paginateListSecrets,
} from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import type { AwsSim, AwsSimOptions } from './index.js';
import { EXAMPLE_FIXTURE as EXAMPLE, simPerTest } from './per-test.js';
import type { SimClients } from './sdk-clients.js';

const ID = 'pr-7-ephemeral/application/aws/client';
let sim: AwsSim;
let c: SimClients;
const boot = simPerTest((s, clients) => ((sim = s), (c = clients)));
const start = (fixture: AwsSimOptions['fixture']) => boot({ fixture });

describe('Secrets Manager', () => {
  it('reads the example secret as JSON with a realistic ARN', async () => {
    await start(EXAMPLE);
    const out = await c.secrets.send(new GetSecretValueCommand({ SecretId: ID }));
    expect(JSON.parse(out.SecretString ?? '{}')).toMatchObject({ AWS_REGION: 'us-east-1' });
    expect(out.ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:111111111111:secret:pr-7-ephemeral\/application\/aws\/client-[A-Za-z]{6}$/);
    expect(out.VersionStages).toEqual(['AWSCURRENT']);
    // Lookup by ARN works as well as by name.
    await expect(c.secrets.send(new DescribeSecretCommand({ SecretId: out.ARN }))).resolves.toMatchObject({ Name: ID });
  });

  it('schedules deletion, rejects reads and writes until restored', async () => {
    await start(EXAMPLE);
    const del = await c.secrets.send(new DeleteSecretCommand({ SecretId: ID, RecoveryWindowInDays: 7 }));
    expect(del.DeletionDate?.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    expect((await c.secrets.send(new DescribeSecretCommand({ SecretId: ID }))).DeletedDate).toBeInstanceOf(Date);
    await expect(c.secrets.send(new GetSecretValueCommand({ SecretId: ID }))).rejects.toBeInstanceOf(InvalidRequestException);
    await expect(c.secrets.send(new PutSecretValueCommand({ SecretId: ID, SecretString: 'x' }))).rejects.toBeInstanceOf(InvalidRequestException);
    await expect(c.secrets.send(new CreateSecretCommand({ Name: ID, SecretString: 'x' }))).rejects.toBeInstanceOf(InvalidRequestException);
    expect((await c.secrets.send(new ListSecretsCommand({}))).SecretList).toEqual([]);
    expect((await c.secrets.send(new ListSecretsCommand({ IncludePlannedDeletion: true }))).SecretList).toHaveLength(1);
    await c.secrets.send(new RestoreSecretCommand({ SecretId: ID }));
    expect((await c.secrets.send(new DescribeSecretCommand({ SecretId: ID }))).DeletedDate).toBeUndefined();
    await expect(c.secrets.send(new GetSecretValueCommand({ SecretId: ID }))).resolves.toMatchObject({ Name: ID });
  });

  it('validates DeleteSecret options and force-deletes without recovery', async () => {
    await start(EXAMPLE);
    await expect(c.secrets.send(new DeleteSecretCommand({ SecretId: ID, RecoveryWindowInDays: 7, ForceDeleteWithoutRecovery: true }))).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(c.secrets.send(new DeleteSecretCommand({ SecretId: ID, RecoveryWindowInDays: 3 }))).rejects.toBeInstanceOf(InvalidParameterException);
    await c.secrets.send(new DeleteSecretCommand({ SecretId: ID, ForceDeleteWithoutRecovery: true }));
    await expect(c.secrets.send(new DescribeSecretCommand({ SecretId: ID }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    expect(sim.list('secretsmanager:secret')).toEqual([]);
  });

  it('creates secrets, rotates AWSCURRENT/AWSPREVIOUS on put, and refuses duplicates', async () => {
    await start({});
    const created = await c.secrets.send(new CreateSecretCommand({ Name: 'pr-9-ephemeral/x', Tags: [{ Key: 'jetscale.env_id', Value: 'pr-9' }] }));
    await expect(c.secrets.send(new GetSecretValueCommand({ SecretId: 'pr-9-ephemeral/x' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    const v1 = await c.secrets.send(new PutSecretValueCommand({ SecretId: created.ARN, SecretString: 'one' }));
    const v2 = await c.secrets.send(new PutSecretValueCommand({ SecretId: created.ARN, SecretString: 'two' }));
    const d = await c.secrets.send(new DescribeSecretCommand({ SecretId: 'pr-9-ephemeral/x' }));
    expect(d.VersionIdsToStages).toEqual({ [v1.VersionId ?? '']: ['AWSPREVIOUS'], [v2.VersionId ?? '']: ['AWSCURRENT'] });
    expect(d.Tags).toEqual([{ Key: 'jetscale.env_id', Value: 'pr-9' }]);
    expect((await c.secrets.send(new GetSecretValueCommand({ SecretId: 'pr-9-ephemeral/x' }))).SecretString).toBe('two');
    await expect(c.secrets.send(new CreateSecretCommand({ Name: 'pr-9-ephemeral/x' }))).rejects.toBeInstanceOf(ResourceExistsException);
  });

  it('finds a secret by partial ARN (no random suffix), as Secrets Manager does, with its documented ambiguity', async () => {
    await start({ secretsManager: { secrets: [{ name: ID, value: 'one' }, { name: 'db-abcdef', value: 'two' }] } });
    const full = sim.list('secretsmanager:secret')[0]?.arn ?? '';
    const partial = `arn:aws:secretsmanager:us-east-1:111111111111:secret:${ID}`;
    expect(full).toBe(`${partial}${full.slice(partial.length)}`);
    expect((await c.secrets.send(new GetSecretValueCommand({ SecretId: partial }))).SecretString).toBe('one');
    await expect(c.secrets.send(new DescribeSecretCommand({ SecretId: partial }))).resolves.toMatchObject({ ARN: full, Name: ID });
    // A name ending in "-" and six characters makes the partial ARN look complete, so it is not found.
    await expect(c.secrets.send(new GetSecretValueCommand({ SecretId: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:db-abcdef' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(c.secrets.send(new GetSecretValueCommand({ SecretId: 'db-abcdef' }))).resolves.toMatchObject({ SecretString: 'two' });
    await expect(c.secrets.send(new GetSecretValueCommand({ SecretId: partial.replace('111111111111', '222222222222') }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(c.secrets.send(new GetSecretValueCommand({ SecretId: 'arn:aws:iam::111111111111:role/x' }))).rejects.toBeInstanceOf(InvalidParameterException);
  });

  it('filters ListSecrets by tag-key, tag-value and name prefix, and pages with NextToken', async () => {
    const secrets = Array.from({ length: 7 }, (_, i) => ({ name: `pr-${i}-ephemeral/app`, tags: { 'jetscale.env_id': `pr-${i}`, ...(i % 2 ? { odd: 'yes' } : {}) } }));
    await start({ secretsManager: { secrets: [...secrets, { name: 'prod/db', tags: { team: 'core' } }] } });
    const names = async (Filters: { Key: 'tag-key' | 'tag-value' | 'name'; Values: string[] }[]) =>
      (await c.secrets.send(new ListSecretsCommand({ Filters }))).SecretList?.map((s) => s.Name);
    expect(await names([{ Key: 'tag-key', Values: ['odd'] }])).toEqual(['pr-1-ephemeral/app', 'pr-3-ephemeral/app', 'pr-5-ephemeral/app']);
    expect(await names([{ Key: 'tag-value', Values: ['pr-2', 'pr-4'] }])).toEqual(['pr-2-ephemeral/app', 'pr-4-ephemeral/app']);
    expect(await names([{ Key: 'name', Values: ['prod'] }])).toEqual(['prod/db']);
    expect(await names([{ Key: 'name', Values: ['pr-'] }, { Key: 'tag-key', Values: ['!odd'] }])).toHaveLength(4);
    sim.clearRequests();
    const all: string[] = [];
    for await (const page of paginateListSecrets({ client: c.secrets, pageSize: 3 }, {})) all.push(...(page.SecretList ?? []).map((s) => s.Name ?? ''));
    expect(all).toHaveLength(8);
    expect(new Set(all).size).toBe(8);
    expect(sim.requests.map((r) => r.params.NextToken === undefined)).toEqual([true, false, false]);
  });
});
