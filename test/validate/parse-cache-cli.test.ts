// The built CLI (dist/, which carries a build identity) with its parse cache: a warm run reports exactly what a
// --no-cache run reports, and an edit is always seen (no stale verdict), for each kind of cached file.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(repo, 'bin', 'jetscale.js');
const built = existsSync(join(repo, 'dist', 'cli.js'));
if (!built) console.warn('parse-cache CLI tests skipped: dist/ is not built (npm run build)');

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'jetscale-parse-cache-cli-'));
  await mkdir(join(work, '.git'));
  const chart = join(repo, 'charts', 'jetscale');
  await cp(chart, join(work, 'charts', 'jetscale'), { recursive: true, filter: (src) => !relative(chart, src).startsWith('charts') });
  await cp(join(repo, 'envs'), join(work, 'envs'), { recursive: true });
  await cp(join(repo, 'jetscale.config.yaml'), join(work, 'jetscale.config.yaml'));
});
afterAll(async () => rm(work, { recursive: true, force: true }));

function validate(...extra: string[]) {
  const r = spawnSync(process.execPath, [cli, 'validate:envs', 'aws', '--render=off', '--json', ...extra], {
    cwd: work,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: work, NO_COLOR: '1', JETSCALE_CACHE_DIR: join(work, '.cache') },
  });
  const out = JSON.parse(r.stdout) as { exitCode: number; data: { findings: Array<{ rule: string; file?: string; line?: number }> }; transcript?: Array<{ operation: string }> };
  return { code: r.status, findings: out.data.findings.map((f) => `${f.rule} ${f.file ?? ''}:${f.line ?? ''}`).sort(), transcript: out.transcript ?? [] };
}

describe.skipIf(!built)('parse cache through the built CLI', () => {
  it('warm runs match --no-cache, and every edited file kind is re-parsed', async () => {
    const cold = validate('--no-cache');
    const first = validate();
    expect(first.transcript.map((t) => t.operation)).toContain('write-parse-cache');
    expect(existsSync(join(work, '.cache', 'parse', 'parses.json'))).toBe(true);
    const warm = validate();
    expect(warm.transcript.map((t) => t.operation)).not.toContain('write-parse-cache');
    expect([first.code, first.findings]).toEqual([cold.code, cold.findings]);
    expect([warm.code, warm.findings]).toEqual([cold.code, cold.findings]);

    // An environment file, a shared layer, the chart's values.yaml and Chart.yaml, each broken then restored.
    const edits: Array<[string, string, RegExp]> = [
      ['envs/staging/acme.yaml', '\nglobal:\n  env: twice\n', /yaml\/duplicate-key envs\/staging\/acme\.yaml/],
      ['envs/aws.yaml', '\nbad: [unclosed\n', /yaml\/syntax envs\/aws\.yaml/],
      ['charts/jetscale/values.yaml', '\nflag: yes\n', /yaml\/ambiguous-bool charts\/jetscale\/values\.yaml/],
      ['charts/jetscale/Chart.yaml', '\nversion: [\n', /yaml\/syntax charts\/jetscale\/Chart\.yaml/],
    ];
    for (const [file, append, expected] of edits) {
      const path = join(work, file);
      const original = await readFile(path, 'utf8');
      await appendFile(path, append);
      const broken = validate();
      expect(broken.findings.join('\n'), `${file} edited`).toMatch(expected);
      expect(broken.findings).toEqual(validate('--no-cache').findings);
      await writeFile(path, original);
      expect(validate().findings, `${file} restored`).toEqual(cold.findings);
    }
  });
});
