// Strict loading of Helm values files: every syntax error, duplicate key and YAML 1.1 boolean is a
// finding with file:line:col, and the result carries a position index for provenance.
// Parsing is YAML 1.2 core schema (eemeli/yaml); Helm reads values with go-yaml v2 (YAML 1.1 scalars
// via sigs.k8s.io/yaml), so `yes/no/on/off` differ: those get a `yaml/ambiguous-bool` warning.
import { readFile } from 'node:fs/promises';
import { Composer, LineCounter, Parser, isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { CST, Document, DocumentOptions, ParseOptions as YamlParseOptions, SchemaOptions, YAMLError } from 'yaml';
import type { Finding } from '../core/finding.js';
import { walkDocument } from './yaml-walk.js';
import type { ParseCache } from './parse-cache.js';
import { isPlainMap, type SourcePos, type ValuesDoc } from './values-doc.js';

/** Options for `parseYamlMap`; values files check YAML 1.1 booleans, Chart.yaml does its own check. */
export interface ParseOptions {
  checkBools: boolean;
}

/** Result of parsing: `doc` is null when the file is unusable (syntax error, wrong top-level type). */
export interface ParseResult {
  doc: ValuesDoc | null;
  findings: Finding[];
  /** Every YAML comment of the file, also when `doc` is null (secrets and allow annotations live there too). */
  comments?: readonly YamlComment[];
  /** When `doc` is null: what could still be read, for scans that must not skip a broken file (committed secrets). */
  salvaged?: ValuesDoc;
}

/** One `# …` comment: where it starts, its text (with the `#`), and whether code precedes it on its line. */
export interface YamlComment {
  line: number;
  col: number;
  text: string;
  trailing: boolean;
}

/** Parse a values file strictly (see module comment); reports all errors, never throws. */
export function parseValuesFile(text: string, file: string, cache?: ParseCache): ParseResult {
  return parseYamlMap(text, file, { checkBools: true }, cache);
}

/** Read and parse a values file; a missing or unreadable file is an error finding. */
export async function loadValuesFile(absPath: string, repoRelPath: string, cache?: ParseCache): Promise<ParseResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(absPath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'file not found' : `cannot read file: ${(err as Error).message}`;
    return { doc: null, findings: [{ rule: 'yaml/syntax', severity: 'error', message, file: repoRelPath }] };
  }
  const text = decodeUtf8(bytes, repoRelPath);
  return typeof text === 'string' ? parseValuesFile(text, repoRelPath, cache) : { doc: null, findings: [text] };
}

/** The file as UTF-8, or a finding at the first invalid byte (Helm rejects such files; Node would silently
 * replace the bytes with U+FFFD and let them through). */
export function decodeUtf8(bytes: Uint8Array, file: string): string | Finding {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const at = lossy.indexOf('\uFFFD');
    const before = lossy.slice(0, Math.max(0, at)).split('\n');
    return { rule: 'yaml/syntax', severity: 'error', file, line: before.length, col: (before.at(-1)?.length ?? 0) + 1, message: 'the file is not valid UTF-8 (Helm rejects it)', hint: 'save the file as UTF-8' };
  }
}

/** Parse one YAML document whose top level must be a map (or empty → {}); served from `cache` when the same bytes
 * of the same file were parsed before by the same build. */
export function parseYamlMap(text: string, file: string, opts: ParseOptions, cache?: ParseCache): ParseResult {
  if (!cache) return parseYamlMapUncached(text, file, opts);
  const key = cache.key(text, file, opts);
  const hit = cache.get(key);
  if (hit) return hit;
  const result = parseYamlMapUncached(text, file, opts);
  cache.put(key, result);
  return result;
}

function parseYamlMapUncached(text: string, file: string, opts: ParseOptions): ParseResult {
  const lc = new LineCounter();
  // uniqueKeys off: duplicates are found by the walker, which knows both lines; merge on: Helm's
  // go-yaml v2 honours `<<` merge keys.
  const { docs: list, comments } = parseDocuments(text, lc, { uniqueKeys: false, merge: true });
  // Before anything reads the values: Helm rejects these bytes, and they must not reach a terminal or a log.
  const findings: Finding[] = findControlCharacters(text, file);
  for (const d of list) {
    for (const e of d.errors) findings.push(fromYamlError(e, file, 'error'));
    for (const w of d.warnings) findings.push(fromYamlError(w, file, 'warning'));
  }
  list.slice(1).forEach((d) => findings.push(extraDocument(d, lc, file)));
  const first = list[0];
  if (!first) return { doc: { file, values: {}, positions: new Map() }, findings, comments };
  const walked = walkDocument(first, lc, file, opts.checkBools);
  findings.push(...walked.findings);
  const hasErrors = findings.some((f) => f.severity === 'error');
  if (hasErrors) return { doc: null, findings, comments, ...salvage(first, file, walked.positions) };
  let values: unknown;
  try {
    values = first.toJS({ maxAliasCount: 100 });
  } catch (err) {
    findings.push({ rule: 'yaml/syntax', severity: 'error', message: (err as Error).message, file });
    return { doc: null, findings, comments };
  }
  if (values === null || values === undefined) values = {};
  if (typeof values !== 'object' || Array.isArray(values)) {
    const kind = Array.isArray(values) ? 'a list' : `a ${typeof values}`;
    findings.push({ rule: 'yaml/top-level', severity: 'error', message: `the top level must be a map of keys, got ${kind}`, file, line: 1, col: 1 });
    return { doc: null, findings, comments };
  }
  return { doc: { file, values: values as Record<string, unknown>, positions: walked.positions as Map<string, SourcePos> }, findings, comments };
}

