// Items 6 and 8 end to end: parity over the configured public types, uniqueness across environments, hosts
// under dns.domain, environment file names and stray files, read from jetscale.config.yaml in the fixture repo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureFactory, type FixtureRepo } from './fixture-repo.js';
import { errorRules, expectFindings, validate } from './run-validate.js';

const ACME = 'envs/staging/acme.yaml';
const GLOBEX = 'envs/staging/globex.yaml';
const OTHER_CERT = 'arn:aws:acm:us-east-1:111111111111:certificate/9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f';
let fixtures: FixtureFactory;
beforeAll(async () => void (fixtures = await FixtureFactory.create()));
afterAll(async () => fixtures?.cleanup());

async function withConfig(lines: readonly string[]): Promise<FixtureRepo> {
  const repo = await fixtures.repo();
  await repo.write('jetscale.config.yaml', `${lines.join('\n')}\n`);
  return repo;
}

describe('parity across every public environment type (publicEnvTypes)', () => {
  it('a configured third public type is compared; with the defaults it is not', async () => {
    const repo = await withConfig(['publicEnvTypes: [preview, live, staging]']);
    await repo.insertAfter(ACME, /^ {2}annotations:$/, [`    alb.ingress.kubernetes.io/certificate-arn: ${OTHER_CERT}`]);
    const line = await repo.lineOf(ACME, OTHER_CERT);
    const run = await validate(repo, { render: 'off' });
    expectFindings(run, [{ rule: 'tls/parity', file: ACME, line, envs: ['staging/acme'], message: /preview, live, staging/ }]);
    await repo.write('jetscale.config.yaml', 'chart: charts/jetscale\n');
    const defaults = await validate(repo, { render: 'off' });
    expect(defaults.json.data.findings.filter((f) => f.rule === 'tls/parity')).toEqual([]);
  });

  it('a configured public type with no environment is a warning, not a silent skip (exit 0)', async () => {
    const repo = await withConfig(['publicEnvTypes: [preview, live, demo]']);
    const run = await validate(repo, { render: 'off' });
    expect(run.code, run.stderr).toBe(0);
    const warning = run.json.data.findings.find((f) => f.rule === 'tls/parity');
    expect(warning).toMatchObject({ severity: 'warning', message: expect.stringContaining('demo') });
    expect(run.stdout).toContain('demo');
  });
});

describe('values that must be unique across environments', () => {
  it('a copied environment file collides on host, secret prefix, IAM role and client+project, naming both files', async () => {
    const repo = await fixtures.repo();
    await repo.write('envs/staging/acme-copy.yaml', await repo.read(ACME));
    const run = await validate(repo, { render: 'off' });
    expect(run.code).toBe(4);
    const COPY = 'envs/staging/acme-copy.yaml';
    for (const [rule, needle] of [['unique/host', 'acme-staging.jetscale.ai: {}'], ['unique/secret-prefix', 'awsSecretPrefix'], ['unique/irsa-role', 'irsaRoleArn'], ['unique/client-project', 'client_name']] as const) {
      const line = await repo.lineOf(ACME, needle);
      expectFindings(run, [
        { rule, file: ACME, line, envs: ['staging/acme'], message: new RegExp(`${COPY}:${line}`) },
        { rule, file: COPY, line, envs: ['staging/acme-copy'], message: new RegExp(`${ACME}:${line}`) },
      ]);
    }
  });

  it('the check sees every environment even when only one is selected', async () => {
    const repo = await fixtures.repo();
    await repo.replaceLine(GLOBEX, /^ {2}awsSecretPrefix:/, ['  awsSecretPrefix: acme-staging']);
    const run = await validate(repo, { render: 'off', extra: ['staging/globex'] });
    expect(run.code).toBe(4);
    expectFindings(run, [{ rule: 'unique/secret-prefix', file: GLOBEX, envs: ['staging/globex'], message: /envs\/staging\/acme\.yaml:\d+/ }]);
  });
});

