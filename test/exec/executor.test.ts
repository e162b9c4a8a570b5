import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Executor } from '../../src/exec/executor.js';
import { Output } from '../../src/core/output.js';
import { Secrets } from '../../src/core/secrets.js';
import { JetscaleError } from '../../src/core/errors.js';
import { CommandFailedError } from '../../src/exec/command-failed.js';
import { createFakeTools, type FakeTools } from '../support/fake-tools.js';

let fakes: FakeTools;
beforeEach(async () => void (fakes = await createFakeTools()));
afterEach(() => fakes.cleanup());

function setup(opts: { dryRun?: boolean; readOnly?: boolean; verbose?: boolean; json?: boolean; signal?: AbortSignal } = {}) {
  let stdout = '';
  let stderr = '';
  const secrets = new Secrets();
  const out = new Output({ stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, secrets, color: false, interactive: false, github: false, json: opts.json ?? false, verbose: opts.verbose ?? false });
  const exec = new Executor({ out, secrets, dryRun: opts.dryRun ?? false, readOnly: opts.readOnly ?? false, signal: opts.signal ?? new AbortController().signal, baseEnv: { PATH: fakes.path() } });
  return { exec, secrets, out, text: () => stdout + stderr };
}

describe('executor', () => {
  it('dry-run runs reads and records writes and destroys without running them', async () => {
    const helm = await fakes.add('helm', [{ args: ['version'], stdout: 'v3.17.0\n' }]);
    const { exec } = setup({ dryRun: true });
    const read = await exec.run({ file: helm, tool: 'helm', args: ['version'], effect: 'read' });
    expect(read.stdout).toBe('v3.17.0\n');
    const write = await exec.run({ file: helm, tool: 'helm', args: ['upgrade', '--install', 'x', 'chart'], effect: 'write' });
    const destroy = await exec.run({ file: helm, tool: 'helm', args: ['uninstall', 'x'], effect: 'destroy' });
    expect(write.dryRun && destroy.dryRun).toBe(true);
    expect((await fakes.calls('helm')).map((c) => c.argv)).toEqual([['version']]);
    expect(exec.transcript.map((t) => [t.command, t.status])).toEqual([
      ['helm version', 'ran'],
      ['helm upgrade --install x chart', 'recorded'],
      ['helm uninstall x', 'recorded'],
    ]);
  });

  it('refuses non-read calls in read-only mode before they are sent', async () => {
    const kubectl = await fakes.add('kubectl', []);
    const { exec } = setup({ readOnly: true });
    await expect(exec.run({ file: kubectl, tool: 'kubectl', args: ['delete', 'ns', 'prod'], effect: 'destroy' })).rejects.toThrow(/refused to run a destroy command in a read-only task/);
    expect(await fakes.calls()).toEqual([]);
    expect(exec.transcript[0]?.status).toBe('refused');
  });

  it('passes secrets through stdin and env, never argv, and redacts them from verbose output and errors', async () => {
    const token = 'ghp_TopSecretValue123456';
    const helm = await fakes.add('helm', [{ args: ['registry'], stderr: `login failed for ${token}\n`, exitCode: 1 }]);
    const { exec, text } = setup({ verbose: true });
    const attempt = exec.run({ file: helm, tool: 'helm', args: ['registry', 'login', 'r.example', '--password-stdin'], input: token, inputIsSecret: true, secretEnv: { HELM_TOKEN: token }, effect: 'write' });
    await expect(attempt).rejects.toThrow(JetscaleError);
    await attempt.catch((e: Error) => expect(e.message).not.toContain(token));
    const [call] = await fakes.calls('helm');
    expect(call?.stdin).toBe(token);
    expect(call?.env.HELM_TOKEN).toBe(token);
    expect(call?.argv.join(' ')).not.toContain(token);
    expect(text()).toContain('$ helm registry login r.example --password-stdin');
    expect(text()).not.toContain(token);
  });

  it('streams output lines with a prefix while capturing them, redacted', async () => {
    const tool = await fakes.add('skaffold', [{ stdout: 'build ok\ndeploy token=s3cr3t-token-value\n', stderr: 'warn: slow\n' }]);
    const { exec, secrets, text } = setup();
    secrets.add('s3cr3t-token-value');
    const r = await exec.run({ file: tool, tool: 'skaffold', args: ['run'], effect: 'write', streamPrefix: '[skaffold] ' });
    expect(r.stdout).toBe('build ok\ndeploy token=s3cr3t-token-value\n');
    expect(text()).toContain('[skaffold] build ok');
    expect(text()).toContain('[skaffold] deploy token=***');
    expect(text()).toContain('[skaffold] warn: slow');
    expect(text()).not.toContain('s3cr3t-token-value');
  });

  it('gives the child only the explicit environment', async () => {
    const tool = await fakes.add('tool', []);
    const { exec } = setup();
    await exec.run({ file: tool, tool: 'tool', args: [], effect: 'read', env: { ONLY_THIS: '1' } });
    const [call] = await fakes.calls('tool');
    expect(call?.env.ONLY_THIS).toBe('1');
    expect(call?.env.HOME).toBeUndefined();
  });

  it('fails a command that exceeds its deadline with a clear message', async () => {
    const tool = await fakes.add('slow', [{ sleepMs: 5000 }]);
    const { exec } = setup();
    await expect(exec.run({ file: tool, tool: 'slow', args: ['x'], effect: 'read', timeoutMs: 300 })).rejects.toThrow(/slow x timed out after 300ms/);
  });

  it('reports a non-zero exit with the command and code, and the redacted stderr tail as data', async () => {
    const tool = await fakes.add('bad', [{ stderr: 'noise\nError: chart not found (token tok-secret-12345)\n', exitCode: 3 }]);
    const { exec, secrets } = setup();
    secrets.add('tok-secret-12345');
    const error = await exec.run({ file: tool, tool: 'bad', args: ['dep'], effect: 'read' }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(CommandFailedError);
    const failed = error as CommandFailedError;
    expect(failed.message).toMatch(/^bad dep exited with code 3 after \d+ms$/);
    expect(failed).toMatchObject({ code: 'E_COMMAND_FAILED', exitCode: 1, commandExitCode: 3, command: 'bad dep', tool: 'bad', tail: 'noise\nError: chart not found (token ***)' });
    const r = await exec.run({ file: tool, tool: 'bad', args: ['dep'], effect: 'read', reject: false });
    expect(r.exitCode).toBe(3);
    expect(exec.transcript.map((t) => t.status)).toEqual(['failed', 'failed']);
  });

  it('perform answers a recorded write with the typed skip and the transcript record', async () => {
    const helm = await fakes.add('helm', []);
    const { exec } = setup({ dryRun: true });
    const r = await exec.perform({ file: helm, tool: 'helm', args: ['upgrade', '--install', 'x', 'c'], effect: 'write', operation: 'helm upgrade' });
    expect(r).toMatchObject({ skipped: true, record: { status: 'recorded', operation: 'helm upgrade', command: 'helm upgrade --install x c', channel: 'process' } });
    expect(await fakes.calls()).toEqual([]);
  });

  it('an accepted non-zero exit is an answer: returned, recorded as ran', async () => {
    const helm = await fakes.add('helm', [{ stderr: 'Error: release: not found\n', exitCode: 1 }]);
    const { exec } = setup();
    const r = await exec.run({ file: helm, tool: 'helm', args: ['status', 'x'], effect: 'read', accept: (x) => /not found/.test(x.stderr) });
    expect(r.exitCode).toBe(1);
    expect(exec.transcript[0]).toMatchObject({ status: 'ran', exitCode: 1 });
  });

  it('describeFailure shapes the reason, tail and details, all redacted', async () => {
    const tool = await fakes.add('tofu', [{ stdout: 'detail about pw-abcdef-123\n', stderr: 'unrelated noise\n', exitCode: 1 }]);
    const { exec, secrets } = setup();
    secrets.add('pw-abcdef-123');
    const error = await exec
      .run({ file: tool, tool: 'tofu', args: ['plan'], effect: 'read', describeFailure: (r) => ({ reason: 'Bad thing', tail: r.stdout.trim(), details: { diagnostics: [{ detail: r.stdout.trim() }] } }) })
      .then(() => undefined, (e: unknown) => e as CommandFailedError);
    expect(error?.message).toMatch(/^tofu plan exited with code 1 after \d+ms: Bad thing$/);
    expect(error?.tail).toBe('detail about ***');
    expect(error?.details).toEqual({ diagnostics: [{ detail: 'detail about ***' }] });
  });
});

describe('executor process boundary (node:child_process)', () => {
  const write = async (name: string, body: string): Promise<string> => {
    const { mkdtemp, writeFile, chmod } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'jetscale-exec-'));
    const file = join(dir, name);
    await writeFile(file, `#!/bin/sh\n${body}\n`);
    await chmod(file, 0o755);
    return file;
  };

  it('a missing executable is E_SPAWN naming the command, not a crash', async () => {
    const { exec } = setup();
    const attempt = exec.run({ file: '/nonexistent/jetscale-no-such-tool', tool: 'helm', args: ['version'], effect: 'read' });
    await expect(attempt).rejects.toMatchObject({ code: 'E_SPAWN' });
    await attempt.catch((e: Error) => expect(e.message).toContain('jetscale-no-such-tool'));
  });

  it('a child killed by a signal it did not get from us fails with 128 + the signal number', async () => {
    const tool = await write('suicide', 'kill -SEGV $$');
    const { exec } = setup();
    const r = await exec.run({ file: tool, tool: 'helm', args: [], effect: 'read', reject: false });
    expect(r.exitCode).toBe(128 + 11);
  });

  it('keeps multi-byte characters whole across pipe chunks and reads large output completely', async () => {
    // 200k copies of a 3-byte character: the pipe delivers it in 64 KiB chunks that split characters.
    const tool = await write('wide', `python3 -c "import sys; sys.stdout.write('€' * 200000)"`);
    const { exec } = setup();
    const r = await exec.run({ file: tool, tool: 'helm', args: [], effect: 'read' });
    const out = r.stdout;
    expect(out.length).toBe(200000);
    expect(out).not.toContain('\uFFFD');
  });

  it('a child that exits without reading a large stdin is not an EPIPE crash', async () => {
    const tool = await write('deaf', 'exit 0');
    const { exec } = setup();
    const r = await exec.run({ file: tool, tool: 'helm', args: [], effect: 'read', input: 'x'.repeat(4 * 1024 * 1024) });
    expect(r.exitCode).toBe(0);
  });
});

describe('executor per-call stop signal', () => {
  it('stops the call even when the signal fires between the call and the spawn', async () => {
    const { exec } = setup();
    for (const when of ['sync', 'immediate'] as const) {
      const stop = new AbortController();
      const started = Date.now();
      const call = exec.run({ file: '/bin/sleep', tool: 'helm', args: ['3'], effect: 'read', signal: stop.signal });
      if (when === 'sync') stop.abort(new Error('not wanted'));
      else setImmediate(() => stop.abort(new Error('not wanted')));
      await expect(call).rejects.toThrow('not wanted');
      expect(Date.now() - started).toBeLessThan(2000);
    }
  });
});
