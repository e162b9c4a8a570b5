// values <cloud> <env> [path] — one environment's merged values, each leaf with the file:line that set it.
import { join } from 'node:path';
import * as z from 'zod';
import { usageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { toLocation } from '../core/finding.js';
import { typedTask } from '../runtime/typed-task.js';
import { checkCloud, discoverEnvironments, layersFor } from '../values/discover-envs.js';
import { explainValues, parseValuesPath, type SetAt } from '../values/explain.js';
import { loadValuesFile } from '../values/load-yaml.js';
import { mergeLayers } from '../values/merge.js';
import { existingPrefix } from '../values/provenance.js';
import { selectEnvironments } from '../values/select-envs.js';
import { formatPath } from '../values/values-doc.js';
import { formatFinding } from '../validate/report.js';

const Input = z.object({
  args: z.object({ cloud: z.string(), env: z.string(), path: z.string().optional() }),
  flags: z.object({}),
});

const where = (s: SetAt) => toLocation(s);

/** Prints the merged values of one environment with provenance; exit 4 when a layer does not parse. */
export const valuesTask = typedTask(Input, async (ctx, input) => {
  const { cloud, env: wanted } = input.args;
  const envsRel = ctx.config.envs;
  const layout = await discoverEnvironments(join(ctx.root, envsRel), ctx.root);
  const cloudProblem = checkCloud(cloud, layout)[0];
  if (cloudProblem) throw usageError(cloudProblem.message, cloudProblem.hint);
  const { selected } = selectEnvironments(layout.envs, [wanted], envsRel);
  const env = selected.length === 1 ? selected[0]! : undefined;
  if (!env) throw usageError(`"${wanted}" ${selected.length ? `matches ${selected.length} environments` : 'is no environment'}`, `name one of: ${layout.envs.map((e) => e.id).join(', ')}`);
  const path = input.args.path === undefined ? [] : parseValuesPath(input.args.path);
  if (!path) throw usageError(`invalid path "${input.args.path}"`, 'write it as a.b[0].c, quoting keys with dots: ingress.annotations["alb.ingress.kubernetes.io/scheme"]');

  const layers = layersFor(env, cloud, `${ctx.config.chart}/values.yaml`, envsRel);
  const parsed = await Promise.all(layers.map((f) => loadValuesFile(join(ctx.root, f), f)));
  const broken = parsed.flatMap((p) => (p.doc ? [] : p.findings));
  if (broken.length > 0) {
    for (const f of broken) ctx.out.print(formatFinding(f));
    return { exitCode: ExitCode.validation, data: { env: env.id, layers, findings: broken } };
  }
  const docs = parsed.map((p) => p.doc!);
  const merged = mergeLayers(layers.map((file, i) => ({ file, doc: docs[i]! })));
  const leaves = explainValues(merged.values, merged.provenance, docs, path);
  if (!leaves) {
    const near = existingPrefix(merged.values, path);
    throw usageError(`${env.id} has no value at ${formatPath(path)}`, near.length ? `the nearest existing path is ${formatPath(near)}` : 'run without a path to list every value');
  }
  const { c } = ctx.out;
  ctx.out.print(c.dim(`# ${env.id}: ${layers.join(' → ')}`));
  for (const v of leaves) {
    const overrides = v.overrides.length ? ` (overrides ${v.overrides.map(where).join(', ')})` : '';
    ctx.out.print(`${formatPath(v.path)} = ${JSON.stringify(v.value)}  ${c.dim(`# ${where(v.setAt)}${overrides}`)}`);
  }
  for (const f of merged.findings) ctx.out.warn(formatFinding(f));
  return { data: { env: env.id, layers, values: leaves.map((v) => ({ ...v, path: formatPath(v.path) })), findings: merged.findings } };
});
