// The offline part of validate:envs: merge each environment like Helm and run the schema and policy checks.
// Pure over what load-inputs.ts read from disk: no file IO, no helm, no network, no writes.
import type { Finding } from '../core/finding.js';
import { runPolicies, type EnvUnderTest, type PolicyOptions } from '../policy/index.js';
import { parseAllows, type AllowComment } from '../policy/allow-comments.js';
import { scanFileForSecrets } from '../policy/committed-secrets.js';
import type { EnvFile } from '../values/discover-envs.js';
import { layersFor } from '../values/discover-envs.js';
import { mergeLayers } from '../values/merge.js';
import type { ValuesDoc } from '../values/values-doc.js';
import type { ValidateInputs } from './load-inputs.js';
import type { ValuesSchema } from './values-schema.js';

export interface CheckInput {
  cloud: string;
  envsDir: string;
  chartDir: string;
  envs: readonly EnvFile[];
  /** Every YAML file to scan for committed secrets (repo-relative). */
  secretScanFiles: readonly string[];
  /** Configuration the policy rules take (publicEnvTypes, dns.domain, requiredKinds). */
  policy: Pick<PolicyOptions, 'publicEnvTypes' | 'domain' | 'requiredKinds'>;
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

/** Merges and checks every environment; returns per-environment results, file-level findings, the allow annotations
 * of every file read, and the committed secret values found (for the run to redact from all other output). */
export function checkEnvironments(input: CheckInput, loaded: ValidateInputs): { envs: CheckedEnv[]; general: Finding[]; allows: AllowComment[]; secrets: string[] } {
  const chartValues = `${input.chartDir}/values.yaml`;
  const cloudFile = `${input.envsDir}/${input.cloud}.yaml`;
  const load = (file: string) => loaded.files.get(file)!;
  const general: Finding[] = [...loaded.schemaFindings];
  const schema: ValuesSchema | undefined = loaded.schema;

  const checked: CheckedEnv[] = [];
  for (const file of input.envs) {
    const layers = layersFor(file, input.cloud, chartValues, input.envsDir);
    const results = layers.map(load);
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
  const policyOptions: PolicyOptions = { ...input.policy, envTypes: input.envs.map((e) => e.type) };
  // A chart-only scan (no environments) has nothing to compare; "type X has no environment" would be noise there.
  const policy = input.envs.length > 0 ? runPolicies(checked.filter((c) => c.mergeable).map((c) => c.env), policyOptions) : [];
  for (const c of checked) c.findings.push(...policy.filter((f) => f.env === c.env.id));
  general.push(...policy.filter((f) => f.env === undefined));

  const secrets: string[] = [];
  for (const file of input.secretScanFiles) {
    const r = load(file);
    general.push(...scanFileForSecrets(file, r, (v) => secrets.push(v)));
    // Stray files (acme.YAML, x.yaml.bak) are scanned for secrets only; layout rules report them.
    if (!r.doc && !input.envs.some((e) => e.file === file) && /\.ya?ml$/.test(file)) general.push(...r.findings);
  }
  const allows = [...loaded.files].flatMap(([file, r]) => {
    const parsed = parseAllows(file, r.comments ?? []);
    general.push(...parsed.findings);
    return parsed.allows;
  });
  return { envs: checked, general, allows, secrets };
}
