// Builds the DiagnoseTarget from the argument and the repo's values (read-only file reads, no effects): a preview
// env uses the preview type's values with the identity ephemeral:deploy gives it (namespace = release = pr-N, secret
// prefix pr-N-ephemeral); a live project uses envs/live/<project>.yaml; a bare host matches a live environment's
// host, else only the cloud layer's promises apply.
import { join } from 'node:path';
import { usageError } from '../core/errors.js';
import { discoverEnvironments, layersFor, type EnvFile } from '../values/discover-envs.js';
import { loadValuesFile } from '../values/load-yaml.js';
import { mergeLayers } from '../values/merge.js';
import { expectedSecretNames, firstHost, ingressExpectations, parseDiagnoseArg, record, type DiagnoseTarget } from './target.js';

/** Where the values live and what the user asked. */
export interface TargetRequest {
  root: string;
  envsDir: string;
  chartDir: string;
  cloud: string;
  backendPath: string;
  /** `diagnose <arg>`. */
  arg?: string;
  /** `diagnose:live <project>`. */
  liveProject?: string;
  /** `--release` for live environments (default: the values' global.client_name). */
  release?: string;
}

async function mergedValues(req: TargetRequest, files: readonly string[]): Promise<Record<string, unknown>> {
  const parsed = await Promise.all(files.map((f) => loadValuesFile(join(req.root, f), f)));
  const broken = parsed.findIndex((p, i) => i > 0 && !p.doc);
  if (broken > 0) throw usageError(`${files[broken]} cannot be read: ${parsed[broken]!.findings[0]?.message ?? 'invalid YAML'}`, `run \`jetscale validate:envs ${req.cloud}\` and fix what it reports`);
  return mergeLayers(files.map((file, i) => ({ file, doc: parsed[i]!.doc ?? { file, values: {}, positions: new Map(), comments: [] } }))).values;
}

const layers = (req: TargetRequest, env: EnvFile | undefined) =>
  env ? layersFor(env, req.cloud, `${req.chartDir}/values.yaml`, req.envsDir) : [`${req.chartDir}/values.yaml`, `${req.envsDir}/${req.cloud}.yaml`];

function liveIdentity(values: Record<string, unknown>, release: string | undefined) {
  const g = record(values.global);
  const client = typeof g.client_name === 'string' ? g.client_name : undefined;
  const envName = typeof g.env === 'string' ? g.env : undefined;
  const prefix = record(values.externalSecret).awsSecretPrefix;
  const namespace = client && envName ? `${client}-${envName}` : undefined;
  const rel = release ?? client;
  return {
    ...(namespace ? { namespace } : {}),
    ...(rel ? { release: rel } : {}),
    ...(typeof prefix === 'string' && prefix ? { secretPrefix: prefix } : namespace ? { secretPrefix: namespace } : {}),
  };
}

/** Resolves the argument (or live project) into a target; unknown projects and bad arguments are usage errors. */
export async function loadTarget(req: TargetRequest): Promise<DiagnoseTarget> {
  const layout = await discoverEnvironments(join(req.root, req.envsDir), req.root);
  const ofType = (type: string) => layout.envs.filter((e) => e.type === type);
  if (req.liveProject !== undefined) {
    const env = ofType('live').find((e) => e.id === `live/${req.liveProject}`);
    if (!env) throw usageError(`no live environment "${req.liveProject}" in ${req.envsDir}/live/`, `name one of: ${ofType('live').map((e) => e.id.slice(5)).join(', ') || '(none)'}`);
    const files = layers(req, env);
    const values = await mergedValues(req, files);
    const id = liveIdentity(values, req.release);
    const host = firstHost(values);
    return {
      kind: 'live', label: env.id, ...id, ...(host ? { host } : {}), backendPath: req.backendPath,
      expect: ingressExpectations(values), expectedSecrets: id.release ? expectedSecretNames(id.release, values) : [], valuesFiles: files,
    };
  }
  const parsed = parseDiagnoseArg(req.arg ?? '');
  if (parsed.envId) {
    const preview = ofType('preview').find((e) => e.id === 'preview/preview') ?? ofType('preview')[0];
    const files = layers(req, preview);
    const values = await mergedValues(req, files);
    const envId = parsed.envId;
    return {
      kind: 'preview', label: envId, envId, namespace: envId, release: envId, secretPrefix: `${envId}-ephemeral`,
      ...(parsed.kind === 'host' ? { host: parsed.host } : {}), backendPath: req.backendPath,
      expect: ingressExpectations(values), expectedSecrets: expectedSecretNames(envId, values), valuesFiles: files,
    };
  }
  const host = parsed.kind === 'host' ? parsed.host : '';
  for (const env of ofType('live')) {
    const files = layers(req, env);
    const values = await mergedValues(req, files);
    if (!Object.keys(record(record(values.ingress).hosts)).includes(host)) continue;
    const id = liveIdentity(values, req.release);
    return { kind: 'live', label: env.id, ...id, host, backendPath: req.backendPath, expect: ingressExpectations(values), expectedSecrets: id.release ? expectedSecretNames(id.release, values) : [], valuesFiles: files };
  }
  const files = layers(req, undefined);
  const values = await mergedValues(req, files);
  return { kind: 'host', label: host, host, backendPath: req.backendPath, expect: ingressExpectations(values), expectedSecrets: [], valuesFiles: files };
}
