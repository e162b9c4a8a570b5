// Terraform first when it can work, with the real terraform binary (tofu falls back to it) keeping its state in
// the simulator's S3: state object + ACTIVE cluster → init + destroy before the sweep; a failed destroy is
// reported and the sweep runs anyway; --dry-run records the destroy and sends no write.
import { execFile, spawnSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAwsSim, type AwsSim } from '../support/aws-sim/index.js';
import { CLEANUP_CONFIG, cli, repoPerFile, stateBytes, writeRequests } from './support/cli.js';
import { ACCOUNT, STATE_BUCKET, account } from './fixtures.js';
import { s3BackendBlock } from '../support/aws-sim/terraform-backend.js';

const terraformFound = spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;
if (!terraformFound) console.warn('[ephemeral] skipping the terraform destroy tests: `terraform` is not on PATH');

const repos = repoPerFile();
let sim: AwsSim | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

const MAIN_TF = (extra = '') => `${s3BackendBlock()}
variable "env_id" {
  type = string
}

resource "terraform_data" "env" {
  input = var.env_id
}
${extra}`;

/** A repo with an IaC directory whose state for pr-7 lives in the simulator (created by a real `terraform apply`). */
async function deployed(s: AwsSim, extraTf = ''): Promise<{ dir: string; iac: string; env: Record<string, string> }> {
  const dir = await repos.make(CLEANUP_CONFIG(ACCOUNT));
  const iac = join(dir, 'iac');
  await mkdir(iac);
  await writeFile(join(iac, 'main.tf'), MAIN_TF());
  const env = { ...s.env(), PATH: process.env.PATH ?? '', HOME: dir, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
  // Asynchronously: the simulator answering terraform's S3 calls runs in this process.
  const tf = (args: string[]) => new Promise<{ status: number; stderr: string }>((resolve) => {
    execFile('terraform', [`-chdir=${iac}`, ...args, '-no-color'], { env }, (error, _stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) : 0, stderr }));
  });
  const init = await tf(['init', '-input=false', `-backend-config=bucket=${STATE_BUCKET}`, '-backend-config=key=ephemeral/pr-7/terraform.tfstate', '-backend-config=region=us-east-1']);
  expect(init.status, init.stderr).toBe(0);
  const apply = await tf(['apply', '-auto-approve', '-input=false', '-var', 'env_id=pr-7']);
  expect(apply.status, apply.stderr).toBe(0);
  // The destroy must work from the repo as checked out: no local .terraform, variables only from jetscale.
  await rm(join(iac, '.terraform'), { recursive: true, force: true });
  if (extraTf) await writeFile(join(iac, 'main.tf'), MAIN_TF(extraTf));
  return { dir, iac, env };
}

function cleanPr7() {
  const f = account({ pr7State: 'none' });
  f.elbv2!.targetGroups = f.elbv2!.targetGroups!.filter((t) => t.name !== 'k8s-pr7-stray');
  f.elbv2!.loadBalancers = f.elbv2!.loadBalancers!.filter((l) => l.name !== 'jetscale-prod-public');
  f.secretsManager!.secrets = f.secretsManager!.secrets!.filter((x) => !['pr-7-ephemeral/untagged', 'pr-7-ephemeral/keep'].includes(x.name));
  return f;
}

interface Doc {
  data: { terraform: { ran: boolean; ok?: boolean; detail?: string }; residue?: Array<{ name: string; kind: string }> };
  transcript: Array<{ channel: string; operation: string; effect: string; status: string; command: string }>;
}

describe.skipIf(!terraformFound)('ephemeral:destroy runs terraform first', () => {
  it('when the state object exists and the cluster is ACTIVE: init + destroy, then the sweep and the empty state go', async () => {
    sim = await startAwsSim({ fixture: cleanPr7(), deletingReads: 1 });
    const { dir, iac, env } = await deployed(sim);
    sim.clearRequests();
    const r = await cli(sim, dir, ['ephemeral:destroy', 'pr-7', '--apply', '--iac-dir', iac, '--json'], env);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.data.terraform).toMatchObject({ ran: true, ok: true, detail: 'terraform destroy removed 1 resource(s)' });
    expect(doc.transcript.filter((t) => t.channel === 'process' && t.operation !== 'terraform version').map((t) => [t.operation, t.effect, t.status])).toEqual([
      ['terraform init', 'read', 'ran'],
      ['terraform destroy', 'destroy', 'ran'],
    ]);
    expect(doc.transcript.find((t) => t.operation === 'terraform destroy')?.command).toMatch(/destroy -json -input=false -auto-approve -lock-timeout=5m$/);
    // Terraform wrote the emptied state before the sweep's first delete; the empty state was deleted last.
    const ops = sim.requests.map((q) => `${q.service}:${q.operation}`);
    expect(ops.lastIndexOf('s3:PutObject')).toBeLessThan(ops.indexOf('eks:DeleteNodegroup'));
    expect(ops).toContain('s3:DeleteObject');
    expect(sim.list('s3:object').map((o) => o.key)).not.toContain('ephemeral/pr-7/terraform.tfstate');
    expect(sim.list('eks:cluster').map((c) => c.name)).toEqual(['pr-70', 'jetscale-prod']);
    expect(r.code).toBe(0);
  });

  it('a failed terraform destroy is reported and the sweep still runs; the state that still tracks resources stays', async () => {
    sim = await startAwsSim({ fixture: cleanPr7(), deletingReads: 1 });
    // A required variable jetscale does not set: destroy fails at once with -input=false.
    const { dir, iac, env } = await deployed(sim, 'variable "not_set_by_anyone" {\n  type = string\n}\n');
    const r = await cli(sim, dir, ['ephemeral:destroy', 'pr-7', '--apply', '--iac-dir', iac, '--json'], env);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.data.terraform).toMatchObject({ ran: true, ok: false, detail: expect.stringContaining('No value for required variable') });
    expect(sim.list('eks:cluster').map((c) => c.name)).toEqual(['pr-70', 'jetscale-prod']);
    expect(doc.data.residue).toEqual([expect.objectContaining({ name: 'ephemeral/pr-7/terraform.tfstate', kind: 'state-not-empty' })]);
    expect(r.code).toBe(6);
  });

  it('under --dry-run runs init (a read), records the destroy and every delete, and writes nothing', async () => {
    sim = await startAwsSim({ fixture: cleanPr7(), deletingReads: 1 });
    const { dir, iac, env } = await deployed(sim);
    const before = await stateBytes(sim);
    sim.clearRequests();
    const r = await cli(sim, dir, ['ephemeral:destroy', 'pr-7', '--apply', '--dry-run', '--iac-dir', iac, '--json'], env);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.transcript.filter((t) => t.operation === 'terraform destroy').map((t) => t.status)).toEqual(['recorded']);
    expect(writeRequests(sim)).toEqual([]);
    expect(await stateBytes(sim)).toBe(before);
  });
});
