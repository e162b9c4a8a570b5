// The two AWS facade methods breakglass added: sts.assumeRole (a read for the gate; the credentials are redacted)
// and secretsManager.getSecretKeys (key names only; nothing registered, so a region value does not mask every ARN).
import { describe, expect, it } from 'vitest';
import { awsPerTest, EXAMPLE } from './harness.js';

const start = awsPerTest();
const NAME = 'pr-7-ephemeral/application/aws/client';

describe('sts.assumeRole', () => {
  it('is allowed in a read-only run, returns the session and registers its secret parts for redaction', async () => {
    const h = await start({ fixture: EXAMPLE, ceiling: 'read' });
    const c = await h.aws.sts.assumeRole({ roleArn: 'arn:aws:iam::111111111111:role/breakglass-read', sessionName: 'jetscale-diagnose', policy: '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}', durationSeconds: 900 });
    expect(c).toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/), assumedRoleArn: 'arn:aws:sts::111111111111:assumed-role/breakglass-read/jetscale-diagnose' });
    expect(h.secrets.redact(`${c.secretAccessKey} ${c.sessionToken}`)).toBe('*** ***');
    expect(h.gate.transcript).toMatchObject([{ channel: 'aws', operation: 'sts:AssumeRole', target: 'arn:aws:iam::111111111111:role/breakglass-read', effect: 'read', status: 'ran' }]);
    expect(h.sim.requests[0]).toMatchObject({ operation: 'AssumeRole', params: { DurationSeconds: '900' } });
  });
});

describe('secretsManager.getSecretKeys', () => {
  it('returns key names and empty keys, never a value, and registers nothing', async () => {
    const h = await start({ fixture: { secretsManager: { secrets: [{ name: NAME, value: { JETSCALE_CLIENT_AWS_REGION: 'us-east-1', JETSCALE_CLIENT_AWS_ROLE_ARN: '', B: 'fake-value-0001' } }, { name: 'plain', value: 'not json at all' }] } } });
    const registered = h.secrets.size;
    const keys = await h.aws.secretsManager.getSecretKeys(NAME);
    expect(keys).toEqual({ arn: expect.stringContaining(':secret:'), name: NAME, format: 'json', keys: ['B', 'JETSCALE_CLIENT_AWS_REGION', 'JETSCALE_CLIENT_AWS_ROLE_ARN'], emptyKeys: ['JETSCALE_CLIENT_AWS_ROLE_ARN'] });
    expect(JSON.stringify(keys)).not.toContain('fake-value-0001');
    expect(h.secrets.size).toBe(registered);
    expect(h.secrets.redact('arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/x')).toContain('us-east-1');
    expect(await h.aws.secretsManager.getSecretKeys('plain')).toMatchObject({ format: 'not-json', keys: [] });
    expect(h.sim.requests.map((r) => r.operation)).toEqual(['GetSecretValue', 'GetSecretValue']);
  });
});
