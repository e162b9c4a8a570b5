// Partial failure is still a report, and hints fit the cause (issue: "a newcomer's first run").
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { FixtureFactory, type FixtureRepo } from './fixture-repo.js';
import { lockVersionEdited } from './mutations.js';

let factory: FixtureFactory;
beforeAll(async () => void (factory = await FixtureFactory.create()));
afterAll(() => factory.cleanup());

const noHelm = { PATH: '/nonexistent' };

describe('chart-level checks run even when the cloud layer is missing', () => {
  it('an unknown cloud still reports a broken Chart.lock, then exits 2 naming the cloud', async () => {
    const repo: FixtureRepo = await factory.repo();
    await lockVersionEdited.apply(repo);
    const r = await runCli(['validate:envs', 'gcp', '--render=off'], { cwd: repo.dir, env: noHelm });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('supply-chain/lock-entries');
    expect(r.stderr).toMatch(/gcp\.yaml/);
  });

  it('an envs directory without cloud files says so instead of "use one of: none"', async () => {
    const repo = await factory.repo();
    await mkdir(join(repo.dir, 'empty-envs', 'live'), { recursive: true });
    const r = await runCli(['validate:envs', 'aws', '--envs', 'empty-envs', '--render=off'], { cwd: repo.dir, env: noHelm });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('empty-envs has no cloud layer files');
    expect(r.stderr).not.toContain('none');
  });
});

describe('render hints fit the cause', () => {
  it('helm missing: the hint names PATH/JETSCALE_HELM and the offline stand-ins', async () => {
    const repo = await factory.repo();
    const r = await runCli(['validate:envs', 'aws', '--json'], { cwd: repo.dir, env: noHelm });
    const skipped = (JSON.parse(r.stdout) as { data: { findings: Array<{ rule: string; hint?: string }> } }).data.findings.find((f) => f.rule === 'render/skipped');
    expect(skipped?.hint).toMatch(/JETSCALE_HELM/);
    expect(skipped?.hint).toMatch(/chart:deps/);
    expect(skipped?.hint).toMatch(/prepare-render/);
  });
});

describe('paths', () => {
  it('--chart typed on the command line resolves against the current directory, not the repo root', async () => {
    const repo = await factory.repo();
    await mkdir(join(repo.dir, 'sub'));
    const fromSub = await runCli(['validate:envs', 'aws', '--render=off', '--chart', '../charts/jetscale', '--envs', '../envs'], { cwd: join(repo.dir, 'sub'), env: noHelm });
    expect(fromSub.code).toBe(0);
  });

  it('--junit into a missing directory fails before any work, exit 2', async () => {
    const repo = await factory.repo();
    const r = await runCli(['validate:envs', 'aws', '--render=off', '--junit', 'missing/j.xml'], { cwd: repo.dir, env: noHelm });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--junit');
    expect(r.stdout).toBe('');
  });

  it('an unwritable $GITHUB_STEP_SUMMARY is a warning, not an internal error', async () => {
    const repo = await factory.repo();
    const r = await runCli(['validate:envs', 'aws', '--render=off'], { cwd: repo.dir, env: { ...noHelm, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: join(repo.dir, 'missing', 'summary.md') } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: cannot append to \$GITHUB_STEP_SUMMARY/);
    expect(r.stderr).not.toContain('internal error');
  });
});

describe.skipIf(!process.env.JETSCALE_HELM)('one environment\'s helm hangs: the rest is still a report', () => {
  it('the hanging environment gets a render/helm finding with a --timeout hint; the others render, the table prints', async () => {
    const { chmod, writeFile } = await import('node:fs/promises');
    const repo = await factory.repo();
    const wrapper = join(repo.dir, 'slow-helm.sh');
    // Real helm, except that rendering staging/acme hangs (as a crashed plugin or a huge chart would).
    await writeFile(wrapper, `#!/bin/sh\ncase "$*" in *staging/acme.yaml*) sleep 30;; esac\nexec '${process.env.JETSCALE_HELM}' "$@"\n`);
    await chmod(wrapper, 0o755);
    const r = await runCli(['validate:envs', 'aws', '--render=require', '--no-cache', '--timeout', '4s', '--json'], { cwd: repo.dir, env: { PATH: process.env.PATH, JETSCALE_HELM: wrapper } });
    const doc = JSON.parse(r.stdout) as { data: { environments: Array<{ id: string; checks: { render: string } }>; findings: Array<{ rule: string; env?: string; hint?: string }> } };
    expect(r.code).toBe(4);
    const byId = Object.fromEntries(doc.data.environments.map((e) => [e.id, e.checks.render]));
    expect(byId['staging/acme']).toBe('error');
    expect(byId['live/console']).toBe('ok');
    const hang = doc.data.findings.find((f) => f.rule === 'render/helm' && f.env === 'staging/acme');
    expect(hang?.hint).toMatch(/--timeout/);
  }, 60_000);
});
