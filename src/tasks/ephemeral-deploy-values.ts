// ephemeral:deploy's values: the preview's layers plus the generated runtime layer, merged like Helm and checked with
// the same schema and policy rules as validate:envs before helm ever runs. It lives with the tasks because it joins
// the values, policy and validate modules with the ephemeral domain; the deploy context calls it once per run.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { JetscaleError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import type { Finding } from '../core/finding.js';
import { runPolicies, type EnvUnderTest } from '../policy/index.js';
import { compileValuesSchema } from '../validate/values-schema.js';
import { loadValuesFile, parseValuesFile } from '../values/load-yaml.js';
import { mergeLayers } from '../values/merge.js';
import type { ValuesDoc } from '../values/values-doc.js';
import type { DeployContext, DeployValues } from '../ephemeral/deploy-context.js';
import { CLEAR_HOSTS_YAML, renderRuntimeValues } from '../ephemeral/runtime-values.js';

async function load(d: DeployContext, abs: string): Promise<ValuesDoc> {
  const rel = relative(d.ctx.root, abs);
  const r = await loadValuesFile(abs, rel);
  if (!r.doc) throw invalid(`cannot use ${rel} for the deploy`, r.findings);
  return r.doc;
}

/** Composes and checks the deploy's values; throws exit 4 naming every error finding. */
export async function composeDeployValues(d: DeployContext): Promise<DeployValues> {
  const s = d.settings;
  const layerFiles = s.valuesFiles.filter((f, i) => i !== 1 || existsSync(f));
  const chartValues = join(s.chartDir, 'values.yaml');
  const docs = await Promise.all([chartValues, ...layerFiles].map((f) => load(d, f)));
  const runtimeYaml = renderRuntimeValues({ id: d.id, account: d.caller?.account ?? '000000000000', registrySecret: d.ctx.config.ephemeral.registry.secretName });
  const generated = { [s.clearHostsFile]: CLEAR_HOSTS_YAML, [s.runtimeValuesFile]: runtimeYaml };
  const parsed = Object.entries(generated).map(([file, text]) => parseValuesFile(text, relative(d.ctx.root, file)));
  const broken = parsed.find((p) => !p.doc);
  if (broken) throw invalid('the generated values do not parse (a jetscale bug)', broken.findings);
  const all = [...docs, ...parsed.map((p) => p.doc!)];
  const runtimeRel = relative(d.ctx.root, s.runtimeValuesFile);
  const merged = mergeLayers(all.map((doc) => ({ file: doc.file, doc })));
  const cloud = d.ctx.config.ephemeral.cloud;
  const env: EnvUnderTest = { id: `preview/${d.id.envId}`, type: 'preview', file: runtimeRel, cloud, cloudFile: relative(d.ctx.root, layerFiles[0]!), values: merged.values, provenance: merged.provenance, layerDocs: all };
  const schema = await compileValuesSchema(JSON.parse(await readFile(join(s.chartDir, 'values.schema.json'), 'utf8')), relative(d.ctx.root, join(s.chartDir, 'values.schema.json')), d.ctx.effects);
  const c = d.ctx.config;
  const findings = [...merged.findings, ...schema.check(env), ...runPolicies([env], { publicEnvTypes: c.publicEnvTypes, domain: c.dns.domain, requiredKinds: c.requiredKinds, envTypes: ['preview'] })];
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) throw invalid(`the values of ${d.id.envId} fail ${errors.length} check(s) of validate:envs; nothing was deployed`, errors);
  return { values: merged.values, files: [...layerFiles, ...Object.keys(generated)], generated, warnings: findings.filter((f) => f.severity !== 'error').length };
}

function invalid(message: string, findings: readonly Finding[]): JetscaleError {
  const tail = findings.map((f) => `${f.file ?? ''}${f.line ? `:${f.line}` : ''}: ${f.rule}: ${f.message}`).join('\n');
  return new JetscaleError(message, { code: 'E_VALIDATION', exitCode: ExitCode.validation, hint: 'run `jetscale validate:envs <cloud>` and fix the preview layers (the generated layer only sets host, tenant and secret wiring)', ...(tail ? { tail } : {}) });
}
