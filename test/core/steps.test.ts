// Steps: deadlines, retries that say what they retry on, a journal that lets a later run resume with --from,
// and a journal that --dry-run never writes (a dry run must not mark steps done).
import { mkdtemp, readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EffectGate } from '../../src/core/effects.js';
import { RecordingReporter } from '../../src/core/events.js';
import { InterruptedError, JetscaleError } from '../../src/core/errors.js';
import { Journal } from '../../src/core/journal.js';
import { runSteps, type Step } from '../../src/core/steps.js';

const ok = (name: string, log: string[], deadlineMs = 1000): Step => ({ name, deadlineMs, run: async () => void log.push(name) });

async function journalIn(dir: string, dryRun = false) {
  const gate = new EffectGate({ dryRun, ceiling: 'write' });
  return { gate, journal: await Journal.open({ dir, task: 'ephemeral:deploy', key: 'pr-7', gate }) };
}

describe('runSteps', () => {
  it('runs in order, reports coded events and journals each outcome', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jetscale-steps-'));
    const { journal } = await journalIn(dir);
    const log: string[] = [];
    const reporter = new RecordingReporter();
    const outcomes = await runSteps([ok('identity', log), ok('apply', log)], { reporter, signal: new AbortController().signal, journal });
    expect(log).toEqual(['identity', 'apply']);
    expect(outcomes.map((o) => [o.name, o.status, o.attempts])).toEqual([['identity', 'ok', 1], ['apply', 'ok', 1]]);
    expect(reporter.events.map((e) => e.code)).toEqual(['STEP_START', 'STEP_OK', 'STEP_START', 'STEP_OK']);
    const saved = JSON.parse(await readFile(join(dir, 'ephemeral_deploy', 'pr-7.json'), 'utf8')) as { steps: Array<{ name: string; status: string }> };
    expect(saved.steps.map((s) => `${s.name}:${s.status}`)).toEqual(['identity:ok', 'apply:ok']);
  });

  it('stops a step at its deadline even if it ignores the signal, and journals the failure', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jetscale-steps-'));
    const { journal } = await journalIn(dir);
    const hang: Step = { name: 'wait-alb', deadlineMs: 50, run: () => new Promise(() => undefined) };
    const reporter = new RecordingReporter();
    const error = await runSteps([hang], { reporter, signal: new AbortController().signal, journal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JetscaleError);
    expect((error as JetscaleError).code).toBe('E_STEP_DEADLINE');
    expect((error as Error).message).toContain('wait-alb ran past its deadline of 50 ms');
    expect(reporter.events.at(-1)?.code).toBe('STEP_DEADLINE');
    expect(journal.entry('wait-alb')?.status).toBe('failed');
  });

  it('--timeout replaces the step deadline', async () => {
    const slow: Step = { name: 'slow', deadlineMs: 10, run: () => new Promise((r) => setTimeout(r, 60)) };
    await expect(runSteps([slow], { reporter: new RecordingReporter(), signal: new AbortController().signal, deadlineOverrideMs: 5000 })).resolves.toHaveLength(1);
  });

  it('retries only what the policy names, as often as it says, and says so', async () => {
    let calls = 0;
    const flaky: Step = {
      name: 'delete-tg',
      deadlineMs: 5000,
      retry: { attempts: 3, on: 'ResourceInUse while listeners drain', retryable: (e) => (e as Error).message === 'in use', delayMs: () => 1 },
      run: async () => {
        calls += 1;
        if (calls < 3) throw new Error('in use');
      },
    };
    const reporter = new RecordingReporter();
    const [outcome] = await runSteps([flaky], { reporter, signal: new AbortController().signal });
    expect(outcome).toMatchObject({ status: 'ok', attempts: 3 });
    expect(reporter.events.filter((e) => e.code === 'STEP_RETRY').map((e) => e.message)).toEqual([
      expect.stringContaining('attempt 1/3 failed (ResourceInUse while listeners drain)'),
      expect.stringContaining('attempt 2/3 failed'),
    ]);
    let other = 0;
    const fatal: Step = { ...flaky, name: 'fatal', run: async () => void (other++, (() => { throw new Error('denied'); })()) };
    await expect(runSteps([fatal], { reporter, signal: new AbortController().signal })).rejects.toThrow('denied');
    expect(other).toBe(1);
  });

  it('resumes with --from only when the earlier steps finished in the journal', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jetscale-steps-'));
    const log: string[] = [];
    const steps = [ok('identity', log), ok('apply', log), ok('helm', log)];
    const first = await journalIn(dir);
    await expect(runSteps(steps, { reporter: new RecordingReporter(), signal: new AbortController().signal, journal: first.journal, from: 'helm' })).rejects.toThrow(/cannot resume from helm: identity, apply did not finish/);
    expect(log).toEqual([]);
    await runSteps(steps.slice(0, 2), { reporter: new RecordingReporter(), signal: new AbortController().signal, journal: first.journal });
    const second = await journalIn(dir);
    const outcomes = await runSteps(steps, { reporter: new RecordingReporter(), signal: new AbortController().signal, journal: second.journal, from: 'helm' });
    expect(outcomes.map((o) => o.status)).toEqual(['skipped', 'skipped', 'ok']);
    expect(log).toEqual(['identity', 'apply', 'helm']);
    await expect(runSteps(steps, { reporter: new RecordingReporter(), signal: new AbortController().signal, from: 'nope' })).rejects.toMatchObject({ exitCode: 2 });
  });

  it('under --dry-run the journal is recorded, not written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jetscale-steps-'));
    const { gate, journal } = await journalIn(dir, true);
    await runSteps([ok('identity', [])], { reporter: new RecordingReporter(), signal: new AbortController().signal, journal });
    expect(await readdir(dir)).toEqual([]);
    expect(gate.transcript).toMatchObject([{ channel: 'file', operation: 'write-journal', status: 'recorded' }]);
  });

  it('a corrupt journal is an error naming the file, never silently reset', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jetscale-steps-'));
    await mkdir(join(dir, 'ephemeral_deploy'));
    await writeFile(join(dir, 'ephemeral_deploy', 'pr-7.json'), '{"version": 1, "steps": "x"');
    await expect(journalIn(dir)).rejects.toMatchObject({ code: 'E_JOURNAL', message: expect.stringContaining('pr-7.json') });
  });

  it('Ctrl-C stops the running step with the interrupt, not a deadline error', async () => {
    const controller = new AbortController();
    const hang: Step = { name: 'tilt', deadlineMs: 10_000, run: () => new Promise(() => undefined) };
    setTimeout(() => controller.abort(new InterruptedError('Ctrl-C')), 20);
    await expect(runSteps([hang], { reporter: new RecordingReporter(), signal: controller.signal })).rejects.toBeInstanceOf(InterruptedError);
  });
});

