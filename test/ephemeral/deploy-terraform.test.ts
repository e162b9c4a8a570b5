// ephemeral:deploy's Terraform half against real terraform with its S3 backend in aws-sim: stale state whose cluster is
// gone is backed up and pruned (and never touched on a transient error), a held state lock is waited for and
// retried, a lock held past the deadline fails naming its holder (released only by --force-unlock when old enough),
// the ALB controller's webhook not ready is waited out, and --dry-run sends no write to either simulator.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { simClients } from '../support/aws-sim/sdk-clients.js';
import { awsFixture, BUCKET, CLIENT_SECRET, ENV, kubeFixture, makeWorld, stateOf, STATE_KEY, TERRAFORM_MISSING, type World } from './deploy-support/world.js';
import { skipReason } from './deploy-support/skip.js';

const SKIP = skipReason() || (TERRAFORM_MISSING ? 'terraform is not on PATH' : '');
if (SKIP) console.warn(`ephemeral:deploy terraform tests skipped: ${SKIP}`);

const LOCK = `${STATE_KEY}.tflock`;
const LOCK_ID = '3f2b7c1e-0000-4000-8000-00000000a7e5';
const lockBody = (created: Date) => ({ ID: LOCK_ID, Operation: 'OperationTypeApply', Info: '', Who: 'ci@runner-42', Version: '1.11.4', Created: created.toISOString(), Path: `${BUCKET}/${STATE_KEY}` });
/** A state written by an earlier deploy: the cluster stand-in, and a namespace managed by the Kubernetes provider. */
const STALE_STATE = {
  version: 4, terraform_version: '1.11.4', serial: 7, lineage: '0b5b8a4e-0000-4000-8000-000000000007', outputs: {}, check_results: null,
  resources: [
    { mode: 'managed', type: 'terraform_data', name: 'cluster', provider: 'provider["terraform.io/builtin/terraform"]', instances: [{ schema_version: 0, attributes: { id: 'c0ffee00-0000-4000-8000-000000000001', input: { value: ENV, type: 'string' }, output: { value: ENV, type: 'string' }, triggers_replace: null }, sensitive_attributes: [] }] },
    { mode: 'managed', type: 'kubernetes_namespace', name: 'this', provider: 'provider["registry.terraform.io/hashicorp/kubernetes"]', instances: [{ schema_version: 0, attributes: { id: ENV }, sensitive_attributes: [] }] },
  ],
};

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const writes = (world: World) => world.aws.requests.filter((q) => !/^(Describe|List|Get|Head)/.test(q.operation));

