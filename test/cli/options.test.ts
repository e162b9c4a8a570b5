import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInput } from '../../src/cli/resolve-input.js';
import type { Selection } from '../../src/cli/program.js';
import { makeEnvView } from '../../src/runtime/context.js';
import { parseDotenv } from '../../src/core/dotenv.js';
import { JetscaleError } from '../../src/core/errors.js';
import type { TaskSpec } from '../../src/runtime/task-spec.js';
import { runCli } from '../support/run-cli.js';

const task: TaskSpec = {
  id: 'demo:task',
  summary: 'demo',
  args: [{ name: 'cloud', description: 'cloud', pattern: '^[a-z0-9][a-z0-9-]*$' }],
  flags: [
    { name: 'render', description: 'mode', type: 'string', choices: ['auto', 'require', 'off'], default: 'auto', env: 'JETSCALE_RENDER' },
    { name: 'allow-link', description: 'b', type: 'boolean', default: false, env: 'JETSCALE_ALLOW_LINK' },
    { name: 'jobs', description: 'n', type: 'number', env: 'JETSCALE_JOBS' },
  ],
  effect: 'read',
  examples: [],
  tools: [],
  load: async () => async () => undefined,
};

function select(flags: Record<string, unknown>, args: Record<string, string> = { cloud: 'aws' }): Selection {
  return { task, args, flags, fromCli: new Set(Object.keys(flags)), global: { verbose: false, dryRun: false, json: false, color: undefined, dotenv: false } };
}

describe('option precedence: flag > environment > .env > default', () => {
  const cases = [
    { name: 'default only', flags: {}, env: {}, dotenv: {}, want: 'auto', origin: 'default' },
    { name: '.env over default', flags: {}, env: {}, dotenv: { JETSCALE_RENDER: 'off' }, want: 'off', origin: '.env' },
    { name: 'environment over .env', flags: {}, env: { JETSCALE_RENDER: 'require' }, dotenv: { JETSCALE_RENDER: 'off' }, want: 'require', origin: 'env' },
    { name: 'flag over everything', flags: { render: 'off' }, env: { JETSCALE_RENDER: 'require' }, dotenv: { JETSCALE_RENDER: 'auto' }, want: 'off', origin: 'flag' },
  ];
  it.each(cases)('$name', ({ flags, env, dotenv, want, origin }) => {
    const r = resolveInput(select(flags), makeEnvView(env, new Map(Object.entries(dotenv))));
    expect(r.input.flags.render).toBe(want);
    expect(r.origins.render).toBe(origin);
  });

  it('an environment variable set to empty still wins over .env (the predecessor overwrote it)', () => {
    const r = resolveInput(select({}), makeEnvView({ JETSCALE_ALLOW_LINK: '' }, new Map([['JETSCALE_ALLOW_LINK', 'true']])));
    expect(r.input.flags['allow-link']).toBe(false);
  });

  it('coerces booleans and numbers from the environment', () => {
    const r = resolveInput(select({}), makeEnvView({ JETSCALE_ALLOW_LINK: 'yes', JETSCALE_JOBS: '3' }, new Map()));
    expect(r.input.flags).toMatchObject({ 'allow-link': true, jobs: 3 });
  });

  it('rejects a bad value from the environment as a usage error naming the variable', () => {
    const attempt = () => resolveInput(select({}), makeEnvView({ JETSCALE_RENDER: 'sometimes' }, new Map()));
    expect(attempt).toThrow(JetscaleError);
    expect(attempt).toThrow(/--render from JETSCALE_RENDER \(from the environment\): expected one of auto, require, off, got "sometimes"/);
  });

  it('validates positionals against their pattern (no ../ paths)', () => {
    expect(() => resolveInput(select({}, { cloud: '../x' }), makeEnvView({}, new Map()))).toThrow(/invalid <cloud> "\.\.\/x": must match/);
  });
});

describe('.env parsing', () => {
  it('handles quotes, comments, export and inline comments', () => {
    const entries = parseDotenv(['# comment', 'export A=1', "B='x # y'", 'C="line\\nnext"', 'D=plain # note', 'E=', '', 'F="multi', 'line"'].join('\n'));
    expect(Object.fromEntries(entries.map((e) => [e.key, e.value]))).toEqual({ A: '1', B: 'x # y', C: 'line\nnext', D: 'plain', E: '', F: 'multi\nline' });
  });

  it('reports a malformed line with file and line number', () => {
    expect(() => parseDotenv('A=1\nnot a pair\n')).toThrow(/\.env:2: expected KEY=value/);
    expect(() => parseDotenv('A="open\n')).toThrow(/\.env:1: unterminated " quote/);
  });
});

describe('.env loading through the CLI', () => {
  async function repoWithDotenv(text: string): Promise<string> {
    const root = await mkdtemp(join(tmpdir(), 'jetscale-dotenv-'));
    await mkdir(join(root, '.git'));
    await writeFile(join(root, '.env'), text);
    return root;
  }

  it('loads .env locally, prints names only with -v, and skips it in CI unless --dotenv', async () => {
    const root = await repoWithDotenv('JETSCALE_HELM=/nonexistent/helm-from-dotenv\nSOME_TOKEN=s3cr3t-value-xyz\n');
    const local = await runCli(['-v', 'diagnose:tools'], { cwd: root, env: { PATH: '/nonexistent' } });
    expect(local.stderr).toContain('.env: loaded JETSCALE_HELM, SOME_TOKEN');
    expect(local.stderr + local.stdout).not.toContain('s3cr3t-value-xyz');
    const ci = await runCli(['-v', 'diagnose:tools'], { cwd: root, env: { PATH: '/nonexistent', CI: 'true' } });
    expect(ci.stderr).not.toContain('.env: loaded');
    const opted = await runCli(['-v', '--dotenv', 'diagnose:tools'], { cwd: root, env: { PATH: '/nonexistent', CI: 'true' } });
    expect(opted.stderr).toContain('.env: loaded');
  });

  it('fails with exit 2 naming the line when .env is malformed', async () => {
    const root = await repoWithDotenv('GOOD=1\noops\n');
    const r = await runCli(['diagnose:tools'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.env:2: expected KEY=value');
  });
});
