// Mistakes found in review that once passed or pointed at the wrong place: an environment switching the
// ingress class off ALB, deleting a shared TLS annotation with null, overriding preview's certificate,
// nulls Helm keeps, nested or duplicate environment files, an alias bomb.
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureFactory } from './fixture-repo.js';
import { errorRules, expectFindings, validate } from './run-validate.js';

const CONSOLE = 'envs/live/console.yaml';
const PREVIEW = 'envs/preview/preview.yaml';
const ACME = 'envs/staging/acme.yaml';
const OTHER_CERT = 'arn:aws:acm:eu-west-1:111111111111:certificate/ffffffff-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
let fixtures: FixtureFactory;
beforeAll(async () => void (fixtures = await FixtureFactory.create()));
afterAll(async () => fixtures?.cleanup());

describe('cloud-owned ALB behaviour', () => {
  it('an environment that switches to another ingress class cannot escape the TLS and parity rules', async () => {
    const repo = await fixtures.repo();
    await repo.insertAfter(CONSOLE, /^ingress:$/, ['  className: nginx']);
    await repo.insertAfter(CONSOLE, /^ {2}annotations:$/, [`    alb.ingress.kubernetes.io/certificate-arn: ${OTHER_CERT}`]);
    const run = await validate(repo, { render: 'off' });
    expect(run.code).toBe(4);
    expectFindings(run, [
      { rule: 'tls/cloud-owned', file: CONSOLE, line: await repo.lineOf(CONSOLE, 'className: nginx'), envs: ['live/console'], message: /ingress\.className .*changes it to "nginx"/ },
      { rule: 'tls/cloud-owned', file: CONSOLE, line: await repo.lineOf(CONSOLE, OTHER_CERT), envs: ['live/console'] },
      { rule: 'tls/parity', file: CONSOLE, line: await repo.lineOf(CONSOLE, OTHER_CERT), envs: ['live/console'] },
    ]);
  });

  it('a null over the ssl-policy (Helm keeps it: no chart default) is reported at the null, not at the cloud file', async () => {
    const repo = await fixtures.repo();
    await repo.insertAfter(CONSOLE, /^ {2}annotations:$/, ['    alb.ingress.kubernetes.io/ssl-policy: null']);
    const run = await validate(repo, { render: 'off' });
    expect(run.code).toBe(4);
    const line = await repo.lineOf(CONSOLE, 'ssl-policy: null');
    expectFindings(run, [
      { rule: 'tls/ssl-policy', file: CONSOLE, line, envs: ['live/console'] },
      { rule: 'tls/cloud-owned', file: CONSOLE, line, envs: ['live/console'], message: /changes it to null/ },
    ]);
  });

  it('preview overriding the certificate is reported in preview.yaml', async () => {
    const repo = await fixtures.repo();
    await repo.insertAfter(PREVIEW, /^ {2}annotations:$/, [`    alb.ingress.kubernetes.io/certificate-arn: ${OTHER_CERT}`]);
    const run = await validate(repo, { render: 'off' });
    expectFindings(run, [{ rule: 'tls/parity', file: PREVIEW, line: await repo.lineOf(PREVIEW, OTHER_CERT), envs: ['preview/preview'] }]);
    expect(run.json.data.findings.filter((f) => f.rule === 'tls/parity').map((f) => f.env)).toEqual(['preview/preview']);
  });
});

describe('values Helm keeps', () => {
  it('a null for a key the chart does not define stays and fails the schema, as helm template does', async () => {
    const repo = await fixtures.repo();
    await repo.append(ACME, ['bogustop: null']);
    const run = await validate(repo, { render: 'off' });
    expect(run.code).toBe(4);
    expectFindings(run, [{ rule: 'schema/unknown-key', file: ACME, line: await repo.lineOf(ACME, 'bogustop: null'), envs: ['staging/acme'] }]);
  });
});

describe('layout', () => {
  it('a nested environment directory is an error (it would skip the type default and the parity group)', async () => {
    const repo = await fixtures.repo();
    await mkdir(repo.abs('envs/live/eu'), { recursive: true });
    await repo.write('envs/live/eu/x.yaml', await repo.read(CONSOLE));
    const run = await validate(repo, { render: 'off' });
    expect(run.code).toBe(4);
    expect(errorRules(run)).toContain('layout');
  });

  it('two files with the same environment id (acme.yaml and acme.yml) are an error', async () => {
    const repo = await fixtures.repo();
    await repo.write('envs/staging/acme.yml', await repo.read(ACME));
    const run = await validate(repo, { render: 'off' });
    expect(run.code).toBe(4);
    const dup = run.json.data.findings.find((f) => f.rule === 'layout' && /acme/.test(f.message));
    expect(dup?.severity).toBe('error');
    expect(dup?.message).toMatch(/staging\/acme/);
  });

  it('an alias bomb is reported quickly instead of hanging the run', async () => {
    const repo = await fixtures.repo();
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    'bcdefg'.split('').forEach((n, i) => lines.push(`${n}: &${n} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`));
    await repo.write('envs/staging/bomb.yaml', lines.join('\n') + '\n');
    const run = await validate(repo, { render: 'off' });
    expect(run.code).toBe(4);
    expect(run.json.data.findings.some((f) => f.rule === 'yaml/syntax' && /alias/.test(f.message))).toBe(true);
  }, 20_000);
});

describe('hosts', () => {
  it('ingress on with the host map emptied by null is caught offline, at the null', async () => {
    const repo = await fixtures.repo();
    await repo.edit(ACME, (t) => t.replace(/^ {2}hosts:\n(?: {4}.*\n)+/m, '  hosts: null\n'));
    const run = await validate(repo, { render: 'off' });
    expect(run.code).toBe(4);
    expectFindings(run, [{ rule: 'ingress/hosts', file: ACME, line: await repo.lineOf(ACME, 'hosts: null'), envs: ['staging/acme'] }]);
  });
});
