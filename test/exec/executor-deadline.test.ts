// A deadline stops everything a command started: a grandchild holding the output pipes cannot keep the run waiting.
import { describe, expect, it } from 'vitest';
import { Executor } from '../../src/exec/executor.js';
import { Output } from '../../src/core/output.js';
import { Secrets } from '../../src/core/secrets.js';
import { InterruptedError } from '../../src/core/errors.js';

function executor(signal = new AbortController().signal) {
  const secrets = new Secrets();
  const out = new Output({ stdout: { write: () => true }, stderr: { write: () => true }, secrets, color: false, interactive: false, github: false, json: false, verbose: false });
  return new Executor({ out, secrets, signal, baseEnv: { PATH: process.env.PATH } });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('executor deadlines reach the whole process group', () => {
  it('a shell whose grandchild sleeps is stopped at the deadline, grandchild included', async () => {
    const started = performance.now();
    // The shell prints its grandchild's pid, then waits on it; the grandchild keeps stdout open.
    const run = executor().run({ file: '/bin/sh', tool: 'sh', args: ['-c', 'sleep 30 & echo $!; wait'], effect: 'read', timeoutMs: 300 });
    await expect(run).rejects.toMatchObject({ code: 'E_TIMEOUT' });
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('Ctrl-C stops the group too and surfaces the interrupt', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const run = executor(controller.signal).run({ file: '/bin/sh', tool: 'sh', args: ['-c', 'sleep 30 & wait'], effect: 'read' });
    setTimeout(() => controller.abort(new InterruptedError('Ctrl-C')), 200);
    await expect(run).rejects.toBeInstanceOf(InterruptedError);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('leaves no grandchild behind after a timeout', async () => {
    const exec = executor();
    const pidFile = `/tmp/jetscale-gc-${process.pid}-${Date.now()}`;
    await expect(exec.run({ file: '/bin/sh', tool: 'sh', args: ['-c', `sleep 30 & echo $! > ${pidFile}; wait`], effect: 'read', timeoutMs: 300 })).rejects.toMatchObject({ code: 'E_TIMEOUT' });
    const { readFile, rm } = await import('node:fs/promises');
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    await rm(pidFile, { force: true });
    for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
    // A zombie waiting for init to reap it counts as gone.
    const state = await readFile(`/proc/${pid}/stat`, 'utf8').then((s) => s.split(' ')[2], () => 'gone');
    expect(['gone', 'Z']).toContain(state);
  });
});
