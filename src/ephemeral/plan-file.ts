// Reading a plan written by `--plan-out` back for `--apply --plan`: it must parse, its hash must match its
// content, it must be for this account, region and environment, and it must not have expired. Anything else
// refuses the run before a single delete (exit 2). The hash catches corruption and hand edits; it is not a
// signature, which is why apply still deletes only what it re-discovers and re-judges now (plan ∩ still-matching).
import * as z from 'zod';
import { JetscaleError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { planHash, type Plan, type PlanIdentity } from './cleanup-plan.js';
import type { PlanResource, TagKeys } from './resources.js';

const Resource = z.object({
  id: z.string().min(1),
  type: z.enum(['eks:nodegroup', 'eks:cluster', 'elbv2:loadbalancer', 'elbv2:targetgroup', 'secretsmanager:secret', 's3:object', 'other']),
  name: z.string(),
  tags: z.record(z.string(), z.string()),
  foundBy: z.array(z.string()),
  vpcId: z.string().optional(),
  cluster: z.string().optional(),
  status: z.string().optional(),
  usedBy: z.array(z.string()).optional(),
  createdAt: z.string().optional(),
  signals: z.array(z.enum(['env-tag', 'controller-tag', 'name', 'member', 'state-bucket'])),
  action: z.enum(['delete', 'suspect', 'refused', 'unsupported']),
  reason: z.string(),
});

const PlanSchema = z.object({
  version: z.literal(1),
  identity: z.object({ account: z.string(), callerArn: z.string(), region: z.string(), env: z.string() }),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  toolVersion: z.string(),
  resources: z.array(Resource),
  edges: z.array(z.object({ before: z.string(), after: z.string() })),
  blocked: z.record(z.string(), z.string()),
  refusal: z.string().optional(),
  hash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256:<64 hex digits>'),
});

function refused(file: string, why: string, hint: string): JetscaleError {
  return new JetscaleError(`refusing the plan ${file}: ${why}; nothing was deleted`, { code: 'E_PLAN_REFUSED', exitCode: ExitCode.usage, hint });
}

const REPLAN = 'write a fresh plan with `jetscale ephemeral:destroy <env> --plan-out plan.json` and apply that';

/** Parses and checks a plan file's text for this identity at `now`; throws E_PLAN_REFUSED naming the first problem. */
export function readPlanFile(text: string, file: string, expect: PlanIdentity, now: Date): Plan {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw refused(file, `it is not JSON (${(error as Error).message})`, REPLAN);
  }
  const parsed = PlanSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw refused(file, `it is not a jetscale cleanup plan (${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'})`, REPLAN);
  }
  const plan = parsed.data as Plan;
  // The hash is taken over the file as written, so a field the schema does not know still counts as a change.
  if (planHash(raw as Record<string, unknown>) !== plan.hash) throw refused(file, 'its content does not match its hash (it was edited or corrupted)', REPLAN);
  for (const key of ['account', 'region', 'env'] as const) {
    if (plan.identity[key] !== expect[key]) throw refused(file, `it was made for ${key} ${plan.identity[key]}, this run is in ${expect[key]}`, `apply it with the same ${key}, or ${REPLAN}`);
  }
  if (now.getTime() >= Date.parse(plan.expiresAt)) throw refused(file, `it expired at ${plan.expiresAt}`, REPLAN);
  return plan;
}

/**
 * Whether a resource judged now still matches its planned node: in the plan as a delete, the same type, and the
 * same ownership tags (a tag changed since the plan means the plan no longer describes it).
 */
export function matchesPlanned(now: PlanResource, planned: ReadonlyMap<string, PlanResource>, keys: TagKeys): string | undefined {
  const p = planned.get(now.id);
  if (!p || p.action !== 'delete') return 'not in the plan as a delete';
  if (p.type !== now.type) return `planned as ${p.type}, now ${now.type}`;
  for (const key of [keys.envId, keys.clusterId, keys.controllerCluster, keys.protected, keys.lifecycle]) {
    if (p.tags[key] !== now.tags[key]) return `tag ${key} changed since the plan (${p.tags[key] ?? 'unset'} → ${now.tags[key] ?? 'unset'})`;
  }
  return undefined;
}
