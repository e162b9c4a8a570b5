// Item 5 end to end: the cloud layer's TLS contract and owned keys are data for both clouds, and a layer that
// nulls or replaces a parent map is reported at its own line, through the CLI with the render off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureFactory } from './fixture-repo.js';
import { errorRules, expectFindings, validate } from './run-validate.js';

const CONSOLE = 'envs/live/console.yaml';
const LIVE_DEFAULT = 'envs/live/default.yaml';
const AZURE = 'envs/azure.yaml';
const AWS = 'envs/aws.yaml';
const ALL = ['live/console', 'preview/preview', 'staging/acme', 'staging/globex'];
let fixtures: FixtureFactory;
beforeAll(async () => void (fixtures = await FixtureFactory.create()));
afterAll(async () => fixtures?.cleanup());

describe('a layer that nulls or replaces a parent map', () => {
  it.each([
    { name: 'annotations: null', line: '  annotations: null', file: CONSOLE, cloud: 'aws' },
    { name: 'annotations: "" (a scalar)', line: '  annotations: ""', file: CONSOLE, cloud: 'aws' },
    { name: 'annotations: null on Application Gateway', line: '  annotations: null', file: CONSOLE, cloud: 'azure' },
  ])('$name in live/console.yaml is reported at that line ($cloud)', async ({ line, file, cloud }) => {
    const repo = await fixtures.repo();
    await repo.edit(file, (t) => t.replace(/^ {2}annotations:\n {4}external-dns\.alpha\.kubernetes\.io\/hostname: console\.jetscale\.ai\n/m, `${line}\n`));
    const run = await validate(repo, { cloud, render: 'off' });
    expect(run.code, run.stderr).toBe(4);
    const at = await repo.lineOf(file, line);
    expectFindings(run, [
      { rule: 'tls/cloud-owned', file, line: at, envs: ['live/console'], message: /drops what envs\/(aws|azure)\.yaml owns there/ },
      { rule: 'tls/ssl-redirect', file, line: at, envs: ['live/console'] },
      { rule: 'tls/certificate', file, line: at, envs: ['live/console'] },
    ]);
    // Every TLS finding of that environment sits at the line that did it, none at the cloud layer.
    const tls = run.json.data.findings.filter((f) => f.rule.startsWith('tls/') && f.env === 'live/console');
    expect(tls.every((f) => f.file === file && f.line === at), JSON.stringify(tls)).toBe(true);
  });

  it('ingress.annotations: null in live/default.yaml is reported there, even though console.yaml adds annotations again', async () => {
    const repo = await fixtures.repo();
    await repo.append(LIVE_DEFAULT, ['ingress:', '  annotations: null']);
    const run = await validate(repo, { render: 'off' });
    expect(run.code).toBe(4);
    const at = await repo.lineOf(LIVE_DEFAULT, 'annotations: null');
    expectFindings(run, [
      { rule: 'tls/cloud-owned', file: LIVE_DEFAULT, line: at, envs: ['live/console'] },
      { rule: 'tls/ssl-policy', file: LIVE_DEFAULT, line: at, envs: ['live/console'] },
      { rule: 'tls/listen-ports', file: LIVE_DEFAULT, line: at, envs: ['live/console'] },
    ]);
  });

  it('ingress: null is reported at that line, and the public environment is not silently passed', async () => {
    const repo = await fixtures.repo();
    await repo.edit(CONSOLE, (t) => t.replace(/^ingress:\n(?: {2}.*\n)+/m, 'ingress: null\n'));
    const run = await validate(repo, { render: 'off' });
    expect(run.code).toBe(4);
    const at = await repo.lineOf(CONSOLE, 'ingress: null');
    expectFindings(run, [
      { rule: 'tls/cloud-owned', file: CONSOLE, line: at, envs: ['live/console'], message: /sets ingress to null/ },
      { rule: 'tls/parity', file: CONSOLE, line: at, envs: ['live/console'], message: /public environment type/ },
    ]);
  });

  it('ingress.annotations: {} merges as in Helm: the tree stays clean', async () => {
    const repo = await fixtures.repo();
    await repo.edit(CONSOLE, (t) => t.replace(/^ {2}annotations:\n {4}external-dns.*\n/m, '  annotations: {}\n'));
    const run = await validate(repo, { render: 'off' });
    expect(errorRules(run)).toEqual([]);
  });
});

describe('Application Gateway is checked like ALB', () => {
  it('an environment overriding the redirect is tls/ssl-redirect and tls/cloud-owned at its line', async () => {
    const repo = await fixtures.repo();
    await repo.insertAfter(CONSOLE, /^ {2}annotations:$/, ['    appgw.ingress.kubernetes.io/ssl-redirect: "false"']);
    const run = await validate(repo, { cloud: 'azure', render: 'off' });
    expect(run.code).toBe(4);
    const at = await repo.lineOf(CONSOLE, 'appgw.ingress.kubernetes.io/ssl-redirect');
    expectFindings(run, [
      { rule: 'tls/ssl-redirect', file: CONSOLE, line: at, envs: ['live/console'], message: /the string "true", got "false"/ },
      { rule: 'tls/cloud-owned', file: CONSOLE, line: at, envs: ['live/console'] },
    ]);
    // The same file under aws: an appgw annotation is not ALB's business.
    expect(errorRules(await validate(repo, { cloud: 'aws', render: 'off' }))).toEqual([]);
  });

  it('a cloud layer without its certificate fails every environment at the cloud layer', async () => {
    const repo = await fixtures.repo();
    await repo.replaceLine(AZURE, 'appgw-ssl-certificate:', []);
    const run = await validate(repo, { cloud: 'azure', render: 'off' });
    expect(run.code).toBe(4);
    expectFindings(run, [{ rule: 'tls/certificate', file: AZURE, envs: ALL, message: /no HTTPS listener/ }]);
  });

  it('a frontend port override moves the listener off 443: tls/listen-ports', async () => {
    const repo = await fixtures.repo();
    await repo.append(AZURE, ['    appgw.ingress.kubernetes.io/override-frontend-port: "8443"']);
    const run = await validate(repo, { cloud: 'azure', render: 'off' });
    expectFindings(run, [{ rule: 'tls/listen-ports', file: AZURE, line: await repo.lineOf(AZURE, 'override-frontend-port'), envs: ALL }]);
  });
});

describe('a cloud layer whose ingress class has no contract', () => {
  it('is tls/contract at its className line, not a silent pass', async () => {
    const repo = await fixtures.repo();
    await repo.replaceLine(AWS, 'className: alb', ['  className: nginx']);
    const run = await validate(repo, { render: 'off' });
    expect(run.code).toBe(4);
    expectFindings(run, [{ rule: 'tls/contract', file: AWS, line: await repo.lineOf(AWS, 'className: nginx'), envs: ALL, message: /"nginx"/ }]);
  });
});
