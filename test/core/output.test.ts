import { mkdtemp, readFile } from 'node:fs/promises';
import { EffectGate } from '../../src/core/effects.js';
import { stepSummaryAppender } from '../../src/core/file-effects.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import { rankAnnotations, toAnnotation } from '../../src/core/github.js';
import { Output, decideColor } from '../../src/core/output.js';
import { Secrets } from '../../src/core/secrets.js';

function output(opts: Partial<{ github: boolean; json: boolean; color: boolean; interactive: boolean; summary: string }> = {}) {
  let stdout = '';
  let stderr = '';
  const secrets = new Secrets();
  const out = new Output({ stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, secrets, color: opts.color ?? false, interactive: opts.interactive ?? false, github: opts.github ?? false, json: opts.json ?? false, verbose: true, appendSummary: stepSummaryAppender(new EffectGate({ dryRun: false, ceiling: 'read' }), opts.summary), now: () => new Date('2026-11-21T10:11:12Z') });
  return { out, secrets, stdout: () => stdout, stderr: () => stderr };
}

describe('colour policy', () => {
  it.each([
    { flag: undefined, env: {}, tty: true, want: true },
    { flag: undefined, env: {}, tty: false, want: false },
    { flag: false, env: { FORCE_COLOR: '1' }, tty: true, want: false },
    { flag: undefined, env: { NO_COLOR: '1' }, tty: true, want: false },
    { flag: undefined, env: { NO_COLOR: '' }, tty: true, want: true },
    { flag: undefined, env: { FORCE_COLOR: '1' }, tty: false, want: true },
    { flag: undefined, env: { TERM: 'dumb' }, tty: true, want: false },
  ])('flag=$flag env=$env tty=$tty → $want', ({ flag, env, tty, want }) => {
    expect(decideColor({ flag: flag as false | undefined, env, isTTY: tty })).toBe(want);
  });
});

describe('output', () => {
  it('prefixes plain (CI) log lines with a timestamp and uses no ANSI codes', () => {
    const o = output();
    o.out.info('hello');
    expect(o.stderr()).toBe('10:11:12 hello\n');
  });

  it('redacts registered secrets in logs, printed text and JSON', () => {
    const o = output({ json: true });
    o.secrets.add('hunter2-secret');
    o.out.debug('token=hunter2-secret');
    o.out.writeJson({ nested: ['x hunter2-secret y'] });
    expect(o.stderr()).toContain('token=***');
    expect(JSON.parse(o.stdout())).toEqual({ nested: ['x *** y'] });
  });

  it('under GitHub Actions masks secrets and groups steps', async () => {
    const o = output({ github: true });
    o.secrets.add('abcd-secret-value');
    await o.out.step('render envs', async () => undefined);
    expect(o.stderr()).toContain('::add-mask::abcd-secret-value');
    expect(o.stdout()).toBe('');
    expect(o.stderr()).toMatch(/::group::render envs\n[\s\S]*::endgroup::/);
  });

  it('in a terminal shows a live spinner during a step, clears it for log lines, and ends with a duration line', async () => {
    const o = output({ interactive: true });
    await o.out.step('render', async () => {
      o.out.info('rendered live/console');
      await new Promise((r) => setTimeout(r, 300));
    });
    const err = o.stderr();
    expect(err).toMatch(/\r\x1b\[K. render… \d+ms/);
    expect(err).toContain('\r\x1b[Krendered live/console\n');
    expect(err).toMatch(/✔ render \(\d+ms\)\n$/);
    const before = o.stderr().length;
    await new Promise((r) => setTimeout(r, 200));
    expect(o.stderr().length).toBe(before); // the spinner timer is stopped
  });

  it('appends the step summary to $GITHUB_STEP_SUMMARY', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'jetscale-sum-')), 'summary.md');
    const o = output({ github: true, summary: file });
    await o.out.summary('## validate:envs\nok');
    expect(await readFile(file, 'utf8')).toBe('## validate:envs\nok\n');
  });
});

describe('GitHub annotations', () => {
  const finding = (i: number, severity: Finding['severity'] = 'error'): Finding => ({ rule: 'schema', severity, message: `bad ${i}`, file: `envs/e${String(i).padStart(2, '0')}.yaml`, line: i });

  it('escapes properties and data', () => {
    expect(toAnnotation({ rule: 'tls/parity', severity: 'error', message: '50% off\nnext', file: 'envs/a,b.yaml', line: 3, col: 5, env: 'live/console', hint: 'fix it' })).toBe(
      '::error file=envs/a%2Cb.yaml,line=3,col=5,title=tls/parity (live/console)::50%25 off%0Anext%0Afix: fix it',
    );
  });

  it('caps errors and warnings at 10 each and says how many more are in the summary', () => {
    const findings = [...Array.from({ length: 13 }, (_, i) => finding(i + 1)), ...Array.from({ length: 11 }, (_, i) => finding(i + 1, 'warning'))];
    const { lines, omitted } = rankAnnotations(findings);
    expect(lines.filter((l) => l.startsWith('::error'))).toHaveLength(10);
    expect(lines.filter((l) => l.startsWith('::warning'))).toHaveLength(10);
    expect(omitted).toBe(4);
    expect(lines.at(-1)).toBe('::notice title=jetscale::4 more finding(s) are listed in the step summary');
  });

  it('ranks located findings before unlocated ones', () => {
    const { lines } = rankAnnotations([{ rule: 'x', severity: 'error', message: 'no file' }, finding(1)]);
    expect(lines[0]).toContain('file=envs/e01.yaml');
  });
});
