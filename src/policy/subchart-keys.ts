// Subchart values are checked too (the umbrella passes `<alias>:` sections straight to its subcharts, and Helm
// ignores a misspelt key there silently): every key a layer writes under a subchart's section must be a value of
// that subchart: from its values.schema.json when it has one, else from the keys of its values.yaml. Pure.
import { editDistance } from '../core/edit-distance.js';
import type { Finding } from '../core/finding.js';
import { formatPath, isPlainMap, pathKey, type PathSegment, type ValuesDoc } from '../values/values-doc.js';

/** What a subchart accepts under one path: `open` maps take any key (`env: {}`, `annotations: {}`). */
export interface KeyModel {
  open: boolean;
  children: Map<string, KeyModel>;
}

export interface SubchartModel {
  /** The key in the umbrella's values (`backend-api`): the alias, else the name. */
  key: string;
  name: string;
  version: string;
  keys: KeyModel;
  /** Where the model came from, for the message. */
  from: 'values.schema.json' | 'values.yaml';
}

const LEAF: KeyModel = { open: true, children: new Map() };

/** The key model of a subchart's values.yaml: maps with entries are closed, empty maps and scalars accept anything. */
export function keysFromValues(values: unknown): KeyModel {
  if (!isPlainMap(values)) return LEAF;
  const entries = Object.entries(values);
  if (entries.length === 0) return LEAF;
  return { open: false, children: new Map(entries.map(([k, v]) => [k, keysFromValues(v)])) };
}

/** The key model of a JSON schema: `properties` name the keys; without them, or with `additionalProperties`, it is open. */
export function keysFromSchema(schema: unknown): KeyModel {
  if (!isPlainMap(schema) || !isPlainMap(schema.properties)) return LEAF;
  const open = schema.additionalProperties !== undefined && schema.additionalProperties !== false;
  return { open, children: new Map(Object.entries(schema.properties).map(([k, v]) => [k, keysFromSchema(v)])) };
}

/** Keys every subchart section may carry whatever the subchart declares: Helm's `global` and the dependency condition. */
const ALWAYS = new Set(['global', 'enabled']);

/** Warnings for keys under subchart sections, in each layer that writes them (layer 0, the umbrella's own values, too). */
export function checkSubchartKeys(layers: readonly ValuesDoc[], subcharts: readonly SubchartModel[]): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const layer of layers) {
    for (const sub of subcharts) {
      const section = layer.values[sub.key];
      if (!isPlainMap(section)) continue;
      walk(section, [sub.key], sub.keys, true, (path, known) => {
        const id = `${layer.file}:${pathKey(path)}`;
        if (seen.has(id)) return;
        seen.add(id);
        const pos = layer.positions.get(pathKey(path));
        const guess = closest(String(path[path.length - 1]), known);
        findings.push({
          rule: 'values/subchart-key',
          severity: 'warning',
          file: layer.file,
          ...(pos ? { line: pos.line, col: pos.col } : {}),
          message: `${formatPath(path)} is not a value of subchart ${sub.name} ${sub.version} (per its ${sub.from}), so Helm passes it on and nothing reads it${guess ? `; did you mean ${guess}?` : ''}`,
          hint: guess ? `rename it to ${formatPath([...path.slice(0, -1), guess])}` : `remove it, or check the key against the ${sub.name} chart's ${sub.from}`,
        });
      });
    }
  }
  return findings;
}

function walk(value: Record<string, unknown>, path: PathSegment[], model: KeyModel, top: boolean, unknown: (path: PathSegment[], known: string[]) => void): void {
  if (model.open) return;
  for (const [key, child] of Object.entries(value)) {
    if (top && ALWAYS.has(key)) continue;
    const next = model.children.get(key);
    if (!next) {
      unknown([...path, key], [...model.children.keys()]);
      continue;
    }
    if (isPlainMap(child)) walk(child, [...path, key], next, false, unknown);
  }
}

/** The known key nearest to `key` by edit distance, when close enough to be a typo. */
function closest(key: string, known: readonly string[]): string | undefined {
  let best: { k: string; d: number } | undefined;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (!best || d < best.d) best = { k, d };
  }
  return best && best.d <= Math.max(1, Math.floor(key.length / 3)) ? best.k : undefined;
}
