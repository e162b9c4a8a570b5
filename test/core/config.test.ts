// jetscale.config.yaml: every key has an env var by one rule, precedence flag > env > .env > file > default,
// and every bad value is reported with its source (file:line:col or the variable), all at once, exit 2.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config.js';
import { configKeys, envVarFor } from '../../src/core/config-keys.js';
import { makeEnvView } from '../../src/core/env-view.js';
import { JetscaleError } from '../../src/core/errors.js';
import { runCli } from '../support/run-cli.js';

async function repoWith(config: string | undefined): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'jetscale-cfg-'));
  await writeFile(join(root, 'package.json'), '{"name":"x"}');
  if (config !== undefined) await writeFile(join(root, 'jetscale.config.yaml'), config);
  return root;
}

const view = (env: Record<string, string>, dotenv: Record<string, string> = {}) => makeEnvView(env, new Map(Object.entries(dotenv)));

async function configError(config: string, env: Record<string, string> = {}): Promise<string> {
  const error = await loadConfig(await repoWith(config), view(env)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(JetscaleError);
  expect((error as JetscaleError).exitCode).toBe(2);
  return (error as JetscaleError).message;
}

describe('configuration keys', () => {
  it('derives every env var from the key path by one rule', () => {
    expect(envVarFor('terraform.stateBucket')).toBe('JETSCALE_TERRAFORM_STATE_BUCKET');
    expect(envVarFor('aws.callerArnPatterns')).toBe('JETSCALE_AWS_CALLER_ARN_PATTERNS');
    const keys = configKeys().map((k) => k.path);
    for (const needed of ['aws.accounts', 'aws.regions', 'aws.callerArnPatterns', 'dns.domain', 'dns.hostSuffix', 'protectedNames', 'tags.envId', 'tags.clusterId', 'tags.lifecycle', 'tags.controllerCluster', 'tags.protected', 'terraform.stateBucket', 'terraform.stateKeyPattern', 'terraform.iacDir']) {
      expect(keys).toContain(needed);
    }
  });

  it('parses map keys from their env var', async () => {
    const { config } = await loadConfig(await repoWith(undefined), view({ JETSCALE_REQUIRED_KINDS: 'live=Ingress;preview=Ingress, Service' }));
    expect(config.requiredKinds).toEqual({ live: ['Ingress'], preview: ['Ingress', 'Service'] });
  });

  it('applies defaults when there is no file', async () => {
    const { config } = await loadConfig(await repoWith(undefined), view({}));
    expect(config.terraform.stateKeyPattern).toBe('ephemeral/{env}/terraform.tfstate');
    expect(config.tags.controllerCluster).toBe('elbv2.k8s.aws/cluster');
    expect(config.aws.accounts).toEqual([]);
  });

  it('env beats .env beats the file; lists are comma-separated; empty variables count as unset', async () => {
    const root = await repoWith('aws:\n  accounts: ["111111111111"]\n  maxAttempts: 5\ndns:\n  domain: file.example\n');
    const { config, origins } = await loadConfig(root, view({ JETSCALE_AWS_ACCOUNTS: '222222222222, 333333333333', JETSCALE_DNS_DOMAIN: '' }, { JETSCALE_AWS_MAX_ATTEMPTS: '7', JETSCALE_AWS_ACCOUNTS: '444444444444' }));
    expect(config.aws.accounts).toEqual(['222222222222', '333333333333']);
    expect(config.aws.maxAttempts).toBe(7);
    expect(config.dns.domain).toBe('file.example');
    expect(origins).toMatchObject({ 'aws.accounts': 'env', 'aws.maxAttempts': '.env', 'dns.domain': 'file', 'dns.hostSuffix': 'default' });
  });

  it('reports every problem with file:line:col, unknown keys included', async () => {
    const message = await configError('aws:\n  accounts: ["1234", "123456789012"]\n  acounts: []\nterraform:\n  stateKeyPattern: state.tfstate\nextra: 1\n');
    expect(message).toContain('jetscale.config.yaml:2:14: aws.accounts[0]: an AWS account id is exactly 12 digits (got "1234")');
    expect(message).toContain('jetscale.config.yaml:3:3: aws.acounts: unknown key');
    expect(message).toContain('jetscale.config.yaml:5:3: terraform.stateKeyPattern: must contain {env}');
    expect(message).toContain('jetscale.config.yaml:6:1: extra: unknown key');
  });

  it('names the env var when the bad value came from the environment', async () => {
    const message = await configError('', { JETSCALE_AWS_MAX_ATTEMPTS: 'lots', JETSCALE_AWS_ACCOUNTS: '12345678901' });
    expect(message).toMatch(/JETSCALE_AWS_MAX_ATTEMPTS \(from the environment\): aws.maxAttempts: .*number.*\(got "lots"\)/);
    expect(message).toMatch(/JETSCALE_AWS_ACCOUNTS \(from the environment\): aws.accounts\[0\]: .*12 digits/);
  });

  it.each([
    ['a YAML syntax error', 'aws: [\n', /jetscale.config.yaml:\d+:\d+: /],
    ['a duplicate key', 'chart: a\nchart: b\n', /jetscale.config.yaml:2:1: .*unique/i],
    ['a list at the top', '- a\n', /must be a map/],
    ['a wrong type', 'protectedNames: prod\n', /jetscale.config.yaml:1:1: protectedNames: .*expected array/],
    ['a bad regex', 'aws:\n  callerArnPatterns: ["role/("]\n', /aws.callerArnPatterns\[0\]: must be a valid regular expression/],
  ])('rejects %s', async (_name, text, expected) => {
    expect(await configError(text)).toMatch(expected);
  });
});

describe('configuration through the CLI', () => {
  it('a bad config file is exit 2 naming file:line, with JSON on --json, never a stack trace', async () => {
    const root = await repoWith('aws:\n  accounts: [42]\n');
    const r = await runCli(['diagnose:tools', '--json'], { cwd: root, env: { PATH: '/nonexistent' } });
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as { error: { code: string; source: string; message: string } };
    expect(doc.error).toMatchObject({ code: 'E_CONFIG', source: 'user' });
    expect(doc.error.message).toContain('jetscale.config.yaml:2:14: aws.accounts[0]');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('the config file sits between .env and the flag default (--chart from chart:)', async () => {
    const root = await repoWith('chart: charts/other\n');
    const fromConfig = await runCli(['chart:deps', '--dry-run', '--json'], { cwd: root, env: { PATH: '/nonexistent' } });
    // helm is missing, so the task stops at preflight, but the resolved option is visible with -v.
    expect(fromConfig.code).toBe(3);
    const verbose = await runCli(['validate:envs', 'aws', '-v', '--render=off'], { cwd: root, env: { PATH: '/nonexistent' } });
    expect(verbose.stderr).toContain('option --chart from config');
    const flag = await runCli(['validate:envs', 'aws', '-v', '--render=off', '--chart', 'x'], { cwd: root, env: { PATH: '/nonexistent', JETSCALE_CHART: 'y' } });
    expect(flag.stderr).toContain('option --chart from flag');
    const env = await runCli(['validate:envs', 'aws', '-v', '--render=off'], { cwd: root, env: { PATH: '/nonexistent', JETSCALE_CHART: 'y' } });
    expect(env.stderr).toContain('option --chart from env');
  });
});

describe('README', () => {
  it('documents every configuration key with its env var and default', async () => {
    const { readFile } = await import('node:fs/promises');
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    for (const key of configKeys()) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${key.path}\` |`));
      expect(row, `README row for ${key.path}`).toBeDefined();
      expect(row).toContain(`\`${key.envVar}\``);
      const shown = Array.isArray(key.default) ? `[${(key.default as string[]).join(', ')}]` : key.default === '' ? "''" : typeof key.default === 'object' ? `{${Object.entries(key.default as object).map(([k, v]) => `${k}: [${(v as string[]).join(', ')}]`).join(', ')}}` : String(key.default);
      expect(row).toContain(`\`${shown}\``);
    }
  });
});

describe('env vars never hide a broken file', () => {
  it('a file that sets aws to a scalar is reported even when JETSCALE_AWS_MAX_ATTEMPTS is set', async () => {
    const message = await configError('aws: oops\n', { JETSCALE_AWS_MAX_ATTEMPTS: '5' });
    expect(message).toMatch(/jetscale.config.yaml:1:1: aws: .*expected object/);
  });
});
