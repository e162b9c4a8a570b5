// validate:envs as a user and CI call it: a clean tree passes, an unknown cloud is a usage error listing the
// clouds, JUnit output, the render modes without helm, documented placeholders, and no writes to the tree.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { createFakeTools } from '../support/fake-tools.js';
import { FixtureFactory, type FixtureRepo } from './fixture-repo.js';
import { AWS, httpOnlyAlb } from './mutations.js';

type ValidateRunJson = { data: { findings: Array<{ rule: string; severity: string; message: string }> } };
import { errorRules, expectFindings, helmOrWarn, validate } from './run-validate.js';

const helm = helmOrWarn();
const VALUES_TEST = 'charts/jetscale/values.test.yaml';
const PLACEHOLDER = 'placeholder-not-a-secret';
let fixtures: FixtureFactory;
let noHelmPath: string;

beforeAll(async () => {
  fixtures = await FixtureFactory.create();
  // A PATH with nothing on it: "helm is not installed" even when the machine has one.
  noHelmPath = await mkdtemp(join(tmpdir(), 'jetscale-nohelm-'));
});
afterAll(async () => {
  await fixtures?.cleanup();
  if (noHelmPath) await rm(noHelmPath, { recursive: true, force: true });
});

/** sha256 of every file under `dir` (relative path → hash), to prove a run wrote nothing. */
async function treeHashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const rel of (await readdir(dir, { recursive: true, withFileTypes: true })).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name))) {
    out[rel.slice(dir.length + 1)] = createHash('sha256').update(await readFile(rel)).digest('hex');
  }
  return out;
}

