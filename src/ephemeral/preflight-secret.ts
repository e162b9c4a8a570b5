// The secret contract's AWS half (seeds 004): `<env>-ephemeral/application/aws/client` must exist, not be scheduled
// for deletion (it is restored, and the run says so), and hold JSON with the three client keys. A missing secret is
// created with the documented default payload (or AWS_CLIENT_SECRET_JSON); an existing value is never replaced,
// because humans own values. Key names are reported, values never.
import { isAwsNotFound } from '../aws/index.js';
import type { DeployContext } from './deploy-context.js';

/** Keys the backend reads from the client secret. */
export const CLIENT_SECRET_KEYS = ['JETSCALE_CLIENT_AWS_REGION', 'JETSCALE_CLIENT_AWS_ROLE_ARN', 'JETSCALE_CLIENT_AWS_ROLE_EXTERNAL_ID'] as const;
/** An override of the default payload (a whole JSON document, treated as a secret). */
export const CLIENT_SECRET_ENV = 'AWS_CLIENT_SECRET_JSON';

/** One preflight check's answer: ok, or why not; `changed` names what the check created or repaired. */
export interface CheckResult {
  check: string;
  ok: boolean;
  message: string;
  changed?: string;
}

/** The default payload: the region, the environment's client-discovery role, no external id. */
export function defaultClientSecret(envId: string, account: string, region: string): string {
  return JSON.stringify({
    JETSCALE_CLIENT_AWS_REGION: region,
    JETSCALE_CLIENT_AWS_ROLE_ARN: `arn:aws:iam::${account}:role/${envId}-ephemeral-client-discovery-role`,
    JETSCALE_CLIENT_AWS_ROLE_EXTERNAL_ID: '',
  });
}

/** Problems with a payload: not a JSON object, or required keys missing / not strings (names only). */
export function payloadProblems(text: string): string[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return ['the value is not JSON'];
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return ['the value is not a JSON object'];
  const missing = CLIENT_SECRET_KEYS.filter((k) => typeof (doc as Record<string, unknown>)[k] !== 'string');
  return missing.length ? [`missing key(s) ${missing.join(', ')}`] : [];
}

/** Ensures the client secret exists, is not scheduled for deletion and holds the required keys. */
export async function checkClientSecret(d: DeployContext): Promise<CheckResult> {
  const check = 'client secret';
  const id = d.settings.clientSecretId;
  const aws = await d.aws();
  const override = d.ctx.env.get(CLIENT_SECRET_ENV);
  if (override) d.ctx.secrets.add(override);
  let info;
  try {
    info = await aws.secretsManager.describeSecret(id);
  } catch (error) {
    if (!(isAwsNotFound(error) && error.awsCode === 'ResourceNotFoundException')) throw error;
    const payload = override || defaultClientSecret(d.id.envId, d.caller?.account ?? '', d.caller?.region ?? '');
    const problems = payloadProblems(payload);
    if (problems.length) return { check, ok: false, message: `${id} does not exist, and ${CLIENT_SECRET_ENV} cannot create it: ${problems.join('; ')}` };
    const tags = { [d.ctx.config.tags.envId]: d.id.envId, [d.ctx.config.tags.clusterId]: d.id.envId, [d.ctx.config.tags.lifecycle]: 'ephemeral' };
    await aws.secretsManager.createSecret({ name: id, value: payload, description: `Ephemeral AWS client discovery config (ESO -> ${d.id.release}-aws-client-secret)`, tags });
    const did = d.ctx.dryRun ? 'would be created' : 'created';
    return { check, ok: true, message: `${id} ${did} with ${override ? CLIENT_SECRET_ENV : 'the default payload'}`, changed: `${d.ctx.dryRun ? 'would create' : 'created'} Secrets Manager secret ${id}` };
  }
  let changed: string | undefined;
  if (info.deletedAt) {
    const restored = await aws.secretsManager.restoreSecret(id);
    changed = `restored Secrets Manager secret ${id}, which was scheduled for deletion (${info.deletedAt.toISOString()})`;
    if (restored.skipped) return { check, ok: true, message: `${id} is scheduled for deletion and would be restored`, changed };
  }
  const value = (await aws.secretsManager.getSecretValue(id)).value;
  const problems = payloadProblems(value);
  if (problems.length) return { check, ok: false, message: `${id}: ${problems.join('; ')}`, ...(changed ? { changed } : {}) };
  return { check, ok: true, message: `${id} has ${CLIENT_SECRET_KEYS.length} required keys`, ...(changed ? { changed } : {}) };
}
