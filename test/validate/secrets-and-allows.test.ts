// validate:envs end to end on the committed-secrets rules (issue 9 items 4, 10, 11): secrets in comments, numbers
// under secret keys and stray files are found; placeholders and keys that describe a secret pass; and the audited
// escape hatch `# jetscale:allow <rule> <reason>` silences one rule on one line, shows up in the table, the JSON and
// the step summary, is an error without a reason and a warning when it silences nothing.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { FixtureFactory } from './fixture-repo.js';
import { ACME, CONSOLE } from './mutations.js';
import { expectFindings, validate } from './run-validate.js';

const VITE = '    VITE_API_BASE_URL:';
const CHART_VALUES = 'charts/jetscale/values.yaml';
const VALUES_TEST = 'charts/jetscale/values.test.yaml';
// Built at run time so this file holds no credential-shaped literal.
const GH_TOKEN = ['ghp', '_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'].join('');
const ALLOW = '# jetscale:allow secrets/committed public fixture: the docs show this fake value';

interface AllowedJson {
  rule: string;
  file: string;
  line: number;
  reason: string;
  findings: Array<{ rule: string; message: string; env?: string }>;
}

let fixtures: FixtureFactory;
beforeAll(async () => void (fixtures = await FixtureFactory.create()));
afterAll(() => fixtures.cleanup());

describe('secrets are found wherever they are', () => {
  it('in comments of environment and chart values files, and as numbers under secret keys; messages never quote them', async () => {
    const repo = await fixtures.repo();
    await repo.insertAfter(ACME, VITE, ['    # DB_PASSWORD: hunter2xyz', '    SMTP_PASSWORD: 90909090']);
    await repo.append(CHART_VALUES, [`# the old CI token: ${GH_TOKEN}`]);
    await repo.edit(VALUES_TEST, (t) => t.replace('password: "placeholder-not-a-secret"', 'password: 80808080'));
    const run = await validate(repo, { render: 'off' });
    expect(run.code).toBe(4);
    expectFindings(run, [
      { rule: 'secrets/committed', file: ACME, line: await repo.lineOf(ACME, '# DB_PASSWORD'), message: /comment: commented-out DB_PASSWORD/ },
      { rule: 'secrets/committed', file: CHART_VALUES, line: await repo.lineOf(CHART_VALUES, 'old CI token'), message: /GitHub token/ },
      { rule: 'secrets/committed', file: VALUES_TEST, line: await repo.lineOf(VALUES_TEST, '80808080'), message: /postgres\.auth\.password: .*literal value/ },
      { rule: 'secrets/committed', file: ACME, line: await repo.lineOf(ACME, 'SMTP_PASSWORD'), message: /SMTP_PASSWORD: .*literal value/ },
      // The schema rule reports the number too (env values are strings), without echoing it.
      { rule: 'schema', file: ACME, line: await repo.lineOf(ACME, 'SMTP_PASSWORD'), message: /SMTP_PASSWORD/ },
    ]);
    expect(run.stdout).not.toMatch(/hunter2xyz|80808080|90909090|a1B2c3D4/);
  });

  it('in stray files of the envs tree (a broken backup, an upper-case extension, the README) that are not environments', async () => {
    const repo = await fixtures.repo();
    await repo.write('envs/staging/acme.yaml.bak', `${await repo.read(ACME)}\nfrontend:\n  env:\n    DB_PASSWORD: hunter2hunter2\n`);
    await repo.write('envs/staging/notes.YAML', `# token: ${GH_TOKEN}\n`);
    await repo.append('envs/README.md', ['', 'To test by hand:', '', '```bash', 'export DB_PASSWORD=Tr0ub4dor3xyz', '```']);
    const run = await validate(repo, { render: 'off' });
    expect(run.code).toBe(4);
    expectFindings(run, [
      { rule: 'secrets/committed', file: 'envs/staging/acme.yaml.bak', message: /DB_PASSWORD/ },
      { rule: 'secrets/committed', file: 'envs/staging/notes.YAML', line: 1, message: /GitHub token/ },
      { rule: 'secrets/committed', file: 'envs/README.md', line: await repo.lineOf('envs/README.md', 'export DB_PASSWORD'), message: /DB_PASSWORD/ },
    ]);
    expect(run.stdout).not.toContain('Tr0ub4dor3xyz');
    // The backup repeats global.client_name after frontend: a duplicate key there is not a yaml error of any environment.
    expect(run.json.data.findings.filter((f) => f.file === 'envs/staging/acme.yaml.bak' && f.rule.startsWith('yaml/'))).toEqual([]);
  });
});

