import { describe, expect, it } from 'vitest';
import { parseArgv } from '../../src/cli/program.js';
import type { TaskSpec } from '../../src/runtime/task-spec.js';
import { runCli } from '../support/run-cli.js';

const noop = async () => async () => undefined;
const demo: TaskSpec[] = [
  {
    id: 'validate:envs',
    summary: 'Validate environments.',
    args: [{ name: 'cloud', description: 'cloud layer', pattern: '^[a-z0-9-]+$' }],
    flags: [{ name: 'render', description: 'render mode', type: 'string', choices: ['auto', 'off'], default: 'auto', env: 'JETSCALE_RENDER' }],
    effect: 'read',
    examples: ['jetscale validate:envs aws'],
    tools: [],
    load: noop,
  },
  { id: 'test:local', summary: 'Kind E2E.', args: [], flags: [], effect: 'write', examples: [], tools: [], aliases: ['test:locale2e'], load: noop },
];

function streams() {
  let out = '';
  let err = '';
  return { io: { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } }, out: () => out, err: () => err };
}

describe('argument parsing', () => {
  it('selects a task with its positional argument and flags', async () => {
    const s = streams();
    const r = await parseArgv(['validate:envs', 'aws', '--render', 'off', '-v'], demo, s.io);
    expect(r.kind).toBe('task');
    if (r.kind !== 'task') return;
    expect(r.selection.task.id).toBe('validate:envs');
    expect(r.selection.args).toEqual({ cloud: 'aws' });
    expect(r.selection.flags.render).toBe('off');
    expect(r.selection.fromCli.has('render')).toBe(true);
    expect(r.selection.global.verbose).toBe(true);
  });

  it('accepts global flags before the task name', async () => {
    const r = await parseArgv(['--dry-run', 'test:local'], demo, streams().io);
    expect(r.kind === 'task' && r.selection.global.dryRun).toBe(true);
  });

  it('rejects a missing argument with exit 2 and the usage line', async () => {
    const s = streams();
    expect(await parseArgv(['validate:envs'], demo, s.io)).toEqual({ kind: 'exit', code: 2 });
    expect(s.err()).toMatch(/missing required argument 'cloud'/);
    expect(s.err()).toContain('usage: jetscale validate:envs [options] <cloud>');
  });

  it('rejects extra arguments instead of ignoring them (mage #42)', async () => {
    const s = streams();
    expect(await parseArgv(['validate:envs', 'aws', 'test:ci'], demo, s.io)).toEqual({ kind: 'exit', code: 2 });
    expect(s.err()).toMatch(/too many arguments/);
  });

  it('suggests the closest task for a typo and exits 2', async () => {
    const s = streams();
    expect(await parseArgv(['validate:env', 'aws'], demo, s.io)).toEqual({ kind: 'exit', code: 2 });
    expect(s.err()).toMatch(/Did you mean validate:envs\?/);
  });

  it('rejects an invalid choice and an unknown option with exit 2', async () => {
    expect(await parseArgv(['validate:envs', 'aws', '--render', 'sometimes'], demo, streams().io)).toEqual({ kind: 'exit', code: 2 });
    expect(await parseArgv(['validate:envs', 'aws', '--bogus'], demo, streams().io)).toEqual({ kind: 'exit', code: 2 });
  });

  it('matches task names case-insensitively, as mage does', async () => {
    const r = await parseArgv(['Validate:Envs', 'aws'], demo, streams().io);
    expect(r.kind === 'task' && r.selection.task.id).toBe('validate:envs');
    expect(r.kind === 'task' && r.selection.args.cloud).toBe('aws');
  });

  it('runs hidden legacy aliases as the new task and hides them from help', async () => {
    const r = await parseArgv(['test:locale2e'], demo, streams().io);
    expect(r.kind === 'task' && r.selection.task.id).toBe('test:local');
    const s = streams();
    expect(await parseArgv(['--help'], demo, s.io)).toEqual({ kind: 'exit', code: 0 });
    expect(s.out()).toContain('test:local');
    expect(s.out()).not.toContain('locale2e');
  });

  it('shows per-task help with examples via --help and help <task>', async () => {
    for (const argv of [['validate:envs', '--help'], ['help', 'validate:envs']]) {
      const s = streams();
      expect(await parseArgv(argv, demo, s.io)).toEqual({ kind: 'exit', code: 0 });
      expect(s.out()).toContain('Usage: jetscale validate:envs [options] <cloud>');
      expect(s.out()).toContain('$ jetscale validate:envs aws');
      expect(s.out()).toContain('env: JETSCALE_RENDER');
    }
  });
});

describe('the real registry', () => {
  it('lists tasks grouped by namespace with no arguments, never running one', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}diagnose\n {4}diagnose {2,}\S[^\n]*\n {4}diagnose:live {2,}\S[^\n]*\n {4}diagnose:tools/m);
    expect(r.stdout).toMatch(/chart:deps .*\[write\]/);
  });

  it('accepts mage\'s -l to list the tasks', async () => {
    const r = await runCli(['-l']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('validate:envs');
  });

  it('prints the machine-readable task model', async () => {
    const r = await runCli(['list', '--json']);
    expect(r.code).toBe(0);
    const model = JSON.parse(r.stdout) as { tasks: Array<{ id: string; effect: string; flags: unknown[] }> };
    const deps = model.tasks.find((t) => t.id === 'chart:deps');
    expect(deps?.effect).toBe('write');
    expect(deps?.flags.length).toBeGreaterThan(0);
  });
});
