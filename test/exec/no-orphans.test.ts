// THE key test of long-running processes: a CLI-like process with three handles open (tilt up, skaffold dev that
// ignores SIGTERM, kubectl port-forward; two of them with grandchildren) is interrupted or ends, and no child or
// grandchild outlives it (checked by pid).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLongRunners, freePort, isRunning, waitUntil, type LongRunners, type PidEntry } from './long-runners.js';

const entry = fileURLToPath(new URL('../support/handles-entry.ts', import.meta.url));
let fakes: LongRunners;
beforeEach(async () => void (fakes = await createLongRunners()));
afterEach(async () => {
  // Never leave anything behind, even when an assertion failed.
  for (const p of await fakes.pids()) if (isRunning(p.pid)) process.kill(p.pid, 'SIGKILL');
  await fakes.cleanup();
});

async function startCli(mode: 'wait' | 'finish' | 'fail' | 'exit') {
  const tiltPort = await freePort();
  const forwardPort = await freePort();
  const config = {
    tilt: await fakes.add('tilt', { listenPort: tiltPort, readyDelayMs: 150, grandchild: true, grandchildIgnoresTerm: true }),
    skaffold: await fakes.add('skaffold', { readyLine: 'Watching for changes...', readyDelayMs: 100, ignoreTerm: true }),
    kubectl: await fakes.add('kubectl', { readyLine: `Forwarding from 127.0.0.1:${forwardPort} -> 80`, grandchild: true }),
    tiltPort,
    forwardPort,
    mode,
    graceMs: 500,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', entry, JSON.stringify(config)], { env: { PATH: process.env.PATH, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const output = () => `stdout:\n${stdout}\nstderr:\n${stderr}`;
  return { child, exited, output, ready: () => waitUntil(() => stdout.includes('all ready'), 20_000, 'all three handles ready') };
}

async function expectAllGone(pids: PidEntry[], withinMs: number): Promise<number> {
  const took = await waitUntil(() => pids.every((p) => !isRunning(p.pid)), withinMs, `every child and grandchild gone (${pids.map((p) => `${p.tool}/${p.role}/${p.pid}`).join(', ')})`);
  for (const p of pids) expect(isRunning(p.pid), `${p.tool} ${p.role} ${p.pid}`).toBe(false);
  return took;
}

describe('no child outlives the CLI', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal}: stops all three handles and their grandchildren, exits 130`, async () => {
      const cli = await startCli('wait');
      await cli.ready();
      const pids = await fakes.pids();
      expect(pids.map((p) => `${p.tool}/${p.role}`).sort()).toEqual(['kubectl/child', 'kubectl/grandchild', 'skaffold/child', 'tilt/child', 'tilt/grandchild']);
      for (const p of pids) expect(isRunning(p.pid), `${p.tool} ${p.role} alive before the signal`).toBe(true);
      const t0 = Date.now();
      cli.child.kill(signal);
      expect(await cli.exited, cli.output()).toBe(130);
      const exitMs = Date.now() - t0;
      // skaffold ignores SIGTERM: the CLI waits the 0.5 s grace, then SIGKILLs its group.
      expect(exitMs).toBeLessThan(5000);
      await expectAllGone(pids, 1000);
      expect(cli.output()).toContain('interrupt: stopping gracefully');
    }, 30_000);
  }

  it('a normal exit stops them too', async () => {
    const cli = await startCli('finish');
    expect(await cli.exited, cli.output()).toBe(0);
    await expectAllGone(await fakes.pids(), 1000);
  }, 30_000);

  it('an error after they started stops them too', async () => {
    const cli = await startCli('fail');
    expect(await cli.exited, cli.output()).toBe(1);
    expect(cli.output()).toContain('the task failed after starting its processes');
    await expectAllGone(await fakes.pids(), 1000);
  }, 30_000);

  it('process.exit without stopAll still kills every group (the exit hook)', async () => {
    const cli = await startCli('exit');
    expect(await cli.exited, cli.output()).toBe(7);
    await expectAllGone(await fakes.pids(), 1000);
  }, 30_000);
});
