// The file IO of validate:envs: every layer and every secret-scan file read and parsed once, and the chart's
// values schema compiled, so the checks in check-envs.ts stay pure.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Finding } from '../core/finding.js';
import type { EnvFile } from '../values/discover-envs.js';
import { layersFor } from '../values/discover-envs.js';
import { loadValuesFile, type ParseResult } from '../values/load-yaml.js';
import type { ParseCache } from '../values/parse-cache.js';
import type { EffectGate } from '../core/effects.js';
import { compileValuesSchema, type ValuesSchema } from './values-schema.js';

export interface ValidateInputs {
  /** Parse result of every repo-relative file a check needs. */
  files: ReadonlyMap<string, ParseResult>;
  schema?: ValuesSchema;
  /** A missing or broken values.schema.json. */
  schemaFindings: Finding[];
}

/** YAML by name, in any case and with a backup suffix too (acme.YAML, x.yaml.bak, x.yml~): secrets hide there as well. */
const YAMLISH = /\.ya?ml(?:\.(?:bak|orig|old|save|tmp|backup|\d+))?~?$/i;

/** Files read as YAML (JSON is YAML too); every other file of the envs tree is scanned line by line as text. */
const isYamlFile = (f: string) => YAMLISH.test(f) || /\.json$/i.test(f);

/** Repo-relative files to scan for committed secrets: the chart's values*.yaml and every file of the envs tree. */
export async function listSecretScanFiles(root: string, chartDir: string, envsDir: string): Promise<string[]> {
  const chartFiles = (await readdir(join(root, chartDir)).catch(() => [] as string[])).filter((f) => /^values/i.test(f) && YAMLISH.test(f)).map((f) => `${chartDir}/${f}`);
  const entries = await readdir(join(root, envsDir), { recursive: true, withFileTypes: true }).catch(() => []);
  const envFiles = entries.filter((d) => d.isFile()).map((d) => relative(root, join(d.parentPath, d.name)).split(sep).join('/'));
  return [...chartFiles, ...envFiles].sort();
}

/** A non-YAML file as lines for the secret scan (each line read like a comment); binary or huge files yield none. */
async function loadTextLines(absPath: string): Promise<ParseResult> {
  const bytes = await readFile(absPath).catch(() => undefined);
  if (!bytes || bytes.length > 1_000_000) return { doc: null, findings: [] };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { doc: null, findings: [] };
  }
  return { doc: null, findings: [], comments: text.split(/\r?\n/).map((line, i) => ({ line: i + 1, col: 1, text: line, trailing: false })) };
}

/** Reads every layer of every environment, the secret-scan files and the values schema, each once. */
export async function loadValidateInputs(input: { root: string; cloud: string; envsDir: string; chartDir: string; envs: readonly EnvFile[]; secretScanFiles: readonly string[]; parseCache?: ParseCache; effects?: EffectGate }): Promise<ValidateInputs> {
  const chartValues = `${input.chartDir}/values.yaml`;
  const wanted = new Set([...input.envs.flatMap((e) => layersFor(e, input.cloud, chartValues, input.envsDir)), ...input.secretScanFiles]);
  const files = new Map(await Promise.all([...wanted].map(async (f) => [f, isYamlFile(f) ? await loadValuesFile(join(input.root, f), f, input.parseCache) : await loadTextLines(join(input.root, f))] as const)));
  const schemaFile = `${input.chartDir}/values.schema.json`;
  const schemaText = await readFile(join(input.root, schemaFile), 'utf8').catch(() => undefined);
  if (schemaText === undefined) {
    return { files, schemaFindings: [{ rule: 'schema/missing', severity: 'error', file: schemaFile, message: 'the chart has no values.schema.json, so typos and wrong types in environments would pass', hint: 'add a values.schema.json that constrains the chart values' }] };
  }
  try {
    return { files, schema: await compileValuesSchema(JSON.parse(schemaText), schemaFile, input.effects), schemaFindings: [] };
  } catch (error) {
    return { files, schemaFindings: [{ rule: 'schema/invalid', severity: 'error', file: schemaFile, message: `values.schema.json does not compile: ${(error as Error).message}` }] };
  }
}
