// Committed secrets: literal values under secret-looking keys, known credential formats and random-looking
// strings are flagged at their file:line; references, public ids and documented placeholders are not.
import { describe, expect, it } from 'vitest';
import { entropy, looksRandom, scanForSecrets, secretProblem } from '../../src/policy/committed-secrets.js';
import { parseValuesFile } from '../../src/values/load-yaml.js';
import type { ValuesDoc } from '../../src/values/values-doc.js';

function doc(file: string, text: string): ValuesDoc {
  const r = parseValuesFile(text, file);
  if (!r.doc) throw new Error(`fixture ${file} does not parse: ${JSON.stringify(r.findings)}`);
  return r.doc;
}

// Built at run time so this test file itself holds no credential-shaped literal.
const AWS_KEY = ['AKIA', 'Q3EGRT7XKZ5MWN2P'].join('');
const GH_TOKEN = ['ghp', '_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'].join('');
const JWT = ['eyJhbGciOiJIUzI1NiJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', 'dBjftJeZ4CVPmB92K27uhbUJU1p1r'].join('.');
const SLACK = ['xoxb', '-', '123456789012-abcdefABCDEF'].join('');
const PEM = ['-----BEGIN', 'RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----'].join(' ');
const RANDOM = 'Zx9Qm2Lp7Rt4Vw8Ky3Nb6Hc1';

describe('secretProblem', () => {
  it.each([
    // literal values under secret-looking keys
    ['DB_PASSWORD', 'hunter2hunter2', /"DB_PASSWORD" holds a literal value/],
    ['password', 'hunter2', /holds a literal value/],
    ['passwd', 'hunter2', /holds a literal value/],
    ['GITHUB_TOKEN', 'abc', /holds a literal value/],
    ['apiKey', 'abc', /holds a literal value/],
    ['private_key', 'abc', /holds a literal value/],
    ['client_secret', 'abc', /holds a literal value/],
    ['AWS_ACCESS_KEY', 'abc', /holds a literal value/],
    // secret words anywhere in the key, and values that only look like examples
    ['JWT_SECRET_KEY', 'hunter2hunter2', /holds a literal value/],
    ['SECRET_KEY_BASE', 's3cr3tbase', /holds a literal value/],
    ['DB_PASSWORD_PROD', 'hunter2', /holds a literal value/],
    ['ENCRYPTION_KEY', '0123456789abcdef0123456789abcdef', /holds a literal value/],
    ['jwtSigningKey', 'abc123', /holds a literal value/],
    ['DB_PASSWORD', 'example-db-password-Zx9!', /holds a literal value/],
    ['DATABASE_URL', ['postgres://app:', 'Tr0ub4dor3xyz', '@db.internal:5432/app'].join(''), /a URL with a password/],
    ['blob', ['wJalrXUtnFEMI', '/K7MDENG/bPxRfiCY', 'EXAMPLEKEY'].join(''), /random credential/],
    // known formats under any key
    ['UPSTREAM_ID', AWS_KEY, /an AWS access key id/],
    ['note', GH_TOKEN, /a GitHub token/],
    ['cert', PEM, /a private key/],
    ['header', JWT, /a JSON Web Token/],
    ['hook', SLACK, /a Slack token/],
    // random-looking
    ['salt', RANDOM, /random credential/],
  ])('%s: %s → %s', (key, value, want) => {
    expect(secretProblem(key, value)).toMatch(want);
  });

  it.each([
    ['password', 'placeholder-not-a-secret'],
    ['password', 'changeme'],
    ['DB_PASSWORD', ''],
    ['DB_PASSWORD', 12345678],
    ['DB_PASSWORD', true],
    ['secretPath', 'acme/database/console'],
    ['awsSecretPrefix', 'acme-staging'],
    ['secretStoreName', 'jetscale-secrets-store'],
    ['existingSecret', 'db-creds'],
    ['imagePullSecrets', 'ghcr-registry-secret'],
    ['db-secret', 'secretRef'],
    ['token', 'configMapRef'],
    ['irsaRoleArn', 'arn:aws:iam::111111111111:role/acme-staging-external-secrets-role'],
    ['secret', 'arn:aws:secretsmanager:us-east-1:111111111111:secret:acme/app'],
    ['id', '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'],
    ['host', 'acme-staging.jetscale.ai'],
    ['repository', '111111111111.dkr.ecr.us-east-1.amazonaws.com/acme-staging-backend'],
    ['VITE_API_BASE_URL', 'https://acme-staging.jetscale.ai'],
    ['tag', '4.6.12'],
  ])('%s: %j is fine', (key, value) => {
    expect(secretProblem(key, value)).toBeUndefined();
  });

  // Product bug: REFERENCE_KEY's `Secrets?$` (meant for `testSecrets`, `imagePullSecrets`, `existingSecret`) also
  // exempts every camelCase key ending in "Secret", so SECRET_KEY's `client[_-]?secret` can never fire for
  // `clientSecret`, the usual Helm spelling; a literal value there passes while `client_secret` is caught.
  it('flags a literal value under the camelCase key clientSecret, as it does under client_secret', () => {
    expect(secretProblem('client_secret', 'hunter2hunter2')).toMatch(/holds a literal value/);
    expect(secretProblem('clientSecret', 'hunter2hunter2')).toMatch(/holds a literal value/);
  });
});

