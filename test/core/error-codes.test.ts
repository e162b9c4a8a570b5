// One union of error codes: every code thrown anywhere in src/ is in the table, with its exit code and source,
// and README's exit-code table covers every exit code the table uses.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/core/error-codes.js';
import { JetscaleError } from '../../src/core/errors.js';

const src = new URL('../../src/', import.meta.url).pathname;

async function sources(): Promise<Array<{ file: string; text: string }>> {
  const files = (await readdir(src, { recursive: true })).filter((f) => f.endsWith('.ts'));
  return Promise.all(files.map(async (f) => ({ file: f, text: await readFile(join(src, f), 'utf8') })));
}

describe('error codes', () => {
  it('every E_* code used in src/ is in the table', async () => {
    const missing: string[] = [];
    for (const { file, text } of await sources()) {
      for (const m of text.matchAll(/'(E_[A-Z0-9_]+)'/g)) if (!(m[1]! in ERROR_CODES)) missing.push(`${file}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });

  it('a code fixes its exit code and source unless the thrower overrides the exit code', () => {
    expect(new JetscaleError('x', { code: 'E_AWS_CREDENTIALS' })).toMatchObject({ exitCode: 3, source: 'cloud' });
    expect(new JetscaleError('x', { code: 'E_CONFIG' })).toMatchObject({ exitCode: 2, source: 'user' });
    expect(new JetscaleError('x', { code: 'E_COMMAND_FAILED', tail: 'last line' })).toMatchObject({ exitCode: 1, source: 'tool', tail: 'last line' });
  });

  it('README documents every exit code in use', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    for (const exit of new Set(Object.values(ERROR_CODES).map((c) => c.exitCode))) expect(readme).toMatch(new RegExp(`^\\| ${exit} \\|`, 'm'));
  });
});

describe('README error code table', () => {
  it('lists every code with its exit code', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    for (const [code, { exitCode }] of Object.entries(ERROR_CODES)) expect(readme).toContain(`| \`${code}\` | ${exitCode} |`);
  });
});
