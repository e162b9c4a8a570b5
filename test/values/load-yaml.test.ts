import { describe, expect, it } from 'vitest';
import { parseValuesFile } from '../../src/values/load-yaml.js';
import { pathKey } from '../../src/values/values-doc.js';

const F = 'envs/prod/console.yaml';

describe('parseValuesFile', () => {
  it('parses a map and indexes the key position of every path', () => {
    const text = 'global:\n  env: prod\ningress:\n  hosts:\n    - a.example.com\n    - b.example.com\n';
    const { doc, findings } = parseValuesFile(text, F);
    expect(findings).toEqual([]);
    expect(doc?.values).toEqual({ global: { env: 'prod' }, ingress: { hosts: ['a.example.com', 'b.example.com'] } });
    expect(doc?.positions.get(pathKey(['global', 'env']))).toMatchObject({ line: 2, col: 3, plain: 'prod' });
    expect(doc?.positions.get(pathKey(['ingress']))).toMatchObject({ line: 3, col: 1 });
    expect(doc?.positions.get(pathKey(['ingress', 'hosts', 1]))).toMatchObject({ line: 6, col: 7 });
  });

  it.each([
    ['empty file', ''],
    ['comments only', '# nothing here\n'],
    ['explicit null document', '~\n'],
  ])('treats %s as {}', (_name, text) => {
    const { doc, findings } = parseValuesFile(text, F);
    expect(findings).toEqual([]);
    expect(doc?.values).toEqual({});
  });

  it('reports a duplicate key at the second occurrence and names the first line', () => {
    const text = 'a: 1\nb:\n  c: 1\n  d: 2\n  c: 3\na: 4\n';
    const { doc, findings } = parseValuesFile(text, F);
    expect(doc).toBeNull();
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'yaml/duplicate-key', severity: 'error', file: F, line: 5, col: 3, message: expect.stringContaining('first defined at line 3') }),
      expect.objectContaining({ rule: 'yaml/duplicate-key', severity: 'error', file: F, line: 6, col: 1, message: expect.stringContaining('first defined at line 1') }),
    ]);
  });

  it('reports a syntax error with its 1-based line and column', () => {
    const { doc, findings } = parseValuesFile('a: 1\nb: "unterminated\n', F);
    expect(doc).toBeNull();
    expect(findings).toEqual([expect.objectContaining({ rule: 'yaml/syntax', severity: 'error', file: F, line: 3, col: 1 })]);
    expect(findings[0]?.message).not.toMatch(/at line/);
  });

  it('reports every error in the file, not just the first', () => {
    const text = 'a: 1\n  b: 2\nc: 3\n  d: 4\ne: 5\ne: 6\n';
    const { findings } = parseValuesFile(text, F);
    const syntaxLines = findings.filter((f) => f.rule === 'yaml/syntax').map((f) => f.line);
    expect(syntaxLines).toContain(1);
    expect(syntaxLines).toContain(3);
    expect(findings.filter((f) => f.rule === 'yaml/duplicate-key').map((f) => f.line)).toEqual([6]);
  });

  it.each([
    ['a list', '- a\n- b\n'],
    ['a scalar', 'hello\n'],
  ])('rejects a top level that is %s', (_name, text) => {
    const { doc, findings } = parseValuesFile(text, F);
    expect(doc).toBeNull();
    expect(findings).toEqual([expect.objectContaining({ rule: 'yaml/top-level', severity: 'error', line: 1 })]);
  });

  it('rejects a second document with content and warns on an empty one', () => {
    const two = parseValuesFile('a: 1\n---\nb: 2\n', F);
    expect(two.doc).toBeNull();
    expect(two.findings).toEqual([expect.objectContaining({ rule: 'yaml/multi-document', severity: 'error', line: 2 })]);
    const trailing = parseValuesFile('a: 1\n---\n', F);
    expect(trailing.doc?.values).toEqual({ a: 1 });
    expect(trailing.findings).toEqual([expect.objectContaining({ rule: 'yaml/multi-document', severity: 'warning' })]);
  });

  it.each(['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF'])(
    'warns that unquoted %s is a bool for Helm',
    (word) => {
      const { doc, findings } = parseValuesFile(`x:\n  enabled: ${word}\n`, F);
      expect(doc?.values).toEqual({ x: { enabled: word } }); // YAML 1.2: a string
      expect(findings).toEqual([expect.objectContaining({ rule: 'yaml/ambiguous-bool', severity: 'warning', file: F, line: 2, col: 12 })]);
    },
  );

  it.each([
    ['double-quoted', 'a: "yes"\n'],
    ['single-quoted', "a: 'on'\n"],
    ['explicitly tagged', 'a: !!str no\n'],
    ['a real bool', 'a: true\n'],
    ['a longer word', 'a: yesterday\n'],
  ])('does not warn for %s', (_name, text) => {
    expect(parseValuesFile(text, F).findings).toEqual([]);
  });

  it('supports anchors and merge keys like go-yaml, explicit keys winning', () => {
    const text = 'base: &b\n  p: 1\n  q: 2\nc:\n  p: 9\n  <<: *b\n';
    const { doc, findings } = parseValuesFile(text, F);
    expect(findings).toEqual([]);
    expect(doc?.values.c).toEqual({ p: 9, q: 2 });
    expect(doc?.positions.get(pathKey(['c', 'p']))?.line).toBe(5);
    expect(doc?.positions.get(pathKey(['c', 'q']))?.line).toBe(3); // from the anchored map
  });

  it('warns about keys YAML 1.1 reads as booleans (go-yaml turns `y:` into `true:`)', () => {
    const { findings } = parseValuesFile('coords:\n  y: 1\n', F);
    expect(findings).toEqual([expect.objectContaining({ rule: 'yaml/ambiguous-bool', line: 2, col: 3, message: expect.stringContaining('key y') })]);
  });

  it('reports an unknown alias', () => {
    const { doc, findings } = parseValuesFile('a: *nope\n', F);
    expect(doc).toBeNull();
    expect(findings.some((f) => f.rule === 'yaml/syntax' && f.line === 1)).toBe(true);
  });
});

describe('encoding', () => {
  it('reports the first invalid UTF-8 byte with its line and column', async () => {
    const { decodeUtf8 } = await import('../../src/values/load-yaml.js');
    const bytes = Buffer.concat([Buffer.from('a: 1\n# Caf'), Buffer.from([0xe9]), Buffer.from(' client\n')]);
    expect(decodeUtf8(bytes, 'envs/x.yaml')).toMatchObject({ rule: 'yaml/syntax', file: 'envs/x.yaml', line: 2, col: 6, severity: 'error' });
    expect(decodeUtf8(Buffer.from('a: café\n'), 'envs/x.yaml')).toBe('a: café\n');
  });
});