describe('fewer false alarms', () => {
  it('placeholders, references and keys that describe a secret pass', async () => {
    const repo = await fixtures.repo();
    await repo.insertAfter(ACME, VITE, [
      '    DB_PASSWORD: change-me',
      '    REDIS_PASSWORD: CHANGE_ME',
      '    API_TOKEN: "<set in .env>"',
      '    SESSION_SECRET: "${SESSION_SECRET}"',
      '    SMTP_PASSWORD: dummy',
      '    WEBHOOK_SECRET: redacted',
      '    SIGNING_KEY: xxxx',
      '    CLIENT_SECRET: example',
      '    PASSWORD_MIN_LENGTH: "12"',
      '    DB_SECRET_NAME: acme-db',
      '    TOKEN_URL: https://auth.acme.internal/oauth/token',
      '    JWT_SECRET_PATH: acme/application/jwt',
      '    DB_PASSWORD_FILE: /run/secrets/db-password',
      '    SECRET_ARN: arn:aws:secretsmanager:us-east-1:111111111111:secret:acme/db',
      '    # DB_PASSWORD: changeme',
    ]);
    const run = await validate(repo, { render: 'off' });
    expect(run.json.data.findings.filter((f) => f.rule.startsWith('secrets/'))).toEqual([]);
    expect(run.code, JSON.stringify(run.json.data.findings)).toBe(0);
  });
});

describe('jetscale:allow', () => {
  it('silences the rule on its line and is listed in the table, the JSON and the step summary', async () => {
    const repo = await fixtures.repo();
    await repo.insertAfter(ACME, VITE, [`    DB_PASSWORD: "hunter2hunter2" ${ALLOW}`, '    VITE_FLAG: yes # jetscale:allow yaml/ambiguous-bool the frontend reads the string "yes"']);
    const secretLine = await repo.lineOf(ACME, 'DB_PASSWORD');
    const boolLine = await repo.lineOf(ACME, 'VITE_FLAG');

    const run = await validate(repo, { render: 'off' });
    expect(run.code, JSON.stringify(run.json.data.findings)).toBe(0);
    expect(run.json.data.findings.filter((f) => f.file === ACME)).toEqual([]);
    const acme = run.json.data.environments.find((e) => e.id === 'staging/acme')!;
    expect(acme.checks.yaml).toBe('ok');
    const allowed = (run.json.data as unknown as { allowed: AllowedJson[] }).allowed;
    expect(allowed.map((a) => [a.rule, a.file, a.line, a.reason])).toEqual([
      ['secrets/committed', ACME, secretLine, 'public fixture: the docs show this fake value'],
      ['yaml/ambiguous-bool', ACME, boolLine, 'the frontend reads the string "yes"'],
    ]);
    expect(allowed[0]!.findings.map((f) => f.rule)).toEqual(['secrets/committed']);
    expect(allowed[1]!.findings[0]!.env).toBe('staging/acme');

    const summaryFile = join(repo.dir, 'summary.md');
    const text = await runCli(['validate:envs', 'aws', '--render=off'], { cwd: repo.dir, env: { PATH: process.env.PATH, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile } });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`allowed [secrets/committed] ${ACME}:${secretLine}`);
    expect(text.stdout).toContain('reason: public fixture: the docs show this fake value');
    expect(text.stdout).toMatch(/0 error\(s\), 0 warning\(s\), 2 allowed/);
    expect(text.stdout).not.toContain('hunter2hunter2');
    const summary = await readFile(summaryFile, 'utf8');
    expect(summary).toContain('Allowed by `jetscale:allow` (2)');
    expect(summary).toContain(`| secrets/committed | ${ACME}:${secretLine}`);
    expect(summary).toContain('public fixture: the docs show this fake value');
  });

  it('without a reason it is an error and silences nothing', async () => {
    const repo = await fixtures.repo();
    await repo.insertAfter(ACME, VITE, ['    DB_PASSWORD: "hunter2hunter2" # jetscale:allow secrets/committed']);
    const line = await repo.lineOf(ACME, 'DB_PASSWORD');
    const run = await validate(repo, { render: 'off' });
    expect(run.code).toBe(4);
    expectFindings(run, [
      { rule: 'allow/invalid', file: ACME, line, message: /no reason/ },
      { rule: 'secrets/committed', file: ACME, line },
    ]);
  });

  it('one that silences nothing is a warning; one for a rule of an environment outside the subset is not judged', async () => {
    const repo = await fixtures.repo();
    await repo.edit(ACME, (t) => t.replace(/^( {4}VITE_API_BASE_URL: .*)$/m, `$1 ${ALLOW}`));
    await repo.insertAfter(CONSOLE, VITE, ['    VITE_FLAG: on # jetscale:allow yaml/ambiguous-bool the frontend reads the string']);
    const line = await repo.lineOf(ACME, 'VITE_API_BASE_URL');
    const run = await validate(repo, { render: 'off', extra: ['staging/acme'] });
    expect(run.code, JSON.stringify(run.json.data.findings)).toBe(0);
    expectFindings(run, [{ rule: 'allow/unused', severity: 'warning', file: ACME, line, message: /silences nothing/ }]);
    expect(run.json.data.findings.filter((f) => f.file === CONSOLE)).toEqual([]);
  });
});
