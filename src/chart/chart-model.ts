// Chart.yaml and Chart.lock as validated data (zod at the boundary), with the line of each
// dependency kept for findings. Field set from Helm's pkg/chart Dependency / Metadata / Lock.
import * as z from 'zod';
import type { Finding } from '../core/finding.js';
import { parseYamlMap } from '../values/load-yaml.js';
import type { ParseCache } from '../values/parse-cache.js';
import { formatPath, pathKey } from '../values/values-doc.js';
import type { PathSegment, PositionIndex } from '../values/values-doc.js';
import { yaml11TypeOf } from './yaml11.js';

const ImportValue = z.union([z.string(), z.strictObject({ child: z.string(), parent: z.string() })]);

const DependencySchema = z.strictObject({
  name: z.string().min(1),
  version: z.string().optional(),
  repository: z.string().optional(),
  condition: z.string().optional(),
  tags: z.array(z.string()).optional(),
  enabled: z.boolean().optional(),
  'import-values': z.array(ImportValue).optional(),
  alias: z.string().optional(),
});

const ChartSchema = z.looseObject({
  apiVersion: z.literal('v2', { error: 'apiVersion must be v2 (Helm 3+ charts; the v1 requirements.lock hash is not supported)' }),
  name: z.string().min(1),
  version: z.string().min(1),
  appVersion: z.string().optional(),
  dependencies: z.array(DependencySchema).optional(),
});

const LockSchema = z.looseObject({
  dependencies: z.array(z.looseObject({ name: z.string().min(1), version: z.string(), repository: z.string() })),
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'digest must be sha256:<64 hex>'),
  generated: z.string().optional(),
});

/** One Chart.yaml dependency exactly as Helm loads it (the digest input). */
export type ChartDependency = z.infer<typeof DependencySchema>;

/** One Chart.lock entry. */
export interface LockDependency {
  name: string;
  version: string;
  repository: string;
}

/** Where an entry was written: its list item, plus each field's key line. */
export interface Located {
  line: number;
  col: number;
  fieldLines: Partial<Record<string, number>>;
}

/** Validated Chart.yaml. */
export interface ChartModel {
  apiVersion: 'v2';
  name: string;
  version: string;
  appVersion?: string;
  dependencies: Array<ChartDependency & Located>;
}

/** Validated Chart.lock. */
export interface LockModel {
  dependencies: Array<LockDependency & Located>;
  digest: string;
  digestLine?: number;
  generated?: string;
}

const STRING_FIELDS = ['name', 'version', 'repository', 'condition', 'alias'] as const;

/** Parse Chart.yaml; dependency scalars Helm's YAML 1.1 reader would retype are errors. */
export function parseChartYaml(text: string, file: string, cache?: ParseCache): { chart: ChartModel | null; findings: Finding[] } {
  const { doc, findings } = parseYamlMap(text, file, { checkBools: false }, cache);
  if (!doc) return { chart: null, findings };
  const before = findings.length;
  const deps = Array.isArray(doc.values.dependencies) ? (doc.values.dependencies as unknown[]) : [];
  deps.forEach((dep, i) => checkDependencyScalars(dep, ['dependencies', i], doc.positions, file, findings));
  const parsed = ChartSchema.safeParse(doc.values);
  if (!parsed.success) return { chart: null, findings: withSchemaFindings(findings, before, parsed.error, doc.positions, file) };
  if (findings.some((f) => f.severity === 'error')) return { chart: null, findings };
  const { apiVersion, name, version, appVersion } = parsed.data;
  const dependencies = (parsed.data.dependencies ?? []).map((d, i) => ({ ...d, ...locate(doc.positions, ['dependencies', i], d) }));
  return { chart: { apiVersion, name, version, ...(appVersion !== undefined ? { appVersion } : {}), dependencies }, findings };
}

/** Parse Chart.lock (same strictness for the fields that feed the digest). */
export function parseChartLock(text: string, file: string, cache?: ParseCache): { lock: LockModel | null; findings: Finding[] } {
  const { doc, findings } = parseYamlMap(text, file, { checkBools: false }, cache);
  if (!doc) return { lock: null, findings };
  const before = findings.length;
  const deps = Array.isArray(doc.values.dependencies) ? (doc.values.dependencies as unknown[]) : [];
  deps.forEach((dep, i) => checkDependencyScalars(dep, ['dependencies', i], doc.positions, file, findings));
  const parsed = LockSchema.safeParse(doc.values);
  if (!parsed.success) return { lock: null, findings: withSchemaFindings(findings, before, parsed.error, doc.positions, file) };
  if (findings.some((f) => f.severity === 'error')) return { lock: null, findings };
  const dependencies = parsed.data.dependencies.map((d, i) => ({
    name: d.name, version: d.version, repository: d.repository, ...locate(doc.positions, ['dependencies', i], d),
  }));
  const digestLine = doc.positions.get(pathKey(['digest']))?.line;
  const lock: LockModel = { dependencies, digest: parsed.data.digest, ...(digestLine ? { digestLine } : {}) };
  if (parsed.data.generated !== undefined) lock.generated = parsed.data.generated;
  return { lock, findings };
}