/** The values of a document with errors, as far as the parser got (broken aliases → null, merge keys ignored). */
function salvage(d: Document, file: string, positions: Map<string, SourcePos>): { salvaged?: ValuesDoc } {
  let budget = 10_000; // alias expansions, so a broken alias bomb cannot hang the scan either
  const plain = (n: unknown, depth: number): unknown => {
    if (depth > 100 || --budget < 0) return null;
    if (isAlias(n)) return plain(n.resolve(d), depth + 1);
    if (isMap(n)) return Object.fromEntries(n.items.map((p) => [String(isScalar(p.key) ? p.key.value : p.key), plain(p.value, depth + 1)]));
    if (isSeq(n)) return n.items.map((i) => plain(i, depth + 1));
    return isScalar(n) ? n.value : null;
  };
  const values = plain(d.contents, 0);
  return isPlainMap(values) ? { salvaged: { file, values, positions } } : {};
}

/** `parseAllDocuments` in one pass that also keeps the comments, which the composed documents lose. */
function parseDocuments(text: string, lc: LineCounter, options: YamlParseOptions & DocumentOptions & SchemaOptions): { docs: Document[]; comments: YamlComment[] } {
  const raw: CST.SourceToken[] = [];
  const collect = (t: unknown): void => {
    if (Array.isArray(t)) for (const x of t) collect(x);
    else if (typeof t === 'object' && t !== null) {
      if ((t as CST.SourceToken).type === 'comment') raw.push(t as CST.SourceToken);
      else for (const v of Object.values(t)) if (typeof v === 'object' && v !== null) collect(v);
    }
  };
  function* tap(tokens: Iterable<CST.Token>) {
    for (const t of tokens) {
      collect(t);
      yield t;
    }
  }
  const docs: Document[] = Array.from(new Composer(options).compose(tap(new Parser(lc.addNewLine).parse(text))));
  for (const d of docs) for (const e of [...d.errors, ...d.warnings]) if (e.pos[0] !== -1) e.linePos = [lc.linePos(e.pos[0]), lc.linePos(e.pos[1])];
  const comments = raw.map((t) => {
    const { line, col } = lc.linePos(t.offset);
    return { line, col, text: t.source, trailing: text.slice(lc.lineStarts[line - 1] ?? 0, t.offset).trim() !== '' };
  });
  return { docs, comments };
}

/** Characters go-yaml (Helm) refuses, or reads as line breaks where YAML 1.2 does not (NEL, LS, PS): they
 * would hide text from reviewers, shift lines, or reach a terminal. One finding per line, named by code point. */
export function findControlCharacters(text: string, file: string): Finding[] {
  const out: Finding[] = [];
  let line = 1;
  let col = 0;
  let reported = 0;
  for (const ch of text) {
    col += 1;
    const cp = ch.codePointAt(0)!;
    if (cp === 0x0a) {
      line += 1;
      col = 0;
      continue;
    }
    if (allowedInYaml(cp) || reported === line) continue;
    reported = line;
    const name = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    const why = cp === 0x85 || cp === 0x2028 || cp === 0x2029 ? 'is a line break for Helm (YAML 1.1) but not in YAML 1.2, so Helm would read this line differently' : 'is a control character, which Helm rejects ("control characters are not allowed")';
    out.push({ rule: 'yaml/syntax', severity: 'error', file, line, col, message: `${name} ${why}`, hint: 'delete the character; write escapes such as "\\t" inside double quotes if the value needs one' });
  }
  return out;
}

// go-yaml v2 reader.go: #x9 | #xA | #xD | [#x20-#x7E] | [#xA0-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
// (#x85 passes its reader but is a line break there, like #x2028/#x2029, so those are refused here too).
function allowedInYaml(cp: number): boolean {
  if (cp === 0x2028 || cp === 0x2029) return false;
  return cp === 0x09 || cp === 0x0d || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || cp >= 0x10000;
}

function fromYamlError(e: YAMLError, file: string, severity: 'error' | 'warning'): Finding {
  const at = e.linePos?.[0];
  // eemeli/yaml appends " at line N, column M:" and a code excerpt; the location is in line/col.
  const message = (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '');
  const finding: Finding = { rule: 'yaml/syntax', severity, message, file };
  if (at) Object.assign(finding, { line: at.line, col: at.col });
  return finding;
}

function extraDocument(d: Document, lc: LineCounter, file: string): Finding {
  const { line, col } = lc.linePos(d.range?.[0] ?? 0);
  const empty = d.contents === null || (d.contents as { value?: unknown }).value === null;
  return {
    rule: 'yaml/multi-document', severity: empty ? 'warning' : 'error', file, line, col,
    message: empty
      ? 'extra empty YAML document (`---`) in a values file'
      : 'a values file must hold one YAML document; Helm silently ignores every document after the first',
    hint: 'Remove the `---` separator and move these keys into the first document or another file.',
  };
}
