// Real terraform (1.11) keeps its state in the simulator's S3: init/apply/destroy, the lock file, and lock contention.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAwsSim, type AwsSim, type AwsFixture } from './index.js';
import { s3BackendBlock } from './terraform-backend.js';

const terraform = process.env.PATH?.split(delimiter).map((d) => join(d, 'terraform')).find((p) => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
});
if (!terraform) console.warn('[aws-sim] skipping the terraform S3 backend tests: `terraform` is not on PATH');

const BUCKET = 'jetscale-tfstate';
const KEY = 'pr-7/terraform.tfstate';
const LOCK = `${KEY}.tflock`;

let sim: AwsSim | undefined;
let work: string | undefined;
afterEach(async () => {
  await sim?.stop();
  if (work) await rm(work, { recursive: true, force: true });
  sim = undefined;
  work = undefined;
});

// A terraform_data configuration with the S3 backend pointed at the simulator; `gate` makes apply wait for a file.
function config(url: string, gate?: string): string {
  // Bounded (30 s) so a failed test can never leave the loop running.
  const wait = `i=0; while [ ! -f ${gate} ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done`;
  const provisioner = gate ? `\n  provisioner "local-exec" {\n    command = "${wait}"\n  }` : '';
  return `${s3BackendBlock({ bucket: BUCKET, key: KEY, region: 'us-east-1', url, lockfile: true })}
resource "terraform_data" "env" {
  input = "pr-7"${provisioner}
}
`;
}

interface TfRun {
  code: number | null;
  out: string;
}

