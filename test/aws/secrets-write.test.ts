// The write operations ephemeral:deploy adds to the facades, against the simulator: create / put / restore a secret
// (values redacted from every record) and a server-side S3 copy; under --dry-run each is recorded and nothing is sent.
import { describe, expect, it } from 'vitest';
import { awsPerTest } from './harness.js';

const start = awsPerTest();
const SECRET = 'pr-7-ephemeral/application/aws/client';
const VALUE = JSON.stringify({ JETSCALE_CLIENT_AWS_ROLE_EXTERNAL_ID: 'ext-id-4455-not-real' });

describe('Secrets Manager writes', () => {
  it('creates a secret, stores a new value and restores it from scheduled deletion', async () => {
    const { aws, sim, gate, secrets } = await start({ fixture: {} });
    const created = await aws.secretsManager.createSecret({ name: SECRET, value: VALUE, description: 'client config', tags: { 'jetscale.env_id': 'pr-7' }, clientRequestToken: '11111111-2222-4333-8444-555555555555' });
    expect(created).toMatchObject({ skipped: false, value: { name: SECRET, arn: expect.stringContaining(':secret:pr-7-ephemeral/application/aws/client-') } });
    expect(secrets.redact('id ext-id-4455-not-real')).not.toContain('ext-id-4455-not-real');
    expect(sim.list('secretsmanager:secret').map((s) => [s.name, s.tags])).toEqual([[SECRET, { 'jetscale.env_id': 'pr-7' }]]);
    await aws.secretsManager.putSecretValue(SECRET, '{"x":"second-value-9"}');
    expect((await aws.secretsManager.getSecretValue(SECRET)).value).toBe('{"x":"second-value-9"}');
    await aws.secretsManager.deleteSecret(SECRET, { recoveryWindowInDays: 7 });
    expect((await aws.secretsManager.describeSecret(SECRET)).deletedAt).toBeInstanceOf(Date);
    expect(await aws.secretsManager.restoreSecret(SECRET)).toMatchObject({ skipped: false, value: { name: SECRET } });
    expect((await aws.secretsManager.describeSecret(SECRET)).deletedAt).toBeUndefined();
    const writes = gate.transcript.filter((r) => r.effect === 'write');
    expect(writes.map((r) => [r.operation, r.target, r.status])).toEqual([
      ['secretsmanager:CreateSecret', SECRET, 'ran'], ['secretsmanager:PutSecretValue', SECRET, 'ran'], ['secretsmanager:RestoreSecret', SECRET, 'ran'],
    ]);
    expect(JSON.stringify(gate.transcript)).not.toMatch(/ext-id-4455|second-value-9/);
  });

  it('--dry-run records the writes and sends none of them', async () => {
    const { aws, sim, gate } = await start({ fixture: {}, dryRun: true });
    expect((await aws.secretsManager.createSecret({ name: SECRET, value: VALUE })).skipped).toBe(true);
    expect((await aws.secretsManager.putSecretValue(SECRET, VALUE)).skipped).toBe(true);
    expect((await aws.secretsManager.restoreSecret(SECRET)).skipped).toBe(true);
    expect(sim.requests).toEqual([]);
    expect(gate.transcript.map((r) => r.status)).toEqual(['recorded', 'recorded', 'recorded']);
  });
});

describe('S3 copyObject', () => {
  it('copies the state object to a backup key (a write), and is recorded under --dry-run', async () => {
    const fixture = { s3: { buckets: [{ name: 'tfstate', objects: { 'ephemeral/pr-7/terraform.tfstate': { serial: 9 } } }] } };
    const { aws, sim, gate } = await start({ fixture });
    const from = { bucket: 'tfstate', key: 'ephemeral/pr-7/terraform.tfstate' };
    const to = { bucket: 'tfstate', key: 'ephemeral/pr-7/backups/2026-01-01T00-00-00Z.tfstate' };
    expect(await aws.s3.copyObject(from, to)).toMatchObject({ skipped: false, value: { etag: expect.stringMatching(/^"[0-9a-f]{32}"$/) } });
    expect(sim.list('s3:object').find((o) => o.key === to.key)?.body).toBe('{"serial":9}');
    expect(gate.transcript.at(-1)).toMatchObject({ operation: 's3:CopyObject', effect: 'write', status: 'ran', target: `s3://tfstate/${to.key} (from tfstate/${from.key})` });
  });
});
