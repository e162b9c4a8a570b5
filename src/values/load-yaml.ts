// Strict loading of Helm values files: every syntax error, duplicate key and YAML 1.1 boolean is a
// finding with file:line:col, and the result carries a position index for provenance.
// Parsing is YAML 1.2 core schema (eemeli/yaml); Helm reads values with go-yaml v2 (YAML 1.1 scalars
// via sigs.k8s.io/yaml), so `yes/no/on/off` differ: those get a `yaml/ambiguous-bool` warning.
import { readFile } from 'node:fs/promises';
import { LineCounter, parseAllDocuments } from 'yaml';
import type { Document, YAMLError } from 'yaml';
import type { Finding } from '../core/finding.js';
import { walkDocument } from './yaml-walk.js';
import type { SourcePos, ValuesDoc } from './values-doc.js';

/** Options for `parseYamlMap`; values files check YAML 1.1 booleans, Chart.yaml does its own check. */
export interface ParseOptions {
  checkBools: boolean;
}

/** Result of parsing: `doc` is null when the file is unusable (syntax error, wrong top-level type). */
export interface ParseResult {
  doc: ValuesDoc | null;
  findings: Finding[];
}

/** Parse a values file strictly (see module comment); reports all errors, never throws. */
export function parseValuesFile(text: string, file: string): ParseResult {
  return parseYamlMap(text, file, { checkBools: true });
}

/** Read and parse a values file; a missing or unreadable file is an error finding. */
export async function loadValuesFile(absPath: string, repoRelPath: string): Promise<ParseResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(absPath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'file not found' : `cannot read file: ${(err as Error).message}`;
    return { doc: null, findings: [{ rule: 'yaml/syntax', severity: 'error', message, file: repoRelPath }] };
  }
  const text = decodeUtf8(bytes, repoRelPath);
  return typeof text === 'string' ? parseValuesFile(text, repoRelPath) : { doc: null, findings: [text] };
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

/** Parse one YAML document whose top level must be a map (or empty → {}). */
export function parseYamlMap(text: string, file: string, opts: ParseOptions): ParseResult {
  const lc = new LineCounter();
  // uniqueKeys off: duplicates are found by the walker, which knows both lines; merge on: Helm's
  // go-yaml v2 honours `<<` merge keys.
  const docs = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: false, merge: true, prettyErrors: true });
  const findings: Finding[] = [];
  const list = Array.isArray(docs) ? docs : [];
  for (const d of list) {
    for (const e of d.errors) findings.push(fromYamlError(e, file, 'error'));
    for (const w of d.warnings) findings.push(fromYamlError(w, file, 'warning'));
  }
  list.slice(1).forEach((d) => findings.push(extraDocument(d, lc, file)));
  const first = list[0];
  if (!first) return { doc: { file, values: {}, positions: new Map() }, findings };
  const walked = walkDocument(first, lc, file, opts.checkBools);
  findings.push(...walked.findings);
  const hasErrors = findings.some((f) => f.severity === 'error');
  if (hasErrors) return { doc: null, findings };
  let values: unknown;
  try {
    values = first.toJS({ maxAliasCount: 100 });
  } catch (err) {
    findings.push({ rule: 'yaml/syntax', severity: 'error', message: (err as Error).message, file });
    return { doc: null, findings };
  }
  if (values === null || values === undefined) values = {};
  if (typeof values !== 'object' || Array.isArray(values)) {
    const kind = Array.isArray(values) ? 'a list' : `a ${typeof values}`;
    findings.push({ rule: 'yaml/top-level', severity: 'error', message: `the top level must be a map of keys, got ${kind}`, file, line: 1, col: 1 });
    return { doc: null, findings };
  }
  return { doc: { file, values: values as Record<string, unknown>, positions: walked.positions as Map<string, SourcePos> }, findings };
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
