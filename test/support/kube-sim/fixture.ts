// Fixture format (objects + scripted behaviours + access rules), validated with zod; loads YAML or JSON files.
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { resolveKind } from './resources.js';

const after = z.union([z.number().int().min(0), z.literal('never')]);
const where = { namespace: z.string().min(1), name: z.string().min(1) };

const kubeObject = z.looseObject({
  apiVersion: z.string().min(1),
  kind: z.string().min(1),
  metadata: z.looseObject({
    name: z.string().min(1),
    namespace: z.string().min(1).optional(),
    labels: z.record(z.string(), z.string()).optional(),
  }),
});

const behaviour = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('deploymentAvailable'), ...where, after }),
  z.strictObject({ type: z.literal('ingressHostname'), ...where, hostname: z.string().min(1), after }),
  z.strictObject({
    type: z.literal('externalSecret'), ...where, ready: z.boolean(), reason: z.string().optional(), message: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal('crashLoop'), ...where, container: z.string().optional(), restartCount: z.number().int().min(0).optional(),
    exitCode: z.number().int().optional(), logs: z.string().optional(), previousLogs: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal('rollout'), namespace: z.string().min(1), name: z.string().min(1).optional(),
    stepMs: z.number().int().min(0).optional(), stuck: z.boolean().optional(),
  }),
  z.strictObject({
    type: z.literal('podLogs'), ...where, container: z.string().optional(), logs: z.string(), previousLogs: z.string().optional(),
  }),
]);

const accessRule = z.strictObject({
  verb: z.string().optional(), resource: z.string().optional(), group: z.string().optional(), namespace: z.string().optional(),
  name: z.string().optional(), subresource: z.string().optional(), allowed: z.boolean(), reason: z.string().optional(),
});

/** The fixture schema; unknown top-level keys are errors so typos do not pass silently. */
export const kubeFixtureSchema = z.strictObject({
  objects: z.array(kubeObject).default([]),
  behaviours: z.array(behaviour).default([]),
  access: z.array(accessRule).default([]),
}).superRefine((f, ctx) => {
  f.objects.forEach((o, i) => {
    const d = resolveKind(o.kind, o.apiVersion);
    if (!d || d.kind !== o.kind || d.virtual) {
      ctx.addIssue({ code: 'custom', path: ['objects', i, 'kind'], message: `unknown kind ${o.kind} (apiVersion ${o.apiVersion}); kube-sim serves no such resource` });
    } else if (d.namespaced && !o.metadata.namespace) {
      ctx.addIssue({ code: 'custom', path: ['objects', i, 'metadata', 'namespace'], message: `${o.kind} ${o.metadata.name} is namespaced and needs metadata.namespace` });
    }
  });
});

/** A fixture as a test writes it (defaults optional). */
export type KubeFixture = z.input<typeof kubeFixtureSchema>;
/** A validated fixture. */
export type ParsedFixture = z.output<typeof kubeFixtureSchema>;
/** One scripted behaviour. */
export type Behaviour = ParsedFixture['behaviours'][number];

/** Validates a fixture object; the error names the file and every bad path. */
export function parseFixture(input: unknown, source = 'fixture'): ParsedFixture {
  const r = kubeFixtureSchema.safeParse(input);
  if (!r.success) throw new Error(`kube-sim: invalid ${source}:\n${z.prettifyError(r.error)}`);
  return r.data;
}

/** Reads a YAML or JSON fixture file (JSON is YAML, so one parser serves both). */
export async function loadFixture(path: string): Promise<ParsedFixture> {
  let data: unknown;
  try {
    data = parseYaml(await readFile(path, 'utf8'));
  } catch (err) {
    throw new Error(`kube-sim: cannot read fixture ${path}: ${(err as Error).message}`);
  }
  return parseFixture(data ?? {}, `fixture ${path}`);
}
