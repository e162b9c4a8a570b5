// values.schema.json and the template guards turn mistakes in env files into render failures.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { helmTemplate } from '../support/helm/helm-cli.js';
import { chartDir, envsDir, helmOrSkipReason } from './paths.js';

const helm = helmOrSkipReason();
const scratch = mkdtempSync(join(tmpdir(), 'jetscale-schema-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const LIVE = [join(envsDir, 'aws.yaml'), join(envsDir, 'live', 'default.yaml'), join(envsDir, 'live', 'console.yaml')];

// Renders the live console layering plus one extra env file with the given content.
async function renderWith(name: string, yaml: string, base: string[] = LIVE): Promise<{ exitCode: number; stderr: string }> {
  const file = join(scratch, `${name}.yaml`);
  writeFileSync(file, yaml);
  return helmTemplate(helm, chartDir, [...base, file]);
}

describe.skipIf(!helm)('values.schema.json guards', () => {
  it('control: the untouched live layering renders', async () => {
    const run = await renderWith('control', '{}\n');
    expect(run.exitCode, run.stderr).toBe(0);
  });

  it.each([
    ['misspelt top-level key', 'ingres:\n  enabled: true\n', /additional propert(y|ies) 'ingres' not allowed/],
    ['misspelt nested key', 'externalSecret:\n  irsaRoleArm: arn:aws:iam::111111111111:role/x\n', /irsaRoleArm/],
    ['misspelt global key', 'global:\n  projectName: console\n', /projectName/],
    ['unquoted numeric annotation', 'ingress:\n  annotations:\n    alb.ingress.kubernetes.io/ssl-redirect: 443\n', /ssl-redirect/],
    ['malformed certificate ARN', 'ingress:\n  annotations:\n    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:us-east-1:123:certificate/nope\n', /certificate-arn/],
    ['malformed IRSA role ARN', 'externalSecret:\n  irsaRoleArn: role/external-secrets\n', /irsaRoleArn/],
    ['host that is not an FQDN', 'ingress:\n  hosts:\n    Console_Jetscale: {}\n', /Console_Jetscale/],
    ['unknown env kind', 'global:\n  env: production\n', /env/],
    ['envFrom kind that is not a ref', 'backend-api:\n  envFrom:\n    db-secret: secret\n', /envFrom/],
    ['unquoted float image tag', 'frontend:\n  image:\n    tag: 2.7\n', /tag/],
  ])('rejects a %s', async (name, yaml, message) => {
    const run = await renderWith(name.replace(/\W+/g, '-'), yaml);
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toMatch(/values don't meet the specifications of the schema/);
    expect(run.stderr).toMatch(message);
  });
});

describe.skipIf(!helm)('template guards', () => {
  it('fails with an actionable message when ingress is enabled without hosts', async () => {
    const run = await renderWith('no-hosts', 'ingress:\n  hosts: null\n');
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toMatch(/ingress\.enabled is true but ingress\.hosts is empty: set ingress\.hosts\.<fqdn>/);
  });

  it('falls back to <client_name>-<env> when awsSecretPrefix is empty (never a bare "/application/...")', async () => {
    const file = join(scratch, 'no-prefix.yaml');
    writeFileSync(file, 'externalSecret:\n  awsSecretPrefix: ""\n');
    const run = await helmTemplate(helm, chartDir, [...LIVE, file]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain('key: "jetscale-prod/application/encryption_key"');
    expect(run.stdout).not.toMatch(/key: "\//);
  });

  it('fails instead of building a secret path without a project name', async () => {
    const run = await renderWith('no-project', 'global:\n  project_name: ""\n');
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toMatch(/global\.project_name is empty/);
  });

  it('refuses placeholder test secrets next to External Secrets', async () => {
    const run = await renderWith('test-secrets', 'testSecrets:\n  enabled: true\n');
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toMatch(/testSecrets\.enabled and externalSecret\.enabled are both true/);
  });
});