describe('validate:envs on a clean tree', () => {
  it(`passes with exit 0 (render ${helm ? 'require' : 'off: helm unavailable'})`, async () => {
    const repo = await fixtures.repo();
    const run = await validate(repo, helm ? { render: 'require', helm } : { render: 'off' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ task: 'validate:envs', ok: true, exitCode: 0, data: { cloud: 'aws' } });
    expect(run.json.data.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(run.json.data.environments.map((e) => e.id)).toEqual(['live/console', 'preview/preview', 'staging/acme', 'staging/globex']);
    const render = helm ? 'ok' : 'skipped';
    for (const e of run.json.data.environments) expect(e.checks, e.id).toEqual({ yaml: 'ok', schema: 'ok', policy: 'ok', render });
  });

  it('passes for the azure cloud layer too (the ALB rules do not apply to Application Gateway)', async () => {
    const repo = await fixtures.repo();
    const run = await validate(repo, { cloud: 'azure', render: 'off' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.json.data.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(run.json.data.environments[0]?.layers).toContain('envs/azure.yaml');
  });

  it.skipIf(!helm)('never writes to the tree, Chart.lock included, with render on', async () => {
    const repo = await fixtures.repo();
    const lockBefore = await readFile(repo.abs('charts/jetscale/Chart.lock'));
    const before = await treeHashes(repo.dir);
    const run = await validate(repo, { render: 'require', helm });
    expect(run.code, run.stderr).toBe(0);
    expect((await readFile(repo.abs('charts/jetscale/Chart.lock'))).equals(lockBefore)).toBe(true);
    expect(await treeHashes(repo.dir)).toEqual(before);
  });
});

describe('committed secrets in the chart values files', () => {
  it('does not flag the documented placeholder in values.test.yaml', async () => {
    const repo = await fixtures.repo();
    expect(await repo.read(VALUES_TEST)).toContain(PLACEHOLDER);
    const run = await validate(repo, { render: 'off' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.json.data.findings.filter((f) => f.rule === 'secrets/committed')).toEqual([]);
  });

  it('does flag values.test.yaml once the placeholder becomes a real-looking password (it is scanned)', async () => {
    const repo = await fixtures.repo();
    await repo.edit(VALUES_TEST, (t) => t.replace(PLACEHOLDER, 'hunter2hunter2'));
    const run = await validate(repo, { render: 'off' });
    expect(run.code, run.stderr).toBe(4);
    expectFindings(run, [{ rule: 'secrets/committed', file: VALUES_TEST, line: await repo.lineOf(VALUES_TEST, 'hunter2hunter2'), message: /password/ }]);
    expect(errorRules(run)).toEqual(['secrets/committed']);
  });
});

describe('usage errors', () => {
  it('exits 2 for a cloud without a layer file and lists the clouds that exist', async () => {
    const repo = await fixtures.repo();
    const r = await runCli(['validate:envs', 'gcp', '--json', '--render=off'], { cwd: repo.dir, env: { PATH: process.env.PATH } });
    expect(r.code).toBe(2);
    const json = JSON.parse(r.stdout) as { ok: boolean; exitCode: number; error: { message: string; hint?: string } };
    expect(json).toMatchObject({ ok: false, exitCode: 2 });
    expect(json.error.message).toContain('envs/gcp.yaml');
    expect(`${json.error.message} ${json.error.hint ?? ''}`).toMatch(/aws, azure/);
    expect(r.stderr).toMatch(/aws, azure/);
  });
});

describe('--junit', () => {
  async function junit(repo: FixtureRepo): Promise<{ code: number; xml: string }> {
    const run = await validate(repo, { render: 'off', extra: ['--junit', 'out.xml'] });
    return { code: run.code, xml: await readFile(repo.abs('out.xml'), 'utf8') };
  }

  it('writes failures with rule, file and line for a broken tree', async () => {
    const repo = await fixtures.repo();
    await httpOnlyAlb.apply(repo);
    const line = await repo.lineOf(AWS, 'listen-ports:');
    const { code, xml } = await junit(repo);
    expect(code).toBe(4);
    expect(xml).toMatch(/^<\?xml /);
    // One failing policy testcase per AWS environment, each naming the rule and envs/aws.yaml:<line>.
    const failing = [...xml.matchAll(/<testcase classname="validate:envs\.aws\.([^"]+)" name="policy">\s*<failure type="tls\/listen-ports" message="([^"]*)"/g)];
    expect(failing.map((m) => m[1]).sort()).toEqual(['live/console', 'preview/preview', 'staging/acme', 'staging/globex']);
    for (const m of failing) expect(m[2]).toContain(`${AWS}:${line}:`);
    expect(xml).toMatch(/<testsuites [^>]*failures="4"/);
  });

  it('writes a report with no failures for a clean tree', async () => {
    const { code, xml } = await junit(await fixtures.repo());
    expect(code).toBe(0);
    expect(xml).toMatch(/<testsuites [^>]*failures="0"/);
    expect(xml).not.toContain('<failure');
  });
});

describe('render modes without a usable helm', () => {
  it('--render=require with JETSCALE_HELM pointing nowhere is a render/skipped error (exit 4)', async () => {
    const repo = await fixtures.repo();
    const run = await validate(repo, { render: 'require', helm: join(noHelmPath, 'no-such-helm'), path: noHelmPath });
    expect(run.code, run.stderr).toBe(4);
    expect(errorRules(run)).toEqual(['render/skipped']);
    expect(run.json.data.findings.find((f) => f.rule === 'render/skipped')).toMatchObject({ severity: 'error', message: expect.stringMatching(/JETSCALE_HELM=.*no-such-helm is not an executable file/) });
  });

  it('a helm too old for jetscale: the renders started beside the version check are dropped, exit 4 naming the version', async () => {
    const repo = await fixtures.repo();
    const fakes = await createFakeTools();
    try {
      // The version answer comes late, so the first renders are already running when it says "too old".
      const fake = await fakes.add('helm', [{ args: ['version'], stdout: 'v3.10.0+g1\n', sleepMs: 400 }, { args: ['template'], stdout: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n' }]);
      const run = await validate(repo, { render: 'require', helm: fake, extra: ['--jobs', '2', '--no-cache'] });
      expect(run.code, run.stderr).toBe(4);
      expect(errorRules(run)).toEqual(['render/skipped']);
      expect(run.json.data.findings.find((f) => f.rule === 'render/skipped')?.message).toMatch(/helm 3\.10\.0 at .* is too old/);
      for (const e of run.json.data.environments) expect(e.checks.render, e.id).toBe('skipped');
      const calls = (await fakes.calls('helm')).map((c) => c.argv[0]);
      expect(calls.filter((a) => a === 'version')).toHaveLength(1);
      // At most the first wave (--jobs 2) started before the answer; none after it.
      const templates = calls.filter((a) => a === 'template').length;
      expect(templates).toBeGreaterThanOrEqual(1);
      expect(templates).toBeLessThanOrEqual(2);
    } finally {
      await fakes.cleanup();
    }
  });

  it('a failed version check stops the renders already running: the run ends at once, with no late output', async () => {
    const repo = await fixtures.repo();
    const fakes = await createFakeTools();
    try {
      const fake = await fakes.add('helm', [{ args: ['version'], stdout: 'v3.10.0\n', sleepMs: 300 }, { args: ['template'], sleepMs: 30_000, stdout: 'kind: ConfigMap\n' }]);
      const started = Date.now();
      const run = await validate(repo, { render: 'require', helm: fake, extra: ['--jobs', '2', '--no-cache'] });
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(run.code, run.stderr).toBe(4);
      expect(run.json.data.findings.find((f) => f.rule === 'render/skipped')?.message).toMatch(/too old/);
      expect(run.json.data.findings.filter((f) => f.rule === 'render/helm')).toEqual([]);
      expect(run.stderr).not.toMatch(/rendered \S+:/);
      // Both stopped renders are gone (their process groups were killed), none outlives the run.
      const pids = (await fakes.calls('helm')).filter((c) => c.argv[0] === 'template').map((c) => c.pid);
      expect(pids.length).toBeGreaterThanOrEqual(1);
      for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
    } finally {
      await fakes.cleanup();
    }
  });

  it.each([
    ['killed by a signal (an OOM kill)', 'kill -9 $$', /killed by SIGKILL/],
    ['killed behind a wrapper script (exit 137)', 'sh -c "kill -9 \\$\\$"; exit $?', /exit 137 \(killed by signal 9\)/],
    ['out of memory in the Go runtime', 'echo "fatal error: runtime: out of memory" >&2; exit 2', /helm crashed: fatal error: runtime: out of memory/],
    ['panicking', 'echo "panic: assignment to entry in nil map" >&2; exit 2', /helm crashed: panic: assignment/],
  ])('a helm %s is a render/helm finding that is never cached', async (_what, die, expected) => {
    const repo = await fixtures.repo();
    const { mkdtemp: mk, writeFile: wf, rm: rmf } = await import('node:fs/promises');
    const dir = await mk(join(tmpdir(), 'jetscale-killed-helm-'));
    try {
      const killFile = join(dir, 'kill');
      const helmScript = join(dir, 'helm');
      await wf(helmScript, `#!/bin/sh\ncase "$1" in\n  version) echo v3.17.0 ;;\n  template) if [ -f '${killFile}' ]; then ${die}; fi; printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: x\\n' ;;\nesac\n`, { mode: 0o755 });
      await wf(killFile, '');
      const env = { PATH: process.env.PATH, JETSCALE_HELM: helmScript, JETSCALE_CACHE_DIR: join(dir, 'cache') };
      const args = ['validate:envs', 'aws', '--json', '--render=require', 'staging/acme'];
      const first = await runCli(args, { cwd: repo.dir, env });
      const firstFindings = (JSON.parse(first.stdout) as { data: { findings: Array<{ rule: string; message: string }> } }).data.findings;
      expect(firstFindings.find((f) => f.rule === 'render/helm')?.message).toMatch(expected);
      await rmf(killFile);
      const second = await runCli([...args, '--verbose'], { cwd: repo.dir, env });
      const secondFindings = (JSON.parse(second.stdout) as { data: { findings: Array<{ rule: string }> } }).data.findings;
      expect(secondFindings.filter((f) => f.rule === 'render/helm')).toEqual([]);
      expect(second.stderr).toMatch(/rendered staging\/acme/);
      expect(second.stderr).not.toMatch(/cached staging\/acme/);
    } finally {
      await rmf(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!helm || process.arch !== 'x64')('a helm that states its version but cannot run here (another CPU): render skipped, nothing cached', async () => {
    const repo = await fixtures.repo();
    const { mkdtemp: mk, copyFile, open: openFile, readdir: ls, rm: rmf } = await import('node:fs/promises');
    const dir = await mk(join(tmpdir(), 'jetscale-foreign-helm-'));
    try {
      const foreign = join(dir, 'helm');
      await copyFile(helm, foreign);
      const fh = await openFile(foreign, 'r+');
      await fh.write(Buffer.from([0xb7, 0x00]), 0, 2, 18); // e_machine: aarch64, on this x86-64 machine
      await fh.close();
      const cache = join(dir, 'cache');
      const r = await runCli(['validate:envs', 'aws', '--json'], { cwd: repo.dir, env: { PATH: process.env.PATH, JETSCALE_HELM: foreign, JETSCALE_CACHE_DIR: cache } });
      const out = JSON.parse(r.stdout) as ValidateRunJson;
      expect(r.code, r.stderr).toBe(0);
      expect(out.data.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(out.data.findings.find((f) => f.rule === 'render/skipped')?.message).toMatch(/did not report a version/);
      expect(await ls(join(cache, 'render')).catch(() => [])).toEqual([]);
    } finally {
      await rmf(dir, { recursive: true, force: true });
    }
  });

  it('--render=auto without helm warns that rendering was skipped and passes (exit 0)', async () => {
    const repo = await fixtures.repo();
    const run = await validate(repo, { render: 'auto', path: noHelmPath });
    expect(run.code, run.stderr).toBe(0);
    const skipped = run.json.data.findings.filter((f) => f.rule === 'render/skipped');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ severity: 'warning', message: expect.stringMatching(/helm not found/) });
    for (const e of run.json.data.environments) expect(e.checks.render, e.id).toBe('skipped');
  });
});
