// Long-running handles against scripted fakes: readiness by line and TCP, deadlines, SIGTERM → SIGKILL, the
// whole process group (grandchildren too), dry-run and read-only verdicts, and the run's AbortSignal.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EffectGate, type Effect } from '../../src/core/effects.js';
import { JetscaleError } from '../../src/core/errors.js';
import { Output } from '../../src/core/output.js';
import { Secrets } from '../../src/core/secrets.js';
import { ProcessGroup, type ProcessSpec } from '../../src/exec/process-group.js';
import { ProcessHandle } from '../../src/exec/process-handle.js';
import { createLongRunners, freePort, isRunning, waitUntil, type LongRunners } from './long-runners.js';

let fakes: LongRunners;
let groups: ProcessGroup[] = [];
beforeEach(async () => void (fakes = await createLongRunners()));
afterEach(async () => {
  await Promise.all(groups.map((g) => g.stopAll()));
  groups = [];
  // Never leave anything behind, even when an assertion failed.
  for (const p of await fakes.pids()) if (isRunning(p.pid)) process.kill(p.pid, 'SIGKILL');
  await fakes.cleanup();
});

function setup(opts: { dryRun?: boolean; ceiling?: Effect; graceMs?: number; signal?: AbortSignal; timeoutOverrideMs?: number } = {}) {
  let log = '';
  const secrets = new Secrets();
  const out = new Output({ stdout: { write: (s: string) => (log += s) }, stderr: { write: (s: string) => (log += s) }, secrets, color: false, interactive: true, github: false, json: false, verbose: false });
  const gate = new EffectGate({ dryRun: opts.dryRun ?? false, ceiling: opts.ceiling ?? 'destroy', secrets });
  const group = new ProcessGroup({ gate, out, secrets, signal: opts.signal ?? new AbortController().signal, baseEnv: { PATH: process.env.PATH }, graceMs: opts.graceMs ?? 2000, ...(opts.timeoutOverrideMs ? { timeoutOverrideMs: opts.timeoutOverrideMs } : {}) });
  groups.push(group);
  return { group, gate, secrets, log: () => log };
}

const spec = (file: string, tool: string, extra: Partial<ProcessSpec> = {}): ProcessSpec => ({ file, tool, args: ['up'], effect: 'write', ...extra });

async function started(group: ProcessGroup, s: ProcessSpec): Promise<ProcessHandle> {
  const h = await group.start(s);
  if (!(h instanceof ProcessHandle)) throw new Error('expected a started process');
  return h;
}

