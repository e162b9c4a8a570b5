// Preflight through the CLI: every check runs, every failure is reported together, and nothing is deployed when one
// fails (exit 3); the client secret is created with the documented default when missing, restored when scheduled
// for deletion, and never printed.
import { afterEach, describe, expect, it } from 'vitest';
import { awsFixture, CLIENT_SECRET, ENV, kubeFixture, makeWorld, type World } from './deploy-support/world.js';
import { skipReason } from './deploy-support/skip.js';

const SKIP = skipReason();
if (SKIP) console.warn(`ephemeral:deploy preflight tests skipped: ${SKIP}`);

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const releases = (world: World) => world.kube.list('Secret', ENV).filter((s) => s.type === 'helm.sh/release.v1');
const helmRan = (r: Awaited<ReturnType<World['run']>>) => r.json().transcript.some((t) => t.operation.startsWith('helm upgrade'));

describe.skipIf(SKIP !== '')('ephemeral:deploy preflight', () => {
  it('a client secret without a required key fails with exit 3 before any helm call, naming the key and never a value', async () => {
    w = await makeWorld({ aws: awsFixture({ clientSecret: { JETSCALE_CLIENT_AWS_REGION: 'us-east-1', JETSCALE_CLIENT_AWS_ROLE_ARN: 'arn:aws:iam::111111111111:role/value-that-must-not-print' } }) });
    const r = await w.run([]);
    expect(r.code).toBe(3);
    expect(r.json().error).toMatchObject({ code: 'E_PREFLIGHT' });
    expect(r.json().error?.tail).toContain(`✗ client secret: ${CLIENT_SECRET}: missing key(s) JETSCALE_CLIENT_AWS_ROLE_EXTERNAL_ID`);
    expect(r.stdout + r.stderr).not.toContain('value-that-must-not-print');
    expect(helmRan(r)).toBe(false);
    expect(releases(w)).toEqual([]);
    // Humans own values: the secret was not overwritten.
    expect(w.aws.requests.map((q) => q.operation)).not.toContain('PutSecretValue');
  });

  it('reports every failing check at once: ESO missing and no registry token', async () => {
    w = await makeWorld({ kube: kubeFixture({ eso: false }) });
    const r = await w.run([], { env: { JETSCALEBOT_GHCR_PULL_TOKEN: '' } });
    expect(r.code).toBe(3);
    const tail = r.json().error?.tail ?? '';
    expect(tail).toContain('✗ external secrets operator: Deployment external-secrets-system/external-secrets is NotFound');
    expect(tail).toContain('✗ registry pull secret: pr-7/jetscale-registry-secret does not exist and JETSCALEBOT_GHCR_PULL_TOKEN is not set');
    expect(r.json().error?.message).toContain('preflight failed (2 of 5 checks)');
    expect(helmRan(r)).toBe(false);
    // The checks that could pass did their part (the placeholder exists), concurrently with the failing ones.
    expect(w.kube.get('Secret', ENV, `${ENV}-app-secrets`)).toBeDefined();
  });

  it('a missing client secret is created with the default payload; one scheduled for deletion is restored, and the run says so', async () => {
    w = await makeWorld({ aws: awsFixture({ clientSecret: false }) });
    const created = await w.run([]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.json().events?.some((e) => e.step === 'preflight' && e.message === `created Secrets Manager secret ${CLIENT_SECRET}`)).toBe(true);
    const secret = w.aws.list('secretsmanager:secret').find((s) => s.name === CLIENT_SECRET);
    const current = secret?.versions.find((v) => v.stages.includes('AWSCURRENT'))?.value ?? '{}';
    expect(Object.keys(JSON.parse(current) as object).sort()).toEqual(['JETSCALE_CLIENT_AWS_REGION', 'JETSCALE_CLIENT_AWS_ROLE_ARN', 'JETSCALE_CLIENT_AWS_ROLE_EXTERNAL_ID']);
    await w.close();

    const fixture = awsFixture();
    fixture.secretsManager!.secrets![0]!.deletedAt = new Date('2026-01-01T00:00:00Z');
    w = await makeWorld({ aws: fixture });
    const restored = await w.run([]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.json().events?.some((e) => e.message.startsWith(`restored Secrets Manager secret ${CLIENT_SECRET}, which was scheduled for deletion`))).toBe(true);
    expect(w.aws.list('secretsmanager:secret').find((s) => s.name === CLIENT_SECRET)?.deletedAt).toBeUndefined();
  });
});
