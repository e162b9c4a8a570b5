// Stale state: Terraform state whose EKS cluster is gone must not block the apply (its Kubernetes and Helm resources
// cannot be refreshed, and `terraform init` cannot even start when their providers are gone from the config), and
// state is never lost on a transient error. Only EKS's ResourceNotFoundException means "gone"; throttling, access
// errors and outages fail the step instead. Before the state changes, a copy is kept next to it in the bucket; then
// only the cluster-bound resources are forgotten, as `terraform state rm` would (lineage kept, serial + 1), written
// with If-Match on the ETag that was read and never while a lock file is held. The VPC, database and IAM stay tracked
// (the predecessor deleted the whole state object: stack-ephemeral W3). Needs S3-native locking (use_lockfile).
import type { Aws } from '../aws/index.js';
import { isAwsNotFound } from '../aws/index.js';
import { JetscaleError } from '../core/errors.js';
import type { DeployContext } from './deploy-context.js';
import { backupKey, clusterBoundAddresses, pruneState, stateSerial } from './state-prune.js';
import { describeHolder, parseLockTime } from './tf-failure.js';

/** What the step found and did. */
export type StaleStateOutcome =
  | { action: 'skipped'; why: string }
  | { action: 'kept'; why: string }
  | { action: 'pruned'; backup: string; addresses: string[]; recorded: boolean };

/** `present` (with EKS's status) or `gone`; any error but ResourceNotFoundException is rethrown. */
export async function probeCluster(aws: Aws, name: string): Promise<{ present: true; status: string } | { present: false }> {
  try {
    return { present: true, status: (await aws.eks.describeCluster(name)).status };
  } catch (error) {
    if (isAwsNotFound(error) && error.awsCode === 'ResourceNotFoundException') return { present: false };
    throw error;
  }
}

/** An object's text and ETag, or undefined when the key does not exist. */
async function readObject(aws: Aws, bucket: string, key: string): Promise<{ text: string; etag: string | undefined } | undefined> {
  try {
    const o = await aws.s3.getObjectText({ bucket, key });
    return { text: o.text, etag: o.etag };
  } catch (error) {
    if (isAwsNotFound(error) && (error.awsCode === 'NoSuchKey' || error.awsCode === 'NotFound')) return undefined;
    throw error;
  }
}

/** The stale-state step: back up and prune cluster-bound resources when (and only when) the cluster is gone. */
export async function reconcileStaleState(d: DeployContext): Promise<StaleStateOutcome> {
  const s = d.settings;
  if (!s.iacDir || !s.stateBucket) return { action: 'skipped', why: 'no IaC directory or state bucket is configured (terraform.iacDir, terraform.stateBucket)' };
  const aws = await d.aws();
  const cluster = await probeCluster(aws, d.id.cluster);
  if (cluster.present) return { action: 'kept', why: `EKS cluster ${d.id.cluster} exists (${cluster.status}); the state is current` };
  const state = await readObject(aws, s.stateBucket, s.stateKey);
  if (!state) return { action: 'kept', why: `EKS cluster ${d.id.cluster} does not exist and there is no state yet: a fresh environment` };
  const addresses = clusterBoundAddresses(state.text, d.ctx.config.terraform.clusterProviders);
  if (addresses.length === 0) return { action: 'kept', why: `EKS cluster ${d.id.cluster} is gone, and the state has nothing that needs it` };
  const lock = await readObject(aws, s.stateBucket, `${s.stateKey}.tflock`);
  if (lock) {
    const info = JSON.parse(lock.text || '{}') as { ID?: string; Who?: string; Operation?: string; Created?: string };
    const created = info.Created ? parseLockTime(info.Created) : undefined;
    const held = describeHolder(info.ID ? { id: info.ID, ...(info.Who ? { who: info.Who } : {}), ...(info.Operation ? { operation: info.Operation } : {}), ...(created ? { created } : {}) } : undefined, d.ctx.now());
    throw new JetscaleError(`the stale state cannot be pruned while it is locked: ${held}`, { code: 'E_TF_LOCKED', hint: 'wait for that run to finish, then re-run; the state was not changed' });
  }
  const backup = backupKey(s.stateKey, d.ctx.now(), stateSerial(state.text));
  const copied = await aws.s3.copyObject({ bucket: s.stateBucket, key: s.stateKey }, { bucket: s.stateBucket, key: backup });
  const written = await aws.s3.putObject({ bucket: s.stateBucket, key: s.stateKey, body: pruneState(state.text, addresses), contentType: 'application/json', ...(state.etag ? { ifMatch: state.etag } : {}) });
  return { action: 'pruned', backup: `s3://${s.stateBucket}/${backup}`, addresses, recorded: copied.skipped || written.skipped };
}
