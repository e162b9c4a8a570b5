// A signal at any moment ends the run as interrupted (exit 130), never as a success; SIGTERM is named as such.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InterruptedError } from '../../src/core/errors.js';
import { createFakeTools, type FakeTools } from '../support/fake-tools.js';
import { runCli } from '../support/run-cli.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const entry = fileURLToPath(new URL('../support/cli-entry.ts', import.meta.url));
let fakes: FakeTools;
beforeEach(async () => void (fakes = await createFakeTools()));
afterEach(() => fakes.cleanup());

describe('signals at any moment', () => {
  it('a Ctrl-C before the task starts: exit 130 and "interrupted"', async () => {
    const controller = new AbortController();
    controller.abort(new InterruptedError('Ctrl-C'));
    const r = await runCli(['validate:envs', 'aws', '--render=off'], { cwd: repo, signal: controller.signal });
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/interrupted: validate:envs was stopped.*\(Ctrl-C\)/);
  });

  it.each([0, 5, 30])('a Ctrl-C %i ms into an offline run (no child process to stop) still exits 130', async (ms) => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new InterruptedError('Ctrl-C')), ms);
    const r = await runCli(['validate:envs', 'aws', '--render=off', '--json'], { cwd: repo, signal: controller.signal });
    // Either the signal arrived during the run (130) or, on a very fast machine, after it finished.
    if (r.code !== 130) expect(JSON.parse(r.stdout).ok).toBe(true);
    else expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, exitCode: 130, error: { code: 'E_INTERRUPTED' } });
  });

  it('a Ctrl-C while helm answers its version: exit 130, no "render skipped" report', async () => {
    await fakes.add('helm', [{ args: ['version'], stdout: 'v3.17.0\n', sleepMs: 60_000 }, { args: ['template'], sleepMs: 60_000 }]);
    const controller = new AbortController();
    const running = runCli(['validate:envs', 'aws', '--render=require'], { cwd: repo, signal: controller.signal, env: { PATH: fakes.path(), JETSCALE_HELM: join(fakes.dir, 'helm'), NO_COLOR: '1' } });
    for (let i = 0; i < 300 && !(await fakes.calls('helm')).some((c) => c.argv[0] === 'version'); i++) await new Promise((r) => setTimeout(r, 50));
    controller.abort(new InterruptedError('Ctrl-C'));
    const r = await running;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/interrupted: validate:envs was stopped/);
    expect(r.stdout + r.stderr).not.toContain('render skipped');
  }, 30_000);

  it('SIGTERM on a real process is named in the message, exit 130', async () => {
    await fakes.add('helm', [{ args: ['version'], stdout: 'v3.17.0\n', sleepMs: 60_000 }]);
    const child = spawn(process.execPath, ['--import', 'tsx', entry, 'diagnose:tools'], { env: { PATH: fakes.path({ isolate: true }), NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (let i = 0; i < 300 && (await fakes.calls('helm')).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGTERM');
    expect(await exited).toBe(130);
    expect(stderr).toContain('interrupt (SIGTERM)');
    expect(stderr).toMatch(/interrupted: diagnose:tools was stopped.*\(SIGTERM\)/);
  }, 30_000);
});

describe('SIGHUP (a closed terminal)', () => {
  it('stops the children like SIGTERM: exit 130 and no orphan', async () => {
    await fakes.add('helm', [{ args: ['version'], stdout: 'v3.17.0\n', sleepMs: 60_000 }]);
    const child = spawn(process.execPath, ['--import', 'tsx', entry, 'diagnose:tools'], { env: { PATH: fakes.path({ isolate: true }), NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let call: { pid: number } | undefined;
    for (let i = 0; i < 300 && !(call = (await fakes.calls('helm'))[0]); i++) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGHUP');
    expect(await exited).toBe(130);
    const alive = () => {
      try {
        process.kill(call!.pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 100 && alive(); i++) await new Promise((r) => setTimeout(r, 50));
    const { readFile } = await import('node:fs/promises');
    const state = await readFile(`/proc/${call!.pid}/stat`, 'utf8').then((s) => s.split(' ')[2], () => 'gone');
    expect(['gone', 'Z']).toContain(state);
  }, 30_000);
});