// Helm's sanitizer (pkg/chart/v2/metadata.go) rewrites whitespace and drops non-printables: reject them.
const UNSAFE_CHARS = /[\p{C}\p{Zl}\p{Zp}]|(?! )\s/u;

function checkDependencyScalars(dep: unknown, at: PathSegment[], positions: PositionIndex, file: string, out: Finding[]): void {
  if (typeof dep !== 'object' || dep === null) return;
  const d = dep as Record<string, unknown>;
  const paths: PathSegment[][] = STRING_FIELDS.filter((k) => k in d).map((k) => [...at, k]);
  if (Array.isArray(d.tags)) d.tags.forEach((_, j) => paths.push([...at, 'tags', j]));
  if (Array.isArray(d['import-values'])) {
    d['import-values'].forEach((iv, j) => {
      if (typeof iv === 'object' && iv !== null) for (const k of Object.keys(iv)) paths.push([...at, 'import-values', j, k]);
      else paths.push([...at, 'import-values', j]);
    });
  }
  for (const p of paths) {
    const pos = positions.get(pathKey(p));
    if (!pos) continue;
    const type = pos.plain === undefined ? 'str' : yaml11TypeOf(pos.plain);
    if (pos.plain !== undefined && type !== 'str') {
      out.push({
        rule: 'chart/yaml11', severity: 'error', file, line: pos.line, col: pos.col,
        message: `${formatPath(p)}: unquoted ${pos.plain || '(empty)'} is read by Helm (YAML 1.1) as ${type}, not the string "${pos.plain}", which changes the lock digest`,
        hint: `Quote it: "${pos.plain}".`,
      });
    }
    const value = valueAtPath(d, p.slice(at.length));
    if (typeof value === 'string' && UNSAFE_CHARS.test(value)) {
      out.push({
        rule: 'chart/characters', severity: 'error', file, line: pos.line, col: pos.col,
        message: `${formatPath(p)} contains a control or non-space whitespace character that Helm silently rewrites`,
        hint: 'Remove tabs, newlines and invisible characters from the value.',
      });
    }
  }
}

function valueAtPath(root: unknown, path: PathSegment[]): unknown {
  let cur = root;
  for (const seg of path) cur = typeof cur === 'object' && cur !== null ? (cur as Record<string, unknown>)[String(seg)] : undefined;
  return cur;
}

function locate(positions: PositionIndex, at: PathSegment[], fields: object): Located {
  const pos = positions.get(pathKey(at)) ?? { line: 0, col: 0 };
  const fieldLines: Partial<Record<string, number>> = {};
  for (const k of Object.keys(fields)) {
    const p = positions.get(pathKey([...at, k]));
    if (p) fieldLines[k] = p.line;
  }
  return { line: pos.line, col: pos.col, fieldLines };
}

// Schema issues at a spot already flagged by the scalar checks (e.g. unquoted 1.10 → "expected
// string") would repeat the same problem less helpfully: drop them.
function withSchemaFindings(findings: Finding[], since: number, error: z.ZodError, positions: PositionIndex, file: string): Finding[] {
  const flagged = new Set(findings.slice(since).map((f) => `${f.line}:${f.col}`));
  return [...findings, ...zodFindings(error, positions, file).filter((f) => !flagged.has(`${f.line}:${f.col}`))];
}

function zodFindings(error: z.ZodError, positions: PositionIndex, file: string): Finding[] {
  return error.issues.map((issue) => {
    const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
    // Point an unknown key at its own line rather than at the enclosing entry.
    const extra = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    if (extra !== undefined) path.push(extra);
    let pos = undefined;
    for (let n = path.length; n >= 0 && !pos; n--) pos = positions.get(pathKey(path.slice(0, n)));
    const shown = extra !== undefined ? path.slice(0, -1) : path;
    const where = shown.length > 0 ? `${formatPath(shown)}: ` : '';
    return {
      rule: 'chart/schema', severity: 'error' as const, file, message: `${where}${issue.message}`,
      ...(pos ? { line: pos.line, col: pos.col } : {}),
    };
  });
}
