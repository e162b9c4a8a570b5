// `# jetscale:allow <rule-id> <reason>`: parsed from real YAML comments (not from `#` inside strings), a missing
// reason or rule id is an error, it silences only that rule on that line of that file, and an allow that silences
// nothing is a warning naming what is on the line.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import { matchAllows, parseAllows, unusedAllows, type AllowComment } from '../../src/policy/allow-comments.js';
import { parseValuesFile } from '../../src/values/load-yaml.js';

const FILE = 'envs/staging/acme.yaml';
const parse = (text: string) => parseAllows(FILE, parseValuesFile(text, FILE).comments ?? []);
const finding = (rule: string, line: number, file = FILE): Finding => ({ rule, severity: 'error', message: `${rule} at ${line}`, file, line });

describe('parseAllows', () => {
  it('reads rule, reason, line and column from trailing comments', () => {
    const text = [
      'a: x # jetscale:allow secrets/committed public test fixture, see #123', // 1
      'b:', //                                                                 2
      '  c: "# jetscale:allow secrets/committed not a comment"', //            3
      '  d: yes   # note first; jetscale:allow yaml/ambiguous-bool the app reads the string', // 4
    ].join('\n');
    const { allows, findings } = parse(text);
    expect(findings).toEqual([]);
    expect(allows).toEqual([
      { file: FILE, line: 1, col: 8, rule: 'secrets/committed', reason: 'public test fixture, see #123', standalone: false },
      { file: FILE, line: 4, col: 26, rule: 'yaml/ambiguous-bool', reason: 'the app reads the string', standalone: false },
    ]);
  });

  it('a missing reason or rule id is an error at the annotation, and allows nothing', () => {
    const text = ['a: x # jetscale:allow secrets/committed', 'b: y # jetscale:allow secrets/committed   ', 'c: z # jetscale:allow', 'd: w # jetscale:allow Secrets! because'].join('\n');
    const { allows, findings } = parse(text);
    expect(allows).toEqual([]);
    expect(findings.map((f) => [f.rule, f.severity, f.line, f.col])).toEqual([
      ['allow/invalid', 'error', 1, 8],
      ['allow/invalid', 'error', 2, 8],
      ['allow/invalid', 'error', 3, 8],
      ['allow/invalid', 'error', 4, 8],
    ]);
    expect(findings[0]!.message).toMatch(/secrets\/committed has no reason/);
    expect(findings[2]!.message).toMatch(/needs a rule id/);
  });

  it('refuses to allow yaml/syntax and the allow rules themselves', () => {
    const { allows, findings } = parse(['a: 1 # jetscale:allow yaml/syntax it parses for me', 'b: 2 # jetscale:allow allow/unused keep it'].join('\n'));
    expect(allows).toEqual([]);
    expect(findings.map((f) => f.message)).toEqual([expect.stringMatching(/cannot be allowed/), expect.stringMatching(/cannot be allowed/)]);
  });

  it('tolerates a colon after the rule id', () => {
    expect(parse('a: x # jetscale:allow secrets/committed: fake value').allows.map((a) => [a.rule, a.reason])).toEqual([['secrets/committed', 'fake value']]);
  });

  it('marks an allow on a line of its own as standalone, and one after a commented-out line as not', () => {
    const { allows } = parse(['# jetscale:allow secrets/committed on its own', '# DB_PASSWORD: x  # jetscale:allow secrets/committed documented example'].join('\n'));
    expect(allows.map((a) => [a.line, a.standalone])).toEqual([
      [1, true],
      [2, false],
    ]);
  });
});

describe('matchAllows and unusedAllows', () => {
  const allow = (rule: string, line: number, standalone = false): AllowComment => ({ file: FILE, line, col: 10, rule, reason: 'because', standalone });

  it('silences only the named rule on the same file and line', () => {
    const a = allow('secrets/committed', 4);
    const findings = [finding('secrets/committed', 4), finding('secrets/committed', 5), finding('schema', 4), finding('secrets/committed', 4, 'envs/live/console.yaml')];
    const { kept, silenced } = matchAllows(findings, [a]);
    expect(silenced.get(a)).toEqual([findings[0]]);
    expect(kept).toEqual(findings.slice(1));
  });

  it('never silences yaml/syntax or allow findings, even when named', () => {
    const a = allow('yaml/syntax', 3);
    const f = finding('yaml/syntax', 3);
    expect(matchAllows([f], [a]).kept).toEqual([f]);
  });

  it('warns for allows that silenced nothing among those judged, naming the rules found on the line', () => {
    const used = allow('secrets/committed', 2);
    const typo = allow('secret/committed', 4);
    const stale = allow('secrets/committed', 6);
    const alone = allow('secrets/committed', 8, true);
    const unjudged = allow('render/helm', 9);
    const remaining = [finding('secrets/committed', 4)];
    const warnings = unusedAllows([used, typo, stale, alone, unjudged], new Map([[used, [finding('secrets/committed', 2)]]]), remaining, (a) => a.rule !== 'render/helm');
    expect(warnings.map((w) => [w.rule, w.severity, w.line])).toEqual([
      ['allow/unused', 'warning', 4],
      ['allow/unused', 'warning', 6],
      ['allow/unused', 'warning', 8],
    ]);
    expect(warnings[0]!.hint).toMatch(/findings on this line: secrets\/committed/);
    expect(warnings[1]!.hint).toMatch(/the finding it was for is gone/);
    expect(warnings[2]!.hint).toMatch(/end of the line/);
  });
});
