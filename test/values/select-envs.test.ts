// validate:envs <cloud> [envs...]: ids, globs and file paths select a subset; a pattern matching nothing is exit 2.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { globToRegExp, selectEnvironments } from '../../src/values/select-envs.js';
import { runCli } from '../support/run-cli.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const env = (id: string) => ({ id, type: id.split('/')[0]!, file: `envs/${id}.yaml` });
const ENVS = ['live/console', 'live/acme', 'preview/pr-7', 'staging/acme'].map(env);

describe('selectEnvironments', () => {
  it.each([
    [[], ['live/console', 'live/acme', 'preview/pr-7', 'staging/acme']],
    [['live/console'], ['live/console']],
    [['live/*'], ['live/console', 'live/acme']],
    [['*/acme'], ['live/acme', 'staging/acme']],
    [['envs/preview/pr-7.yaml', './live/acme.yml'], ['live/acme', 'preview/pr-7']],
    [['**'], ['live/console', 'live/acme', 'preview/pr-7', 'staging/acme']],
  ])('%j', (patterns, ids) => {
    const r = selectEnvironments(ENVS, patterns, 'envs');
    expect(r.selected.map((e) => e.id)).toEqual(ids);
    expect(r.unmatched).toEqual([]);
  });

  it('reports patterns that match nothing; globs never cross a slash or act as regex', () => {
    expect(selectEnvironments(ENVS, ['live/console', 'prod/*', 'live.console'], 'envs').unmatched).toEqual(['prod/*', 'live.console']);
    expect(globToRegExp('live/*').test('live/a/b')).toBe(false);
  });
});

describe('validate:envs subset (CLI)', () => {
  it('checks and reports only the selected environments', async () => {
    const r = await runCli(['validate:envs', 'aws', 'staging/*', '--render=off', '--json'], { cwd: repo });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { data: { environments: Array<{ id: string }> } };
    expect(doc.data.environments.map((e) => e.id)).toEqual(['staging/acme', 'staging/globex']);
  });

  it('a pattern that matches nothing is exit 2 listing the environments', async () => {
    const r = await runCli(['validate:envs', 'aws', 'live/console', 'prod/*', '--render=off'], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no environment matches "prod/*"');
    expect(r.stderr).toContain('live/console');
  });
});
