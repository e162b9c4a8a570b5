// The offline part of validate:envs: load every layer once, merge each environment like Helm, and run
// the schema and policy checks. No helm, no network, no writes.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Finding } from '../core/finding.js';
import { runPolicies, scanForSecrets, type EnvUnderTest } from '../policy/index.js';
import type { EnvFile } from '../values/discover-envs.js';
import { layersFor } from '../values/discover-envs.js';
import { loadValuesFile, type ParseResult } from '../values/load-yaml.js';
import { mergeLayers } from '../values/merge.js';
import type { ValuesDoc } from '../values/values-doc.js';
import { compileValuesSchema } from './values-schema.js';

export interface CheckInput {
  root: string;
  cloud: string;
  envsDir: string;
  chartDir: string;
  envs: readonly EnvFile[];
  /** Every YAML file to scan for committed secrets (repo-relative). */
  secretScanFiles: readonly string[];
}

export interface CheckedEnv {
  env: EnvUnderTest;
  layers: string[];
  findings: Finding[];
  /** False when a layer could not be parsed (nothing to merge, nothing to render). */
  mergeable: boolean;
  /** False when the chart's values schema is missing or broken, so the schema check did not run. */
  schemaChecked: boolean;
}

/** Repo-relative YAML files under the chart (values*.yaml) and the whole envs tree. */
export async function listSecretScanFiles(root: string, chartDir: string, envsDir: string): Promise<string[]> {
  const chartFiles = (await readdir(join(root, chartDir)).catch(() => [] as string[])).filter((f) => /^values.*\.ya?ml$/.test(f)).map((f) => `${chartDir}/${f}`);
  const envFiles = (await readdir(join(root, envsDir), { recursive: true }).catch(() => [] as string[])).filter((f) => /\.ya?ml$/.test(f)).map((f) => `${envsDir}/${f.split('\\').join('/')}`);
  return [...chartFiles, ...envFiles].sort();
}

/** Parses, merges and checks every environment; returns per-environment results and file-level findings. */
export async function checkEnvironments(input: CheckInput): Promise<{ envs: CheckedEnv[]; general: Finding[] }> {
  const chartValues = `${input.chartDir}/values.yaml`;
  const cloudFile = `${input.envsDir}/${input.cloud}.yaml`;
  const parsed = new Map<string, Promise<ParseResult>>();
  const load = (file: string) => {
    let p = parsed.get(file);
    if (!p) parsed.set(file, (p = loadValuesFile(join(input.root, file), file)));
    return p;
  };
  const schemaText = await readFile(join(input.root, input.chartDir, 'values.schema.json'), 'utf8').catch(() => undefined);
  const general: Finding[] = [];
  let schema: Awaited<ReturnType<typeof compileValuesSchema>> | undefined;
  const schemaFile = `${input.chartDir}/values.schema.json`;
  if (schemaText === undefined) {
    general.push({ rule: 'schema/missing', severity: 'error', file: schemaFile, message: 'the chart has no values.schema.json, so typos and wrong types in environments would pass', hint: 'add a values.schema.json that constrains the chart values' });
  } else {
    try {
      schema = await compileValuesSchema(JSON.parse(schemaText), schemaFile);
    } catch (error) {
      general.push({ rule: 'schema/invalid', severity: 'error', file: schemaFile, message: `values.schema.json does not compile: ${(error as Error).message}` });
    }
  }

  const checked: CheckedEnv[] = [];
  for (const file of input.envs) {
    const layers = layersFor(file, input.cloud, chartValues, input.envsDir);
    const results = await Promise.all(layers.map(load));
    const findings: Finding[] = results.flatMap((r) => r.findings.map((f) => ({ ...f, env: file.id })));
    const docs = results.map((r) => r.doc);
    const id = file.id;
    if (docs.some((d) => d === null)) {
      checked.push({ env: { id, type: file.type, file: file.file, cloud: input.cloud, cloudFile, values: {}, provenance: { layers, lookup: () => undefined } }, layers, findings, mergeable: false, schemaChecked: false });
      continue;
    }
    const merged = mergeLayers(layers.map((f, i) => ({ file: f, doc: docs[i]! })));
    const env: EnvUnderTest = { id, type: file.type, file: file.file, cloud: input.cloud, cloudFile, values: merged.values, provenance: merged.provenance, layerDocs: docs as ValuesDoc[] };
    findings.push(...merged.findings.map((f) => ({ ...f, env: id })), ...(schema?.check(env) ?? []));
    checked.push({ env, layers, findings, mergeable: true, schemaChecked: schema !== undefined });
  }
  const policy = runPolicies(checked.filter((c) => c.mergeable).map((c) => c.env));
  for (const c of checked) c.findings.push(...policy.filter((f) => f.env === c.env.id));

  for (const file of input.secretScanFiles) {
    const r = await load(file);
    if (r.doc) general.push(...scanForSecrets(r.doc));
    else if (!input.envs.some((e) => e.file === file)) general.push(...r.findings);
  }
  return { envs: checked, general };
}