describe('ProcessGroup', () => {
  it('waits for a ready line, streams prefixed output and records the process in the transcript', async () => {
    const tilt = await fakes.add('tilt', { readyLine: 'Tilt started on http://localhost:10350/', readyDelayMs: 300 });
    const { group, gate, log } = setup();
    const t0 = Date.now();
    const h = await started(group, spec(tilt, 'tilt', { ready: { line: /Tilt started on/ } }));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    expect(h.running).toBe(true);
    expect(log()).toContain('[tilt] Tilt started on http://localhost:10350/');
    expect(gate.transcript.map((r) => [r.channel, r.operation, r.status])).toEqual([['process', 'tilt up', 'started']]);
    const exit = await h.stop();
    expect(exit).toMatchObject({ stopped: true, signal: 'SIGTERM' });
    expect(gate.transcript[0]).toMatchObject({ status: 'ran' });
    expect(group.running).toEqual([]);
  });

  it('waits for a TCP port to accept connections', async () => {
    const port = await freePort();
    const kubectl = await fakes.add('kubectl', { listenPort: port, readyDelayMs: 300 });
    const { group } = setup();
    const h = await started(group, spec(kubectl, 'kubectl', { args: ['port-forward', 'svc/api', `${port}:80`], effect: 'read', ready: { tcp: { port } } }));
    const [entry] = await fakes.pids();
    expect(entry?.pid).toBe(h.pid);
    await h.stop();
    expect(isRunning(h.pid!)).toBe(false);
  });

  it('fails with a clear error and kills the child (and its grandchild) when the deadline passes', async () => {
    const skaffold = await fakes.add('skaffold', { readyLine: 'never', readyDelayMs: 60_000, grandchild: true });
    const { group, gate } = setup();
    const attempt = group.start(spec(skaffold, 'skaffold', { args: ['dev'], ready: { line: /Watching for changes/ }, readyTimeoutMs: 600 }));
    const error = await attempt.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(JetscaleError);
    expect((error as JetscaleError).code).toBe('E_NOT_READY');
    expect((error as JetscaleError).message).toBe('skaffold dev was not ready after 600ms (waiting for a line matching /Watching for changes/); it was stopped');
    expect((error as JetscaleError).tail).toContain('skaffold starting dev');
    const pids = await fakes.pids();
    expect(pids.map((p) => p.role).sort()).toEqual(['child', 'grandchild']);
    for (const p of pids) expect(isRunning(p.pid), `${p.role} ${p.pid}`).toBe(false);
    expect(gate.transcript[0]).toMatchObject({ status: 'failed', error: 'not ready before its deadline' });
  });

  it('--timeout replaces the readiness deadline', async () => {
    const slow = await fakes.add('tilt', { readyLine: 'ready', readyDelayMs: 60_000 });
    const { group } = setup({ timeoutOverrideMs: 300 });
    await expect(group.start(spec(slow, 'tilt', { ready: { line: /ready/ }, readyTimeoutMs: 60_000 }))).rejects.toThrow('tilt up was not ready after 300ms');
  });

  it('reports a process that exits before it is ready, with its exit code and last lines', async () => {
    const tilt = await fakes.add('tilt', { exitAfterMs: 200, exitCode: 3 });
    const { group } = setup();
    const error = await group.start(spec(tilt, 'tilt', { ready: { line: /never/ } })).then(() => undefined, (e: unknown) => e as JetscaleError);
    expect(error?.message).toBe('tilt up exited (exit code 3) before it was ready (waiting for a line matching /never/)');
    expect(error?.tail).toContain('giving up');
  });

  it('escalates to SIGKILL after the grace period for a child that ignores SIGTERM', async () => {
    const stubborn = await fakes.add('skaffold', { ignoreTerm: true, readyLine: 'Watching for changes...' });
    const { group, log } = setup({ graceMs: 400 });
    const h = await started(group, spec(stubborn, 'skaffold', { args: ['dev'], ready: { line: /Watching for changes/ } }));
    const t0 = Date.now();
    const exit = await h.stop();
    const took = Date.now() - t0;
    expect(exit.signal).toBe('SIGKILL');
    expect(took).toBeGreaterThanOrEqual(400);
    expect(took).toBeLessThan(3000);
    expect(isRunning(h.pid!)).toBe(false);
    expect(log()).toContain('[skaffold] ignoring SIGTERM');
  });

  it('stops the whole process group: a grandchild that ignores SIGTERM dies too', async () => {
    const tilt = await fakes.add('tilt', { grandchild: true, grandchildIgnoresTerm: true, readyLine: 'ready' });
    const { group } = setup({ graceMs: 300 });
    await started(group, spec(tilt, 'tilt', { ready: { line: /ready/ } }));
    const pids = await fakes.pids();
    const grandchild = pids.find((p) => p.role === 'grandchild')!;
    expect(isRunning(grandchild.pid)).toBe(true);
    await group.stopAll();
    for (const p of pids) expect(isRunning(p.pid), `${p.role} ${p.pid}`).toBe(false);
  });

  it('records a write under --dry-run without starting it, but runs a read', async () => {
    const tilt = await fakes.add('tilt', { readyLine: 'ready' });
    const kubectl = await fakes.add('kubectl', { readyLine: 'Forwarding from 127.0.0.1:8080 -> 80' });
    const { group, gate, log } = setup({ dryRun: true });
    const skipped = await group.start(spec(tilt, 'tilt', { ready: { line: /ready/ } }));
    expect(skipped).toMatchObject({ skipped: true, command: 'tilt up', record: { status: 'recorded', effect: 'write' } });
    const pf = await group.start(spec(kubectl, 'kubectl', { args: ['port-forward', 'svc/api', '8080:80'], effect: 'read', ready: { line: /Forwarding from/ } }));
    expect(pf.skipped).toBe(false);
    expect((await fakes.pids()).map((p) => p.tool)).toEqual(['kubectl']);
    expect(log()).toContain('dry-run would start (write): tilt up');
    expect(gate.transcript.map((r) => `${r.status}:${r.command}`)).toEqual(['recorded:tilt up', 'started:kubectl port-forward svc/api 8080:80']);
  });

  it('refuses a write in a read-only run before anything starts', async () => {
    const tilt = await fakes.add('tilt', { readyLine: 'ready' });
    const { group } = setup({ ceiling: 'read' });
    await expect(group.start(spec(tilt, 'tilt'))).rejects.toMatchObject({ code: 'E_READ_ONLY' });
    expect(await fakes.pids()).toEqual([]);
  });

  it('stops everything when the run is aborted, and refuses to start afterwards', async () => {
    const a = await fakes.add('tilt', { readyLine: 'ready', grandchild: true });
    const b = await fakes.add('kubectl', { readyLine: 'ready' });
    const controller = new AbortController();
    const { group } = setup({ signal: controller.signal });
    await started(group, spec(a, 'tilt', { ready: { line: /ready/ } }));
    await started(group, spec(b, 'kubectl', { effect: 'read', ready: { line: /ready/ } }));
    const pids = await fakes.pids();
    expect(pids).toHaveLength(3);
    controller.abort(new Error('Ctrl-C'));
    await waitUntil(() => pids.every((p) => !isRunning(p.pid)), 4000, 'every process gone');
    await expect(group.start(spec(a, 'tilt'))).rejects.toThrow('Ctrl-C');
  });

  it('an abort during the readiness wait stops the child and rethrows the abort reason', async () => {
    const slow = await fakes.add('skaffold', { readyLine: 'ready', readyDelayMs: 60_000 });
    const controller = new AbortController();
    const { group, gate } = setup({ signal: controller.signal });
    const attempt = group.start(spec(slow, 'skaffold', { args: ['dev'], ready: { line: /ready/ } }));
    await waitUntil(async () => (await fakes.pids()).length > 0, 4000, 'skaffold started');
    controller.abort(new Error('interrupted'));
    await expect(attempt).rejects.toThrow('interrupted');
    const [p] = await fakes.pids();
    expect(isRunning(p!.pid)).toBe(false);
    expect(gate.transcript[0]).toMatchObject({ status: 'failed', error: 'interrupted before it was ready' });
  });

  it('stopAll is idempotent and parallel', async () => {
    const runners = await Promise.all(['a', 'b', 'c'].map((n) => fakes.add(n, { ignoreTerm: true, readyLine: 'ready' })));
    const { group } = setup({ graceMs: 500 });
    for (const [i, r] of runners.entries()) await started(group, spec(r, ['a', 'b', 'c'][i]!, { ready: { line: /ready/ } }));
    const t0 = Date.now();
    await Promise.all([group.stopAll(), group.stopAll()]);
    // Three stubborn children stopped one after another would take 3 × 500 ms.
    expect(Date.now() - t0).toBeLessThan(1400);
    await group.stopAll();
    for (const p of await fakes.pids()) expect(isRunning(p.pid)).toBe(false);
  });

  it('a process that is missing fails with E_SPAWN', async () => {
    const { group } = setup();
    await expect(group.start(spec('/nonexistent/tilt', 'tilt'))).rejects.toMatchObject({ code: 'E_SPAWN' });
  });

  it('passes secret env to the child and redacts it from the streamed output', async () => {
    const tilt = await fakes.add('tilt', { echoEnv: 'TILT_TOKEN', readyLine: 'ready' });
    const { group, log } = setup();
    const h = await started(group, spec(tilt, 'tilt', { secretEnv: { TILT_TOKEN: 'tok-very-secret-123' }, ready: { line: /ready/ } }));
    await h.stop();
    expect(log()).toContain('[tilt] env TILT_TOKEN=***');
    expect(log()).not.toContain('tok-very-secret-123');
  });

  it('warns when a ready process exits on its own and cleans up its group', async () => {
    const kubectl = await fakes.add('kubectl', { readyLine: 'Forwarding from 127.0.0.1:1 -> 80', exitAfterMs: 300, exitCode: 1, grandchild: true });
    const { group, gate, log } = setup();
    const h = await started(group, spec(kubectl, 'kubectl', { args: ['port-forward'], effect: 'read', ready: { line: /Forwarding/ } }));
    const exit = await h.exited;
    expect(exit).toMatchObject({ code: 1, stopped: false });
    await waitUntil(() => group.running.length === 0, 3000, 'group emptied');
    expect(log()).toContain('warning: kubectl port-forward exited on its own (exit code 1)');
    expect(gate.transcript[0]).toMatchObject({ status: 'failed', exitCode: 1 });
    for (const p of await fakes.pids()) expect(isRunning(p.pid)).toBe(false);
  });
});