describe('entropy and looksRandom', () => {
  it('measures bits per character', () => {
    expect(entropy('aaaa')).toBe(0);
    expect(entropy('abab')).toBe(1);
    expect(entropy('abcd')).toBe(2);
  });

  it.each([
    [RANDOM, true],
    ['Zx9Qm2Lp7Rt4Vw8Ky3N', false], // 19 chars
    ['zx9qm2lp7rt4vw8ky3nb6hc1', false], // no upper case
    ['Zx9Qm2Lp7-Rt4Vw8Ky3Nb6Hc1', false], // a name, not a key
    ['AAAAAAAAAAaaaaaaaaaa1111111111', false], // low entropy
  ])('%s → %s', (s, want) => {
    expect(looksRandom(s)).toBe(want);
  });
});

describe('scanForSecrets', () => {
  it('reports each secret once, at its own line and column, in the file that holds it', () => {
    const text = [
      'global:', //                                    1
      '  project_name: console', //                    2
      'frontend:', //                                  3
      '  env:', //                                     4
      '    VITE_API_BASE_URL: https://x.jetscale.ai', // 5
      '    DB_PASSWORD: "hunter2hunter2"', //           6
      'backend-api:', //                               7
      '  args:', //                                    8
      '    - --key', //                                9
      `    - ${AWS_KEY}`, //                           10
      '  envFrom:', //                                 11
      '    db-secret: secretRef', //                   12
    ].join('\n');
    const findings = scanForSecrets(doc('envs/staging/acme.yaml', text));
    expect(findings.map((f) => [f.rule, f.severity, f.file, f.line, f.col])).toEqual([
      ['secrets/committed', 'error', 'envs/staging/acme.yaml', 6, 5],
      ['secrets/committed', 'error', 'envs/staging/acme.yaml', 10, 7],
    ]);
    expect(findings[0]?.message).toContain('frontend.env.DB_PASSWORD');
    expect(findings[1]?.message).toContain('backend-api.args[1]');
    for (const f of findings) expect(f.message).not.toContain('hunter2hunter2');
  });

  it('passes the chart test values with their documented placeholder', () => {
    const text = ['postgres:', '  enabled: true', '  auth:', '    username: jetscale', '    password: "placeholder-not-a-secret" # fake, test-only'].join('\n');
    expect(scanForSecrets(doc('charts/jetscale/values.test.yaml', text))).toEqual([]);
  });

  it('finds nothing in an empty file', () => {
    expect(scanForSecrets(doc('envs/live/default.yaml', ''))).toEqual([]);
  });
});