// Offline and isolated: fake credentials, no checkpoint call, HOME in the work dir so no ~/.aws leaks in.
function tf(dir: string, args: string[]): { done: Promise<TfRun> } {
  const env = {
    PATH: process.env.PATH ?? '', HOME: dir, TF_CLI_CONFIG_FILE: process.env.TF_CLI_CONFIG_FILE ?? join(dir, 'none.tfrc'),
    CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0',
    AWS_ACCESS_KEY_ID: 'AKIAFAKESIMULATOR000', AWS_SECRET_ACCESS_KEY: 'fake-secret-for-the-simulator', AWS_EC2_METADATA_DISABLED: 'true',
  };
  const child = spawn(terraform ?? 'terraform', [...args, '-no-color'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return { done: new Promise((resolve) => child.on('close', (code) => resolve({ code, out }))) };
}

async function workspace(name: string, url: string, gate?: string): Promise<string> {
  work ??= await mkdtemp(join(tmpdir(), 'aws-sim-tf-'));
  const dir = join(work, name);
  await mkdir(dir);
  await writeFile(join(dir, 'main.tf'), config(url, gate));
  const init = await tf(dir, ['init', '-input=false']).done;
  expect(init.code, init.out).toBe(0);
  return dir;
}

async function boot(fixture: AwsFixture = { s3: { buckets: [{ name: BUCKET }] } }): Promise<AwsSim> {
  sim = await startAwsSim({ fixture });
  return sim;
}

const stateOf = (s: AwsSim) => {
  const o = s.list('s3:object').find((x) => x.key === KEY);
  return o ? (JSON.parse(o.body) as { serial: number; resources: { type: string; instances: { attributes: { input: { value: string } } }[] }[] }) : undefined;
};
const keys = (s: AwsSim) => s.list('s3:object').map((o) => o.key);

describe.skipIf(!terraform)('terraform S3 backend against the simulator', () => {
  it('init, apply and destroy keep the state in S3, taking the lock with If-None-Match and releasing it', async () => {
    const s = await boot();
    const dir = await workspace('a', s.url);
    expect(keys(s)).toEqual([]);
    s.clearRequests();
    const apply = await tf(dir, ['apply', '-auto-approve', '-input=false']).done;
    expect(apply.code, apply.out).toBe(0);
    expect(stateOf(s)?.resources.map((r) => [r.type, r.instances[0]?.attributes.input.value])).toEqual([['terraform_data', 'pr-7']]);
    expect(keys(s)).toEqual([KEY]);
    const ops = s.requests.map((r) => `${r.operation} ${String(r.params.Key ?? '')} ${r.status}`);
    const lockAt = ops.indexOf(`PutObject ${LOCK} 200`);
    expect(lockAt).toBeGreaterThanOrEqual(0);
    expect(s.requests[lockAt]?.params.IfNoneMatch).toBe('*');
    expect(ops.indexOf(`PutObject ${KEY} 200`)).toBeGreaterThan(lockAt);
    expect(ops.lastIndexOf(`DeleteObject ${LOCK} 204`)).toBeGreaterThan(ops.indexOf(`PutObject ${KEY} 200`));
    // Only "not there yet" answers may fail: anything else means terraform asked for something the simulator lacks.
    expect(s.requests.filter((r) => r.status >= 400 && r.errorCode !== 'NoSuchKey')).toEqual([]);

    const serial = stateOf(s)?.serial ?? 0;
    const destroy = await tf(dir, ['destroy', '-auto-approve', '-input=false']).done;
    expect(destroy.code, destroy.out).toBe(0);
    expect(stateOf(s)?.resources).toEqual([]);
    expect(stateOf(s)?.serial).toBeGreaterThan(serial);
    expect(keys(s)).toEqual([KEY]);
  });

  it('a second apply fails with Terraform\'s lock error while the first holds the lock file, then succeeds', async () => {
    const s = await boot();
    work = await mkdtemp(join(tmpdir(), 'aws-sim-tf-'));
    const gate = join(work, 'gate-open');
    const first = await workspace('first', s.url, gate);
    const second = await workspace('second', s.url);
    const running = tf(first, ['apply', '-auto-approve', '-input=false']);
    try {
      const deadline = Date.now() + 20_000;
      while (!keys(s).includes(LOCK) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      const held = s.list('s3:object').find((o) => o.key === LOCK);
      const lockId = (JSON.parse(held?.body ?? '{}') as { ID?: string }).ID;
      expect(lockId).toMatch(/^[0-9a-f-]{36}$/);

      const blocked = await tf(second, ['apply', '-auto-approve', '-input=false', '-lock-timeout=0s']).done;
      expect(blocked.code).toBe(1);
      expect(blocked.out).toContain('Error acquiring the state lock');
      expect(blocked.out).toContain(`ID:        ${lockId}`);
      expect(s.requests.filter((r) => r.operation === 'PutObject' && r.params.Key === LOCK).map((r) => [r.status, r.errorCode])).toEqual([[200, undefined], [412, 'PreconditionFailed']]);
      expect(stateOf(s)).toBeUndefined();
    } finally {
      // Release and wait for the first apply even when an assertion failed, so it never outlives the test.
      await writeFile(gate, '');
      await running.done;
    }
    const done = await running.done;
    expect(done.code, done.out).toBe(0);
    expect(keys(s)).toEqual([KEY]);
    const again = await tf(second, ['apply', '-auto-approve', '-input=false', '-lock-timeout=0s']).done;
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain('No changes.');
  });

  it('a lock file seeded by the fixture blocks plan until force-unlock deletes it', async () => {
    const lockId = '3f2b7c1e-0000-4000-8000-00000000a7e5';
    const s = await boot({ s3: { buckets: [{ name: BUCKET, objects: { [LOCK]: { ID: lockId, Operation: 'OperationTypeApply', Info: '', Who: 'ci@runner', Version: '1.11.4', Created: '2026-02-20T10:00:00Z', Path: `${BUCKET}/${KEY}` } } }] } });
    const dir = await workspace('a', s.url);
    const plan = await tf(dir, ['plan', '-input=false', '-lock-timeout=0s']).done;
    expect(plan.code).toBe(1);
    expect(plan.out).toContain('Error acquiring the state lock');
    expect(plan.out).toContain('ci@runner');
    const unlock = await tf(dir, ['force-unlock', '-force', lockId]).done;
    expect(unlock.code, unlock.out).toBe(0);
    expect(keys(s)).toEqual([]);
    expect(s.requests.at(-1)).toMatchObject({ operation: 'DeleteObject', params: { Key: LOCK }, status: 204 });
  });
});
