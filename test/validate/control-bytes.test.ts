// Item 8, control bytes: a character Helm refuses (C0/C1 controls, DEL) or reads as a line break where YAML 1.2
// does not (NEL, LS, PS) is a yaml/syntax error at its line, named by code point, and the file is never rendered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findControlCharacters, parseValuesFile } from '../../src/values/load-yaml.js';
import { FixtureFactory } from './fixture-repo.js';
import { expectFindings, helmOrWarn, validate } from './run-validate.js';

describe('findControlCharacters', () => {
  it.each([
    ['\x1b', 'U+001B'], ['\x00', 'U+0000'], ['\x07', 'U+0007'], ['\x7f', 'U+007F'], ['\x9b', 'U+009B'],
    ['\u0085', 'U+0085'], ['\u2028', 'U+2028'], ['\u2029', 'U+2029'], ['\ufffe', 'U+FFFE'], ['\ud800', 'U+D800'],
  ])('%j is refused as %s, at its line and column', (ch, name) => {
    const text = `a: 1\nb: "x${ch}y"\n# c\n`;
    expect(findControlCharacters(text, 'f.yaml')).toEqual([expect.objectContaining({ rule: 'yaml/syntax', severity: 'error', file: 'f.yaml', line: 2, col: 6, message: expect.stringContaining(name) })]);
    const parsed = parseValuesFile(text, 'f.yaml');
    expect(parsed.doc).toBeNull();
    // The message names the code point; the character itself never reaches the output.
    expect(parsed.findings.map((f) => f.message).join('')).not.toContain(ch);
  });

  it.each([['tab', '\t'], ['CR', '\r'], ['BOM', '\ufeff'], ['é', 'é'], ['emoji', '😀'], ['escape written as text', '\\e']])('accepts %s', (_n, ch) => {
    expect(findControlCharacters(`a: "x${ch}y"\r\n`, 'f.yaml')).toEqual([]);
  });

  it('one finding per line, in comments too', () => {
    expect(findControlCharacters('# \x1b\x1b\na: \x07\n', 'f.yaml').map((f) => [f.line, f.col])).toEqual([[1, 3], [2, 4]]);
  });
});

const helm = helmOrWarn();
let fixtures: FixtureFactory;
beforeAll(async () => void (fixtures = await FixtureFactory.create()));
afterAll(async () => fixtures?.cleanup());

describe('validate:envs with control bytes in an environment file', () => {
  it(`is a yaml/syntax error at the line, the environment is not rendered, and no raw byte is printed (render ${helm ? 'require' : 'off'})`, async () => {
    const repo = await fixtures.repo();
    const ACME = 'envs/staging/acme.yaml';
    await repo.replaceLine(ACME, /^ {2}project_name:/, ['  project_name: "console\x1b]0;pwned\x07"', '  # \u2028 hidden line']);
    const run = await validate(repo, helm ? { render: 'require', helm } : { render: 'off' });
    expect(run.code).toBe(4);
    expectFindings(run, [
      { rule: 'yaml/syntax', file: ACME, line: await repo.lineOf(ACME, 'project_name:'), envs: ['staging/acme'], message: /U\+001B/ },
      { rule: 'yaml/syntax', file: ACME, line: await repo.lineOf(ACME, 'hidden line'), envs: ['staging/acme'], message: /U\+2028/ },
    ]);
    const acme = run.json.data.environments.find((e) => e.id === 'staging/acme');
    expect(acme?.checks).toMatchObject({ yaml: 'error', render: 'skipped' });
    expect(run.json.data.findings.filter((f) => f.rule.startsWith('render/') && f.env === 'staging/acme')).toEqual([]);
    expect(run.stdout + run.stderr).not.toMatch(/[\x1b\x07\u2028]/);
  });
});
