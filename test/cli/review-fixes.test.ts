// Behaviours a demanding user relies on at the edges: deadlines, JSON on every path, GitHub mode on failure,
// .env option variables, negatable booleans, unwritable report paths.
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/cli/global-flags.js';
import { createFakeTools, type FakeTools } from '../support/fake-tools.js';
import { runCli } from '../support/run-cli.js';

let fakes: FakeTools;
let root: string;
beforeEach(async () => {
  fakes = await createFakeTools();
  root = await mkdtemp(join(tmpdir(), 'jetscale-edge-'));
  await mkdir(join(root, '.git'));
  await mkdir(join(root, 'charts/jetscale'), { recursive: true });
  await writeFile(join(root, 'charts/jetscale/Chart.yaml'), 'apiVersion: v2\nname: jetscale\nversion: 0.1.0\n');
});
afterEach(() => fakes.cleanup());

describe('--timeout', () => {
  it('overrides the per-step deadline of every command', async () => {
    await fakes.add('helm', [{ args: ['version'], stdout: 'v3.17.0\n' }, { args: ['dependency'], sleepMs: 20_000 }]);
    const started = Date.now();
    const r = await runCli(['chart:deps', '--timeout', '1s'], { cwd: root, env: { PATH: fakes.path({ isolate: true }) } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/helm dependency build .* timed out after 1\.0s/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it.each(['0', 'abc', '99999999999h', '0.0001s'])('rejects %s as a usage error', async (value) => {
    expect(parseDuration(value)).toBeUndefined();
    const r = await runCli(['diagnose:tools', '--timeout', value], { cwd: root, env: { PATH: '/nonexistent' } });
    expect(r.code).toBe(2);
  });
});

describe('--json on usage errors', () => {
  it.each([
    [['--json', 'validate:envs']],
    [['validate:envs', 'aws', '--json', '--bogus']],
    [['--json', 'bogus:task']],
    [['help', 'validate:env', '--json']],
  ])('%j prints a JSON error document and exits 2', async (argv) => {
    const r = await runCli(argv, { cwd: root });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, exitCode: 2, error: { code: 'E_USAGE' } });
  });
});

describe('help for a name that is no task', () => {
  it('says so, suggests the closest task and exits 2', async () => {
    const r = await runCli(['help', 'validate:env'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown task 'validate:env' (Did you mean validate:envs?)");
    expect((await runCli(['help', 'zzzzzz'], { cwd: root })).stderr).not.toContain('Did you mean');
  });
});

describe('GitHub Actions mode', () => {
  it('annotates a failing task and writes the step summary, keeping --json stdout parseable', async () => {
    const secret = 'ghp_SecretShouldNotLeak000000000000';
    await fakes.add('helm', [{ args: ['version'], stdout: 'v3.17.0\n' }, { args: ['dependency'], stderr: `boom ${secret}\n`, exitCode: 1 }]);
    const summary = join(root, 'summary.md');
    const r = await runCli(['chart:deps', '--json'], { cwd: root, env: { PATH: fakes.path({ isolate: true }), GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, GITHUB_TOKEN: secret } });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, task: 'chart:deps' });
    expect(r.stderr).toMatch(/^::error title=chart%3Adeps::helm dependency build/m);
    expect(r.stderr).toContain(`::add-mask::${secret}`);
    expect(r.stderr.replace(`::add-mask::${secret}`, '')).not.toContain(secret);
    const md = await readFile(summary, 'utf8');
    expect(md).toContain('### chart:deps failed (exit 1)');
    expect(md).not.toContain(secret);
  });
});

describe('.env option variables', () => {
  it('honours JETSCALE_<TOOL> from .env and does not mask option values as secrets', async () => {
    const helm = await fakes.add('helm', [{ args: ['version'], stdout: 'v4.2.0\n' }]);
    await writeFile(join(root, '.env'), `JETSCALE_HELM=${helm}\nJETSCALE_CHART=charts/jetscale\nAPI_TOKEN=tok-very-secret\n`);
    const r = await runCli(['chart:deps', '--dry-run', '-v'], { cwd: root, env: { PATH: '/nonexistent' } });
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toContain('charts/jetscale');
    expect(await fakes.calls('helm')).toHaveLength(1);
  });
});

describe('negatable boolean flags', () => {
  it('--no-update-lock turns a boolean off even when an env var could set it', async () => {
    await fakes.add('helm', [{ args: ['version'], stdout: 'v3.17.0\n' }]);
    const r = await runCli(['chart:deps', '--no-update-lock'], { cwd: root, env: { PATH: fakes.path({ isolate: true }) } });
    expect(r.code).toBe(0);
    expect((await fakes.calls('helm')).at(-1)?.argv.slice(0, 2)).toEqual(['dependency', 'build']);
  });

  it('rejects a negative or fractional --jobs', async () => {
    for (const jobs of ['-3', '1.5', '0']) {
      const r = await runCli(['validate:envs', 'aws', '--jobs', jobs], { cwd: root });
      expect(r.code, jobs).toBe(2);
      expect(r.stderr).toMatch(/--jobs from the command line: expected a whole number ≥ 1/);
    }
  });
});

describe('--junit', () => {
  it('an unwritable report path is a usage error naming the path, not an internal error', async () => {
    const repo = new URL('../../', import.meta.url).pathname;
    const r = await runCli(['validate:envs', 'aws', '--render=off', '--junit', '/nonexistent-dir/j.xml'], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--junit /nonexistent-dir/j.xml: cannot write the report');
    expect(r.stderr).not.toContain('internal error');
  });
});
