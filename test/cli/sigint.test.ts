// Ctrl-C on a running task: the child is stopped, a final line says what was interrupted, exit 130.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeTools, type FakeTools } from '../support/fake-tools.js';

const entry = fileURLToPath(new URL('../support/cli-entry.ts', import.meta.url));
let fakes: FakeTools;
beforeEach(async () => void (fakes = await createFakeTools()));
afterEach(() => fakes.cleanup());

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor<T>(probe: () => Promise<T | undefined>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('SIGINT', () => {
  it('stops the running child, says what was interrupted and exits 130', async () => {
    await fakes.add('helm', [{ args: ['version'], stdout: 'v3.17.0\n', sleepMs: 60_000 }]);
    const child = spawn(process.execPath, ['--import', 'tsx', entry, 'diagnose:tools'], {
      env: { PATH: fakes.path({ isolate: true }), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const helmCall = await waitFor(async () => (await fakes.calls('helm'))[0], 15_000);
    expect(alive(helmCall.pid)).toBe(true);
    child.kill('SIGINT');
    const code = await exited;
    expect(code).toBe(130);
    expect(stderr).toContain('press Ctrl-C again to force');
    expect(stderr).toMatch(/interrupted: diagnose:tools was stopped while running helm version --short/);
    await waitFor(async () => (alive(helmCall.pid) ? undefined : true), 5000);
  }, 30_000);
});
