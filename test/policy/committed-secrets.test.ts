// Committed secrets: literal values (strings and numbers) under secret-holding keys, known credential formats and
// random-looking strings are flagged at their file:line, in values, keys, embedded assignments and comments;
// references, public ids, placeholders and keys that only describe a secret are not. Messages never quote a value.
import { describe, expect, it } from 'vitest';
import { entropy, looksRandom, scanFileForSecrets, scanForSecrets, secretProblem } from '../../src/policy/committed-secrets.js';
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
    ['DB_PASSWORD', 'hunter2hunter2', /holds a literal value/],
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
    ['DB_PASSWORD', true],
    ['DB_PASSWORD', null],
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

  it.each([
    ['password', 12345678],
    ['DB_PASSWORD', 1234],
    ['apiKey', 3.14159],
    ['DB_PASS', 123456],
  ])('a number under a secret-holding key is a literal value: %s: %j', (key, value) => {
    expect(secretProblem(key, value)).toMatch(/holds a literal value/);
  });

  it.each([
    ['PASSWORD_MIN_LENGTH', 12],
    ['tokenTTL', 3600],
    ['SECRET_ROTATION_DAYS', 30],
    ['maxTokenAge', 600],
    ['replicaCount', 12345678],
  ])('a number under a key that describes a secret (or none) is fine: %s: %j', (key, value) => {
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

describe('placeholders pass, literals do not', () => {
  it.each([
    'change-me', 'changeme', 'CHANGE_ME', 'ChangeMe', 'change me', '<password>', '<your-db-password>', '${DB_PASSWORD}', '$(DB_PASSWORD)', '$DB_PASSWORD',
    '{{ .Values.db.password }}', 'dummy', 'DUMMY', 'dummy-password', 'example', 'example-token', 'redacted', 'REDACTED', '[redacted]', 'xxxx', 'XXXXXXXX',
    'xxxx-xxxx-xxxx', '****', '...', '…', 'your-password-here', 'REPLACE_ME', 'replace-with-real-token', 'TODO', 'tbd', 'placeholder', 'not-a-real-secret',
    'fake-password', 'none', 'n/a', 'required',
  ])('password: %j passes', (value) => {
    expect(secretProblem('password', value)).toBeUndefined();
    expect(secretProblem('DB_PASSWORD', value)).toBeUndefined();
  });

  it.each(['hunter2', 'hunter2xyz', 's3cr3t', 'P@ssw0rd!', 'letmein', 'secret', 'password', 'changeme123', 'example-db-password-Zx9!', '12345678', 'prefix-${X}'])(
    'password: %j is flagged',
    (value) => {
      expect(secretProblem('password', value)).toMatch(/holds a literal value/);
    },
  );

  it('a placeholder-shaped token in a known format passes (AKIA + mask), a real one does not', () => {
    expect(secretProblem('AWS_ACCESS_KEY_ID', 'AKIAXXXXXXXXXXXXXXXX')).toBeUndefined();
    expect(secretProblem('GITHUB_TOKEN', 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')).toBeUndefined();
    expect(secretProblem('DATABASE_URL', 'postgres://app:${DB_PASSWORD}@db:5432/app')).toBeUndefined();
    expect(secretProblem('DATABASE_URL', 'postgres://app:<password>@db:5432/app')).toBeUndefined();
    expect(secretProblem('REDIS_URL', ['redis://:', 's3cr3tpw', '@redis:6379'].join(''))).toMatch(/URL with a password/);
  });
});

describe('keys that describe a secret rather than hold one', () => {
  it.each([
    ['PASSWORD_MIN_LENGTH', '12'],
    ['SECRET_NAME', 'db-creds'],
    ['SECRET_NAME_PROD', 'db-creds'],
    ['TOKEN_URL', 'https://auth.internal/token'],
    ['DB_PASSWORD_PATH', 'acme/database/console'],
    ['DB_PASSWORD_FILE', '/run/secrets/db'],
    ['TOKEN_ARN', 'acme-token'],
    ['secretRef', 'db'],
    ['secretKeyRef', 'db'],
    ['existingSecret', 'db-creds'],
    ['existingSecretPasswordKey', 'password'],
    ['passwordSecretName', 'db-creds'],
    ['TOKEN_HEADER', 'Authorization'],
    ['TOKEN_TYPE', 'Bearer'],
    ['apiKeyEnabled', 'yes'],
    ['minPasswordLength', '8'],
    ['PWD', '/app'],
    ['PASS_HOST_HEADER', 'true'],
    ['passwordSecret', 'acme-db'],
    ['tlsSecret', 'acme-tls'],
    ['registrySecret', 'ghcr-pull'],
    ['passwordKey', 'db-password'],
    ['DB_PASSWORD', 'ENC[AES256_GCM,data:Zm9vYmFy,iv:abc,tag:def,type:str]'],
    ['DB_PASSWORD', 'ref+awssecrets://acme/db#/password'],
    ['DB_PASSWORD', 'vault:secret/data/acme/db#password'],
    ['DB_PASSWORD', '-'],
  ])('%s: %j is fine', (key, value) => {
    expect(secretProblem(key, value)).toBeUndefined();
  });

  it.each([
    ['SECRET_NAME', GH_TOKEN, /GitHub token/],
    ['TOKEN_URL', ['https://ci:', 'Tr0ub4dor3xyz', '@auth.internal/token'].join(''), /URL with a password/],
    ['DB_PASSWORD_FILE', RANDOM, /random credential/],
    ['SECRET_ARN', AWS_KEY, /AWS access key/],
    ['existingSecret', PEM, /private key/],
    ['TOKEN_HEADER', JWT, /JSON Web Token/],
    ['SECRET_NAME', SLACK, /Slack token/],
  ])('%s still fires when the value itself is a credential', (key, value, want) => {
    expect(secretProblem(key, value)).toMatch(want);
  });

  it.each(['SECRET_KEY', 'JWT_SECRET_KEY', 'SECRET_KEY_BASE', 'DB_PASSWORD_PROD', 'clientSecret', 'jwtSecret', 'webhookSecret', 'apiKey', 'accessToken', 'DB_PASS', 'passphrase'])('%s holds one', (key) => {
    expect(secretProblem(key, 'hunter2hunter2')).toMatch(/holds a literal value/);
  });
});

describe('scanForSecrets: beyond plain values', () => {
  it('flags numbers under secret-holding keys, at their line, without the number in the message', () => {
    const findings = scanForSecrets(doc('envs/live/x.yaml', ['db:', '  password: 87654321', '  passwordMinLength: 12'].join('\n')));
    expect(findings.map((f) => [f.line, f.col])).toEqual([[2, 3]]);
    expect(findings[0]!.message).toMatch(/db\.password: .*literal value/);
    expect(findings[0]!.message).not.toMatch(/8765|4321/);
  });

  it('judges a Kubernetes env list item by its name, and a flag argument by the flag before it', () => {
    const text = [
      'backend:', //                                        1
      '  env:', //                                          2
      '    - name: DB_PASSWORD', //                         3
      '      value: hunter2xyz', //                         4
      '    - name: DB_HOST', //                             5
      '      value: db.internal', //                        6
      '    - name: DB_PASSWORD_FILE', //                    7
      '      value: /run/secrets/db', //                    8
      '  args: ["--db-password", "hunter2xyz", "--port", "5432"]', // 9
    ].join('\n');
    const findings = scanForSecrets(doc('envs/live/x.yaml', text));
    expect(findings.map((f) => [f.line, f.message.split(':')[0]])).toEqual([
      [4, 'backend.env[0].value'],
      [9, 'backend.args[1]'],
    ]);
  });

  it('flags a secret assignment inside a string (connection strings, flags, JSON)', () => {
    const text = [
      'a: "Server=db;User Id=sa;Password=Tr0ub4dor3xyz;"', // 1
      'b: "--token=Tr0ub4dor3xyz --verbose"', //             2
      `c: '{"client_secret": "Tr0ub4dor3xyz"}'`, //          3
      'd: "Server=db;Password=${DB_PASSWORD};"', //          4
      'e: "password-min-length=12"', //                      5
    ].join('\n');
    const findings = scanForSecrets(doc('envs/live/x.yaml', text));
    expect(findings.map((f) => f.line)).toEqual([1, 2, 3]);
    for (const f of findings) expect(f.message).not.toContain('Tr0ub4dor3xyz');
  });

  it('flags a credential used as a map key, masking it in the message', () => {
    const findings = scanForSecrets(doc('envs/live/x.yaml', ['tokens:', `  ${GH_TOKEN}: true`].join('\n')));
    expect(findings.map((f) => [f.line, f.col])).toEqual([[2, 3]]);
    expect(findings[0]!.message).toMatch(/a key looks like a GitHub token/);
    expect(findings[0]!.message).not.toContain(GH_TOKEN.slice(4, 12));
  });

  it('never quotes or partially quotes the value in any message', () => {
    const secrets = ['hunter2hunter2', AWS_KEY, GH_TOKEN, JWT, SLACK, RANDOM, 'Tr0ub4dor3xyz'];
    const text = [
      `a: ${secrets[0]}`,
      `password: ${secrets[0]}`,
      ...secrets.slice(1).map((v, i) => `k${i}: "${v}"`),
      `url: "postgres://u:${secrets[6]}@db/app"`,
      `# DB_PASSWORD: ${secrets[6]}`,
      `# ${GH_TOKEN}`,
    ].join('\n');
    const parsed = parseValuesFile(text, 'envs/live/x.yaml');
    const findings = scanFileForSecrets('envs/live/x.yaml', parsed);
    expect(findings.length).toBeGreaterThanOrEqual(9);
    for (const f of findings) {
      for (const v of secrets) {
        // No run of 6 characters of a secret appears in the message or hint.
        for (let i = 0; i + 6 <= v.length; i++) expect(`${f.message} ${f.hint}`, f.message).not.toContain(v.slice(i, i + 6));
      }
      expect(f.message).not.toMatch(/"[^"]*"/);
    }
  });
});

describe('secrets in comments', () => {
  const scan = (text: string) => scanFileForSecrets('envs/staging/acme.yaml', parseValuesFile(text, 'envs/staging/acme.yaml'));

  it('finds a commented-out secret line, a pasted token and a private key header, at the comment', () => {
    const text = [
      'global:', //                                          1
      '  client_name: acme', //                              2
      '  # DB_PASSWORD: hunter2xyz', //                      3
      `  project_name: console # old token ${GH_TOKEN}`, //  4
      '# -----BEGIN RSA PRIVATE KEY-----', //                5
      '#   password: 12345678', //                           6
      `# export API_TOKEN=${RANDOM}`, //                     7
      '#DB_PASSWORD=hunter2xyz', //                          8
    ].join('\n');
    const findings = scan(text);
    expect(findings.map((f) => [f.rule, f.line])).toEqual([3, 4, 5, 6, 7, 8].map((l) => ['secrets/committed', l]));
    expect(findings[0]!.col).toBe(5); // the commented-out key
    expect(findings[1]!.col).toBe(`  project_name: console # old token `.length + 1);
    expect(findings[0]!.message).toMatch(/^comment: commented-out DB_PASSWORD holds a literal value/);
    expect(findings[1]!.message).toMatch(/GitHub token/);
    for (const f of findings) expect(f.message).not.toMatch(/hunter2|12345678/);
  });

  it('passes prose, placeholders and descriptions in comments', () => {
    const text = [
      '# Prefix of every secret path. Empty -> "<global.client_name>-<global.env>".',
      '# envFrom: map of <suffix> -> configMapRef | secretRef | false.',
      '# password: see the README',
      '# password: changeme',
      '# DB_PASSWORD: ${DB_PASSWORD}',
      '# SECRET_NAME: acme-db-creds',
      '# The token is created by the CI job; only its name is here.',
      '# password: "" # set in .env',
      'a: 1 # token rotation: every 90 days',
    ].join('\n');
    expect(scan(text)).toEqual([]);
  });

  it('does not read a # inside a quoted string or a block scalar as a comment', () => {
    // As a comment, `password: letmein` is a commented-out literal; inside a string it is prose, too weak to flag.
    expect(scan('# password: letmein').map((f) => f.line)).toEqual([1]);
    const text = ['a: "x # password: letmein"', 'b: |', '  # password: letmein', '  plain', "c: 'it''s # password: letmein'"].join('\n');
    expect(scan(text)).toEqual([]);
  });

  it('scans the comments of a file that does not parse', () => {
    const parsed = parseValuesFile(['a: [1, 2', '# DB_PASSWORD: hunter2xyz'].join('\n'), 'envs/live/broken.yaml');
    expect(parsed.doc).toBeNull();
    expect(scanFileForSecrets('envs/live/broken.yaml', parsed).map((f) => f.line)).toEqual([2]);
  });

  it('scans the values of a file with errors as far as they could be read (a duplicate key, a bad alias)', () => {
    const text = ['a: 1', 'a: 2', 'db:', '  password: hunter2xyz', 'b: *missing'].join('\n');
    const parsed = parseValuesFile(text, 'envs/live/broken.yaml');
    expect(parsed.doc).toBeNull();
    expect(scanFileForSecrets('envs/live/broken.yaml', parsed).map((f) => [f.line, f.message.split(':')[0]])).toEqual([[4, 'db.password']]);
  });

  it('reads a commented-out secret line that ends in an allow like one without it', () => {
    expect(scan('# password: letmein # jetscale:allow secrets/committed documented default').map((f) => f.message)).toEqual([expect.stringMatching(/commented-out password/)]);
  });

  it('does not read the reason of an allow annotation as a secret', () => {
    expect(scan('a: 1 # jetscale:allow secrets/committed the password=Tr0ub4dor3 example in the docs')).toEqual([]);
  });
});

describe('lower entropy bar under keys that describe a secret', () => {
  const HEX40 = ['3f786850e387550f', 'dab836ed7e6dc881', 'de23001b'].join('');
  it('a 40-hex token under SECRET_NAME is flagged; under an innocent key (an image digest) it is not', () => {
    expect(secretProblem('SECRET_NAME', HEX40)).toMatch(/random credential/);
    expect(secretProblem('digest', HEX40)).toBeUndefined();
    expect(secretProblem('SECRET_NAME', 'acme_staging_database_credentials')).toBeUndefined();
  });

  it('ExternalSecret entries name secrets: secretKey: password / DB_PASSWORD pass', () => {
    expect(secretProblem('secretKey', 'password')).toBeUndefined();
    expect(secretProblem('secretKey', 'DB_PASSWORD')).toBeUndefined();
    expect(secretProblem('secretKey', 'hunter2hunter2')).toMatch(/holds a literal value/);
  });
});

describe('scanFileForSecrets reports the secret part for redaction, distinctive ones only', () => {
  it('passes on values, URL passwords and comment tokens, not plain words', () => {
    const text = ['a:', '  password: 87654321', '  DB_PASSWORD: password', `  url: "postgres://u:Tr0ub4dor3xyz@db/app"`, `# token: ${GH_TOKEN}`].join('\n');
    const seen: string[] = [];
    const findings = scanFileForSecrets('envs/live/x.yaml', parseValuesFile(text, 'envs/live/x.yaml'), (s) => seen.push(s));
    expect(findings).toHaveLength(4);
    expect(seen).toEqual(['87654321', 'Tr0ub4dor3xyz', GH_TOKEN]);
  });
});