describe('retries', () => {
  it('a step retried many times leaves no abort listeners behind', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    let calls = 0;
    const flaky: Step = { name: 'poll', deadlineMs: 10_000, retry: { attempts: 30, on: 'not yet', retryable: () => true, delayMs: () => 0 }, run: async () => void (++calls < 30 && (() => { throw new Error('not yet'); })()) };
    await runSteps([flaky], { reporter: new RecordingReporter(), signal: new AbortController().signal });
    await new Promise((r) => setTimeout(r, 10));
    process.off('warning', onWarning);
    expect(calls).toBe(30);
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });

  it('a journal that cannot be written does not fail a step that succeeded', async () => {
    const gate = new EffectGate({ dryRun: false, ceiling: 'write' });
    // After the journal is opened, its task directory is replaced by a file, so every write fails (ENOTDIR).
    const dir = await mkdtemp(join(tmpdir(), 'jetscale-steps-'));
    const journal = await Journal.open({ dir, task: 't', key: 'k', gate });
    await writeFile(join(dir, 't'), '');
    const reporter = new RecordingReporter();
    const [outcome] = await runSteps([ok('apply', [])], { reporter, signal: new AbortController().signal, journal });
    expect(outcome?.status).toBe('ok');
    expect(reporter.events.some((e) => e.code === 'TASK_WARN' && /journal could not be written/.test(e.message))).toBe(true);
  });
});