describe.skipIf(SKIP !== '')('ephemeral:deploy and terraform', () => {
  it('--dry-run runs every step with reads only and lists each write that would have happened, in order', async () => {
    w = await makeWorld({ iac: true, aws: awsFixture({ clientSecret: false }) });
    const r = await w.run(['--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(writes(w)).toEqual([]);
    expect(w.kube.requests.filter((q) => !['get', 'list', 'watch'].includes(q.verb) && q.resource !== 'selfsubjectaccessreviews')).toEqual([]);
    expect(w.aws.list('s3:object')).toEqual([]);
    expect(w.kube.list('Namespace').map((n) => n.metadata.name)).not.toContain(ENV);
    const recorded = r.json().transcript.filter((t) => t.status === 'recorded').map((t) => `${t.channel} ${t.operation}`);
    const order = ['process terraform apply', 'kube create namespaces', 'aws secretsmanager:CreateSecret', 'kube create secrets', 'file write-values', 'process helm upgrade'];
    const at = order.map((o) => recorded.findIndex((x) => x.startsWith(o)));
    expect(at.every((i) => i >= 0), recorded.join('\n')).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at.slice(0, 2).concat([...at.slice(2, 4)].sort((a, b) => a - b), at.slice(4)));
    // The plan ran (a read, without taking the lock) and said what apply would do.
    expect(r.json().data?.results.terraform).toMatchObject({ action: 'planned', summary: { add: 1 } });
    expect(w.aws.requests.filter((q) => q.params.Key === LOCK)).toEqual([]);
  });

  it('state whose EKS cluster is gone is backed up, its cluster-bound resources are dropped, and the apply goes through', async () => {
    w = await makeWorld({ iac: true, aws: awsFixture({ cluster: false, stateObjects: { [STATE_KEY]: STALE_STATE } }) });
    const r = await w.run([]);
    expect(r.code, r.stderr).toBe(0);
    const objects = w.aws.list('s3:object');
    const backup = objects.find((o) => o.key.startsWith(`${STATE_KEY}.backups/`) && o.key.endsWith('-serial-7.tfstate'));
    expect(JSON.parse(backup?.body ?? '{}')).toEqual(STALE_STATE);
    expect(stateOf(w.aws)?.resources.map((x) => `${x.type}.${x.name}`)).toEqual(['terraform_data.cluster']);
    const ops = w.aws.requests.map((q) => `${q.operation} ${String(q.params.Key ?? '')}`);
    expect(ops.indexOf(`CopyObject ${backup?.key}`)).toBeLessThan(ops.indexOf(`PutObject ${STATE_KEY}`));
    expect(r.json().data?.results.staleState).toMatchObject({ action: 'pruned', addresses: ['kubernetes_namespace.this'] });
  });

  it('(control) the same state with the cluster still there is kept, and terraform cannot run with it', async () => {
    w = await makeWorld({ iac: true, aws: awsFixture({ stateObjects: { [STATE_KEY]: STALE_STATE } }) });
    const r = await w.run([]);
    expect(r.code).toBe(1);
    expect(r.json().error?.tail ?? '').toContain('hashicorp/kubernetes');
    expect(w.aws.list('s3:object').map((o) => o.key)).toEqual([STATE_KEY]);
  });

  it('after lost state, a resource listed in ephemeral.adopt is found by its tags and imported, not created again', async () => {
    const adopt = [{ address: 'terraform_data.cluster', resourceType: 'eks:cluster', importId: 'name' }];
    w = await makeWorld({ iac: true, config: { ephemeral: { helmTimeoutSeconds: 60, health: { intervalMs: 40, passes: 2, deadlineSeconds: 4, requestTimeoutMs: 2000 }, adopt } } });
    const r = await w.run([]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().data?.results.adopt).toEqual([{ address: 'terraform_data.cluster', id: ENV }]);
    expect((r.json().data?.results.terraform as { summary?: unknown }).summary).toMatchObject({ import: 1, add: 0 });
    // The imported object keeps the id of the existing resource (the EKS cluster's name).
    expect(stateOf(w.aws)?.resources.map((x) => [x.type, x.name, x.instances[0]?.attributes.id])).toEqual([['terraform_data', 'cluster', ENV]]);
    expect(await readFile(join(w.root, 'iac', 'jetscale_imports.tf'), 'utf8')).toContain(`import {\n  to = terraform_data.cluster\n  id = "${ENV}"\n}`);
    // Once in state, the next run has nothing to adopt.
    const again = await w.run([]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.json().data?.results.adopt).toEqual([]);
  });

  it('a transient EKS error never counts as "gone": the step fails and the state is untouched', async () => {
    w = await makeWorld({ iac: true, aws: awsFixture({ cluster: false, stateObjects: { [STATE_KEY]: STALE_STATE } }) });
    w.aws.fault('eks:DescribeCluster', { status: 503, times: 50 });
    const r = await w.run([]);
    expect(r.code).toBe(1);
    expect(r.json().error?.code).toBe('E_AWS_RETRIES_EXHAUSTED');
    expect(r.json().data).toBeUndefined();
    expect(JSON.parse(w.aws.list('s3:object').find((o) => o.key === STATE_KEY)?.body ?? '{}')).toEqual(STALE_STATE);
    expect(w.aws.requests.map((q) => q.operation)).not.toContain('CopyObject');
    expect(w.aws.list('s3:object').map((o) => o.key)).toEqual([STATE_KEY]);
  });

  it('a state lock that clears is waited for and the apply retried: exit 0', async () => {
    w = await makeWorld({ iac: true, aws: awsFixture({ stateObjects: { [LOCK]: lockBody(new Date()) } }), config: { terraform: { stateBucket: BUCKET, iacDir: 'iac', lockTimeoutSeconds: 1, retryDelaySeconds: 1, applyAttempts: 3 } } });
    const world = w;
    const s3 = simClients(world.aws).s3;
    // The other run finishes a moment after our first attempt gave up on the lock.
    const release = (async () => {
      const until = Date.now() + 30_000;
      while (!world.aws.requests.some((q) => q.params.Key === LOCK && q.status === 412) && Date.now() < until) await new Promise((t) => setTimeout(t, 20));
      await new Promise((t) => setTimeout(t, 1300));
      await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: LOCK }));
    })();
    const r = await world.run([]);
    await release;
    s3.destroy();
    expect(r.code, r.stderr).toBe(0);
    const tf = r.json().data?.steps.find((s) => s.name === 'terraform');
    expect(tf?.attempts).toBeGreaterThanOrEqual(2);
    expect(r.json().events?.some((e) => e.code === 'STEP_RETRY' && e.step === 'terraform' && e.message.includes(LOCK_ID))).toBe(true);
    expect(stateOf(world.aws)?.resources.map((x) => x.type)).toEqual(['terraform_data']);
  });

  it('a lock held past the deadline fails naming its holder; --force-unlock refuses a young lock and releases an old one', async () => {
    w = await makeWorld({ iac: true, aws: awsFixture({ stateObjects: { [LOCK]: lockBody(new Date(Date.now() - 5 * 60_000)) } }) });
    const held = await w.run(['--force-unlock']);
    expect(held.code).toBe(1);
    const err = held.json().error;
    expect(err?.code).toBe('E_TF_LOCKED');
    expect(err?.message).toMatch(new RegExp(`lock ${LOCK_ID} held by ci@runner-42 \\(OperationTypeApply\\) since .* \\(5 min ago\\)`));
    expect(err?.message).toContain('--force-unlock refused: the lock is 5 min old');
    expect(held.json().data).toBeUndefined();
    expect(w.aws.list('s3:object').map((o) => o.key)).toEqual([LOCK]);
    expect(w.kube.list('Secret', ENV).filter((s) => s.type === 'helm.sh/release.v1')).toEqual([]);

    await w.close();
    w = await makeWorld({ iac: true, aws: awsFixture({ stateObjects: { [LOCK]: lockBody(new Date('2026-01-01T00:00:00Z')) } }) });
    const released = await w.run(['--force-unlock']);
    expect(released.code, released.stderr).toBe(0);
    expect(released.json().events?.some((e) => e.message.includes(`--force-unlock: releasing lock ${LOCK_ID} held by ci@runner-42`))).toBe(true);
    expect(w.aws.list('s3:object').map((o) => o.key)).toEqual([STATE_KEY]);
    expect(released.json().transcript.filter((t) => t.operation === 'terraform force-unlock').map((t) => t.command)).toEqual([expect.stringContaining(`force-unlock -force ${LOCK_ID}`)]);
  });

  it('the ALB controller webhook not ready: waits for its Deployment, then one retry succeeds', async () => {
    const marker = 'webhook-tried';
    const webhook = `
resource "terraform_data" "ingress_class" {
  input = var.env_id
  provisioner "local-exec" {
    command = "if [ -f ${marker} ]; then exit 0; fi; touch ${marker}; echo 'Internal error occurred: failed calling webhook \\"mservice.elbv2.k8s.aws\\": failed to call webhook: Post \\"https://aws-load-balancer-webhook-service.kube-system.svc:443/mutate-v1-service?timeout=10s\\": no endpoints available for service \\"aws-load-balancer-webhook-service\\"' >&2; exit 1"
  }
}
`;
    const kube = kubeFixture();
    w = await makeWorld({ iac: true, iacExtra: webhook, kube });
    w.kube.deploymentAvailableAfter('kube-system', 'aws-load-balancer-controller', 2);
    const r = await w.run([]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().data?.steps.find((s) => s.name === 'terraform')?.attempts).toBe(2);
    expect(r.json().events?.some((e) => e.step === 'terraform' && e.message.includes('waiting for Deployment kube-system/aws-load-balancer-controller'))).toBe(true);
    expect(w.kube.requests.filter((q) => q.verb === 'get' && q.name === 'aws-load-balancer-controller').length).toBeGreaterThanOrEqual(3);
    expect(stateOf(w.aws)?.resources.map((x) => `${x.type}.${x.name}`).sort()).toEqual(['terraform_data.cluster', 'terraform_data.ingress_class']);
    expect(w.aws.list('secretsmanager:secret').map((s) => s.name)).toEqual([CLIENT_SECRET]);
  });
});
