// Walks one composed YAML document (eemeli/yaml AST) to index where every path is written and to
// find what the parser accepts but Helm users should not rely on: duplicate keys (Helm v4.1.4
// silently keeps the last one, stack-chart-envs.md §8 step 4) and YAML 1.1 booleans.
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Node, Pair, Scalar } from 'yaml';
import type { Finding } from '../core/finding.js';
import { pathKey } from './values-doc.js';
import type { PathSegment, SourcePos } from './values-doc.js';

// Plain scalars that YAML 1.2 (this parser) reads as strings but YAML 1.1 (go-yaml v2, used by
// Helm through sigs.k8s.io/yaml) reads as booleans; see go-yaml v2 resolve.go resolveMap.
const YAML11_BOOL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

interface WalkState {
  doc: Document;
  file: string;
  lc: LineCounter;
  checkBools: boolean;
  positions: Map<string, SourcePos>;
  findings: Finding[];
  active: Set<Node>;
  /** Nodes visited through aliases so far; bounded so an alias bomb ("billion laughs") cannot hang the run. */
  aliasBudget: number;
}

/** More alias-expanded nodes than any sane values file has; past it we stop indexing and report. */
const MAX_ALIAS_NODES = 10_000;

/** Index key positions and collect duplicate-key, alias and ambiguous-bool findings for one document. */
export function walkDocument(
  doc: Document,
  lc: LineCounter,
  file: string,
  checkBools: boolean,
): { positions: Map<string, SourcePos>; findings: Finding[] } {
  const st: WalkState = { doc, file, lc, checkBools, positions: new Map(), findings: [], active: new Set(), aliasBudget: MAX_ALIAS_NODES };
  if (doc.contents) {
    st.positions.set(pathKey([]), posOf(st, doc.contents.range?.[0] ?? 0));
    walk(st, doc.contents as Node, [], false);
  }
  return { positions: st.positions, findings: st.findings };
}

function posOf(st: WalkState, offset: number, node?: unknown): SourcePos {
  const { line, col } = st.lc.linePos(offset);
  const pos: SourcePos = { line, col };
  if (isScalar(node) && node.type === 'PLAIN' && !node.tag && typeof node.source === 'string') pos.plain = node.source;
  return pos;
}

function walk(st: WalkState, node: Node | null | undefined, path: PathSegment[], viaAlias: boolean): void {
  if (!node) return;
  if (viaAlias && --st.aliasBudget < 0) {
    if (st.aliasBudget === -1) {
      const { line, col } = st.lc.linePos(node.range?.[0] ?? 0);
      st.findings.push({ rule: 'yaml/syntax', severity: 'error', message: `aliases expand to more than ${MAX_ALIAS_NODES} nodes (an alias bomb?)`, file: st.file, line, col, hint: 'write the values out instead of nesting aliases' });
    }
    return;
  }
  if (isAlias(node)) {
    const target = node.resolve(st.doc) as Node | undefined;
    if (!target) {
      const { line, col } = st.lc.linePos(node.range?.[0] ?? 0);
      st.findings.push({ rule: 'yaml/syntax', severity: 'error', message: `unresolved alias *${node.source}`, file: st.file, line, col });
    } else if (!st.active.has(target)) {
      st.active.add(target);
      walk(st, target, path, true);
      st.active.delete(target);
    }
    return;
  }
  if (isMap(node)) return walkMap(st, node.items as Pair<Node, Node>[], path, viaAlias, new Set());
  if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const n = item as Node;
      st.positions.set(pathKey([...path, i]), posOf(st, n?.range?.[0] ?? 0, n));
      walk(st, n, [...path, i], viaAlias);
    });
    return;
  }
  if (isScalar(node)) checkBool(st, node, 'value', viaAlias);
}

function walkMap(
  st: WalkState,
  items: Pair<Node, Node>[],
  path: PathSegment[],
  viaAlias: boolean,
  taken: Set<string>,
  fromMerge = false,
): void {
  const first = new Map<string, number>();
  const merges: Node[] = [];
  for (const pair of items) {
    const key = pair.key;
    if (isScalar(key) && typeof key.value === 'symbol') {
      merges.push(pair.value as Node);
      continue;
    }
    const offset = (key as Node | null)?.range?.[0] ?? (pair.value as Node | null)?.range?.[0] ?? 0;
    const { line, col } = st.lc.linePos(offset);
    if (key !== null && !isScalar(key)) {
      st.findings.push({ rule: 'yaml/syntax', severity: 'error', message: 'complex (non-scalar) map keys are not supported in values files', file: st.file, line, col });
      continue;
    }
    const name = key === null || key.value === null ? '' : String(key.value);
    if (key) checkBool(st, key, 'key', viaAlias);
    const prev = first.get(name);
    if (prev !== undefined && !viaAlias) {
      st.findings.push({
        rule: 'yaml/duplicate-key', severity: 'error', file: st.file, line, col,
        message: `duplicate key "${name}" (first defined at line ${prev}); Helm would silently keep this later one`,
        hint: 'Remove one of the two entries or merge them into one.',
      });
    }
    if (prev === undefined) first.set(name, line);
    const here = [...path, name];
    if (fromMerge && taken.has(name)) continue; // an explicit key or an earlier merge source won
    taken.add(name);
    // A later duplicate (or merged value) replaces the whole earlier value; only then is there anything to drop
    // (scanning on every key made big maps quadratic).
    if (prev !== undefined || fromMerge) dropUnder(st.positions, here);
    st.positions.set(pathKey(here), posOf(st, offset, pair.value));
    walk(st, pair.value as Node, here, viaAlias);
  }
  // YAML 1.1 merge keys (`<<: *base`): explicit keys win, then earlier sources win over later ones.
  for (const m of merges) {
    const sources = isSeq(m) ? (m.items as Node[]) : [m];
    for (const src of sources) {
      const target = isAlias(src) ? (src.resolve(st.doc) as Node | undefined) : src;
      if (target && isMap(target) && !st.active.has(target)) {
        st.active.add(target);
        walkMap(st, target.items as Pair<Node, Node>[], path, true, taken, true);
        st.active.delete(target);
      } else if (isAlias(src)) walk(st, src, path, true);
    }
  }
}

function dropUnder(positions: Map<string, SourcePos>, path: PathSegment[]): void {
  const prefix = pathKey(path).slice(0, -1) + ',';
  for (const k of positions.keys()) if (k.startsWith(prefix)) positions.delete(k);
}

function checkBool(st: WalkState, node: Scalar, what: 'key' | 'value', viaAlias: boolean): void {
  if (!st.checkBools || viaAlias || node.type !== 'PLAIN' || node.tag) return;
  if (typeof node.value !== 'string' || !YAML11_BOOL.test(node.value)) return;
  const { line, col } = st.lc.linePos(node.range?.[0] ?? 0);
  st.findings.push({
    rule: 'yaml/ambiguous-bool', severity: 'warning', file: st.file, line, col,
    message: `unquoted ${what} ${node.value} is the string "${node.value}" in YAML 1.2 but a boolean in Helm's YAML 1.1 reading`,
    hint: `Write "${node.value}" in quotes for a string, or true/false for a boolean.`,
  });
}
