// chart:deps end to end with a scripted helm: dry-run transcript, once-only login, secrets, exit codes.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeTools, type FakeTools } from '../support/fake-tools.js';
import { runCli } from '../support/run-cli.js';

const TOKEN = 'ghp_NeverPrintThisToken0123456789';
let fakes: FakeTools;
let root: string;

beforeEach(async () => {
  fakes = await createFakeTools();
  await fakes.add('helm', [{ args: ['version'], stdout: 'v3.17.3+g1234\n' }]);
  root = await mkdtemp(join(tmpdir(), 'jetscale-deps-'));
  await mkdir(join(root, '.git'));
  await mkdir(join(root, 'charts/jetscale'), { recursive: true });
  // Two dependencies on one registry host: the login must still run once.
  await writeFile(join(root, 'charts/jetscale/Chart.yaml'), 'apiVersion: v2\nname: jetscale\nversion: 0.1.0\ndependencies:\n  - name: a\n    version: "1.0.0"\n    repository: oci://registry.test/org/charts\n  - name: b\n    version: "1.0.0"\n    repository: oci://registry.test/org/charts\n');
});
afterEach(() => fakes.cleanup());

const env = (extra: Record<string, string> = {}) => ({ PATH: fakes.path({ isolate: true }), ...extra });

describe('chart:deps', () => {
  it('--dry-run --json runs reads, records the login and the build, and never prints the token', async () => {
    const r = await runCli(['chart:deps', '--dry-run', '--json', '-v'], { cwd: root, env: env({ GITHUB_TOKEN: TOKEN }) });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { ok: boolean; transcript: Array<{ command: string; status: string; effect: string }> };
    expect(doc.ok).toBe(true);
    expect(doc.transcript.map((t) => `${t.status}:${t.command}`)).toEqual([
      'ran:helm version --short',
      'recorded:helm registry login registry.test --username jetscale --password-stdin',
      `recorded:helm dependency build ${join(root, 'charts/jetscale')}`,
    ]);
    expect((await fakes.calls('helm')).map((c) => c.argv[0])).toEqual(['version']);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it('logs in once per registry with the token on stdin, then builds', async () => {
    const r = await runCli(['chart:deps'], { cwd: root, env: env({ GITHUB_TOKEN: TOKEN, GITHUB_ACTOR: 'bot' }) });
    expect(r.code).toBe(0);
    const calls = await fakes.calls('helm');
    expect(calls.map((c) => c.argv.slice(0, 2).join(' '))).toEqual(['version --short', 'registry login', 'dependency build']);
    expect(calls[1]?.stdin).toBe(TOKEN);
    expect(calls[1]?.argv).toContain('bot');
    expect(calls.flatMap((c) => c.argv).join(' ')).not.toContain(TOKEN);
  });

  it('--update-lock runs helm dependency update instead', async () => {
    const r = await runCli(['chart:deps', '--update-lock'], { cwd: root, env: env() });
    expect(r.code).toBe(0);
    expect((await fakes.calls('helm')).at(-1)?.argv.slice(0, 2)).toEqual(['dependency', 'update']);
  });

  it('exits 1 with the redacted helm error when the build fails', async () => {
    await fakes.add('helm', [{ args: ['version'], stdout: 'v3.17.3\n' }, { args: ['dependency'], stderr: `Error: the lock file (Chart.lock) is out of sync (token ${TOKEN})\n`, exitCode: 1 }]);
    const r = await runCli(['chart:deps'], { cwd: root, env: env({ GITHUB_TOKEN: TOKEN }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('out of sync');
    expect(r.stderr).not.toContain(TOKEN);
  });

  it('exits 3 before anything runs when helm is missing or too old', async () => {
    const missing = await runCli(['chart:deps'], { cwd: root, env: { PATH: '/nonexistent' } });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/helm not found on PATH \(needed by chart:deps\)/);
    expect(missing.stderr).toMatch(/fix: install it: .*JETSCALE_HELM=/);
    await fakes.add('helm', [{ args: ['version'], stdout: 'v3.9.0\n' }]);
    const old = await runCli(['chart:deps'], { cwd: root, env: env() });
    expect(old.code).toBe(3);
    expect(old.stderr).toContain('helm 3.9.0');
    expect((await fakes.calls('helm')).filter((c) => c.argv[0] !== 'version')).toEqual([]);
  });

  it('uses JETSCALE_HELM over PATH', async () => {
    const other = await createFakeTools();
    const helm = await other.add('helm', [{ args: ['version'], stdout: 'v4.2.0\n' }]);
    const r = await runCli(['chart:deps', '--dry-run'], { cwd: root, env: env({ JETSCALE_HELM: helm }) });
    expect(r.code).toBe(0);
    expect(await other.calls('helm')).toHaveLength(1);
    expect(await fakes.calls('helm')).toHaveLength(0);
    await other.cleanup();
  });

  it('exits 3 naming the chart when Chart.yaml is missing', async () => {
    const r = await runCli(['chart:deps', '--chart', 'nope'], { cwd: root, env: env() });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('no Chart.yaml in nope');
  });
});