describe('hosts under dns.domain', () => {
  it('a host two labels deep, or outside the domain, is ingress/host-name at its line', async () => {
    const repo = await withConfig(['dns:', '  domain: jetscale.ai']);
    await repo.replaceLine(ACME, /^ {4}acme-staging\.jetscale\.ai: \{\}$/, ['    acme.staging.jetscale.ai: {}']);
    await repo.replaceLine(GLOBEX, /^ {4}globex-staging\.jetscale\.ai: \{\}$/, ['    globex.example.com: {}']);
    const run = await validate(repo, { render: 'off' });
    expect(run.code).toBe(4);
    expectFindings(run, [
      { rule: 'ingress/host-name', file: ACME, line: await repo.lineOf(ACME, 'acme.staging.jetscale.ai: {}'), envs: ['staging/acme'], message: /covers one level/ },
      { rule: 'ingress/host-name', file: GLOBEX, line: await repo.lineOf(GLOBEX, 'globex.example.com'), envs: ['staging/globex'], message: /not under the configured domain jetscale\.ai/ },
    ]);
    expect(run.json.data.findings.filter((f) => f.severity === 'info' && f.rule === 'ingress/host-name')).toEqual([]);
  });

  it('without dns.domain the run says once that the domain part is skipped, and still rejects a non-DNS host', async () => {
    const repo = await fixtures.repo();
    await repo.replaceLine(ACME, /^ {4}acme-staging\.jetscale\.ai: \{\}$/, ['    Acme_Staging.jetscale.ai: {}']);
    const run = await validate(repo, { render: 'off' });
    const info = run.json.data.findings.filter((f) => f.severity === 'info' && f.rule === 'ingress/host-name');
    expect(info).toHaveLength(1);
    expect(info[0]?.message).toMatch(/dns\.domain is not configured/);
    expectFindings(run, [{ rule: 'ingress/host-name', file: ACME, line: await repo.lineOf(ACME, 'Acme_Staging'), message: /not a valid lowercase DNS name/ }]);
  });
});

describe('environment file names and stray files', () => {
  it('files discovery does not read are layout warnings naming each file; the run still passes', async () => {
    const repo = await fixtures.repo();
    const text = await repo.read(ACME);
    await repo.write('envs/staging/acme.YAML', text);
    await repo.write('envs/staging/x.json', '{}');
    await repo.write('envs/staging/globex.yaml.bak', text);
    const run = await validate(repo, { render: 'off' });
    expect(run.code, run.stderr).toBe(0);
    const layout = run.json.data.findings.filter((f) => f.rule === 'layout');
    expect(layout.map((f) => [f.file, f.severity]).sort()).toEqual([
      ['envs/staging/acme.YAML', 'warning'], ['envs/staging/globex.yaml.bak', 'warning'], ['envs/staging/x.json', 'warning'],
    ]);
  });

  it('an environment file name that is not a DNS label is a layout error, and the file is still checked', async () => {
    const repo = await fixtures.repo();
    const text = (await repo.read(ACME)).replaceAll('acme', 'initech');
    await repo.write('envs/staging/Initech_EU.yaml', text.replace('client_name: initech', 'client_name: initech\n  bogus: 1'));
    const run = await validate(repo, { render: 'off' });
    expect(run.code).toBe(4);
    expectFindings(run, [{ rule: 'layout', file: 'envs/staging/Initech_EU.yaml', message: /not a DNS label/ }]);
    expect(run.json.data.environments.map((e) => e.id)).toContain('staging/Initech_EU');
    expect(errorRules(run)).toContain('schema/unknown-key');
  });
});

describe('requiredKinds in the configuration', () => {
  it('a type named in requiredKinds with no environment is a warning', async () => {
    const repo = await withConfig(['requiredKinds:', '  live: [Ingress]', '  prod: [Ingress]']);
    const run = await validate(repo, { render: 'off' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.json.data.findings).toContainEqual(expect.objectContaining({ rule: 'render/expected-kinds', severity: 'warning', message: expect.stringContaining('prod') }));
  });
});
