// The terraform adapter against the real terraform binary, offline, on a `terraform_data` configuration:
// init with backend config, plan / apply / destroy as -json streams, show / output / state list, structured
// diagnostics of a broken configuration, dry-run and read-only verdicts, and tofu falling back to terraform.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EffectRefusedError } from '../../src/core/effects.js';
import { CommandFailedError } from '../../src/exec/command-failed.js';
import { findExecutable } from '../../src/tools/locate.js';
import * as terraform from '../../src/tools/terraform.js';
import type { TfDiagnostic } from '../../src/tools/terraform.js';
import { createFakeTools } from '../support/fake-tools.js';
import { fakeTool, makeRun } from './harness.js';

const terraformPath = (await findExecutable('terraform', process.env)) ?? '';
if (!terraformPath) console.warn('terraform adapter tests skipped: no terraform on PATH');

const MAIN_TF = `
terraform {
  backend "local" {}
}
variable "name" {
  type = string
}
variable "token" {
  type      = string
  sensitive = true
}
resource "terraform_data" "env" {
  input = var.name
}
output "name" {
  value = terraform_data.env.output
}
output "token" {
  value     = var.token
  sensitive = true
}
`;
const TOKEN = 'tf-token-never-shown-42';

let work: string;
let dir: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'jetscale-tf-adapter-'));
  dir = join(work, 'iac');
  await mkdir(dir);
  await writeFile(join(dir, 'main.tf'), MAIN_TF);
});
afterAll(() => rm(work, { recursive: true, force: true }));

async function tf(o: Parameters<typeof makeRun>[0] = {}) {
  const run = makeRun({ ...o, env: { HOME: work, ...o.env } });
  return { ...run, tool: await run.finder.resolve('terraform') };
}
const vars = { vars: { name: 'pr-7' }, secretVars: { token: TOKEN } };

describe.skipIf(!terraformPath)('terraform adapter, real terraform', () => {
  it('version -json agrees with the version probe', async () => {
    const { exec, tool } = await tf();
    const v = await terraform.version(exec, tool);
    expect(v.version).toBe(tool.version);
    expect(v.platform).toMatch(/_/);
  });

  it('init passes backend config as -backend-config=key=value, non-interactively (a read)', async () => {
    const { exec, tool, gate } = await tf({ dryRun: true });
    const r = await terraform.init(exec, tool, { dir, backendConfig: { path: 'custom.tfstate' } });
    expect(r.stdout).toContain('Terraform has been successfully initialized');
    expect(gate.transcript.at(-1)).toMatchObject({ operation: 'terraform init', status: 'ran', command: `terraform -chdir=${dir} init -input=false -no-color -backend-config=path=custom.tfstate` });
  });

  it('plan runs under --dry-run and returns the planned changes; apply is recorded, not run', async () => {
    const { exec, tool, commands, text } = await tf({ dryRun: true });
    const plan = await terraform.plan(exec, tool, { dir, planFile: 'tf.plan', ...vars });
    expect(plan.planned).toEqual([{ address: 'terraform_data.env', action: 'create' }]);
    expect(plan.summary).toMatchObject({ add: 1, change: 0, remove: 0, operation: 'plan' });
    expect(plan.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(existsSync(join(dir, 'tf.plan'))).toBe(true);
    const apply = await terraform.apply(exec, tool, { dir, planFile: 'tf.plan' });
    expect(apply.skipped).toBe(true);
    expect(await terraform.stateList(exec, tool, { dir })).toEqual([]);
    expect(commands()).toContain(`recorded:terraform -chdir=${dir} apply -json -input=false -auto-approve tf.plan`);
    expect(commands().join('\n') + text()).not.toContain(TOKEN);
  });

  it('show reads a saved plan', async () => {
    const { exec, tool } = await tf();
    const s = await terraform.show(exec, tool, { dir, planFile: 'tf.plan' });
    expect(s.resourceChanges).toEqual([{ address: 'terraform_data.env', actions: ['create'] }]);
  });

  it('apply -json applies the plan; state, outputs and show reflect it; sensitive outputs are redacted', async () => {
    const { exec, tool, secrets } = await tf();
    const r = await terraform.apply(exec, tool, { dir, planFile: 'tf.plan' });
    expect(r.skipped).toBe(false);
    const run = r.skipped ? undefined : r.value;
    expect(run?.applied).toEqual([{ address: 'terraform_data.env', action: 'create', ok: true }]);
    expect(run?.summary).toMatchObject({ add: 1, operation: 'apply' });
    expect(existsSync(join(dir, 'custom.tfstate'))).toBe(true);
    expect(await terraform.stateList(exec, tool, { dir })).toEqual(['terraform_data.env']);
    expect((await terraform.show(exec, tool, { dir })).resources).toEqual(['terraform_data.env']);
    const outputs = await terraform.output(exec, tool, { dir });
    expect(outputs.name).toMatchObject({ value: 'pr-7', sensitive: false });
    expect(outputs.token).toMatchObject({ value: TOKEN, sensitive: true });
    expect(secrets.redact(`the token is ${TOKEN}`)).toBe('the token is ***');
  });

  it('a read-only run refuses destroy before terraform starts; destroy -json removes everything', async () => {
    const ro = await tf({ ceiling: 'read' });
    await expect(terraform.destroy(ro.exec, ro.tool, { dir, ...vars })).rejects.toBeInstanceOf(EffectRefusedError);
    expect(await terraform.stateList(ro.exec, ro.tool, { dir })).toEqual(['terraform_data.env']);
    const { exec, tool, gate } = await tf();
    const r = await terraform.destroy(exec, tool, { dir, ...vars });
    expect(r.skipped ? undefined : r.value.summary).toMatchObject({ remove: 1, operation: 'destroy' });
    expect(gate.transcript.at(-1)).toMatchObject({ operation: 'terraform destroy', effect: 'destroy', status: 'ran' });
    expect(await terraform.stateList(exec, tool, { dir })).toEqual([]);
  });

  it('a broken configuration fails with structured diagnostics (file, line, summary, detail)', async () => {
    const bad = join(work, 'bad');
    await mkdir(bad);
    await writeFile(join(bad, 'main.tf'), 'resource "terraform_data" "x" {\n  input = nope.missing\n}\n');
    const { exec, tool } = await tf();
    await terraform.init(exec, tool, { dir: bad });
    const error = await terraform.plan(exec, tool, { dir: bad, planFile: 'p' }).then(() => undefined, (e: unknown) => e as CommandFailedError);
    expect(error).toBeInstanceOf(CommandFailedError);
    expect(error?.message).toMatch(new RegExp(`^terraform -chdir=${bad} plan .* exited with code 1 after .*: Reference to undeclared resource$`));
    const diagnostics = (error?.details as { diagnostics: TfDiagnostic[] }).diagnostics;
    expect(diagnostics).toEqual([{ severity: 'error', summary: 'Reference to undeclared resource', detail: expect.stringContaining('"nope" "missing"'), file: 'main.tf', line: 2, column: 11 }]);
    expect(error?.tail).toMatch(/^Error: Reference to undeclared resource \(main\.tf:2:11\): A managed resource/);
  });

  it('tofu falls back to terraform, and the transcript names the tool that ran', async () => {
    const { exec, finder, gate } = makeRun({ env: { HOME: work, PATH: join(terraformPath, '..') } });
    const tool = await finder.resolve('tofu');
    expect(tool).toMatchObject({ name: 'tofu', actual: 'terraform' });
    await terraform.stateList(exec, tool, { dir });
    expect(gate.transcript.at(-1)).toMatchObject({ operation: 'terraform state list', tool: 'terraform' });
  });
});

describe('terraform adapter with a scripted tofu', () => {
  it('runs tofu when it is installed, with TF_IN_AUTOMATION and variables in env, never argv', async () => {
    const fakes = await createFakeTools();
    const plan = '{"@level":"info","@message":"Plan: 1 to add","type":"change_summary","changes":{"add":1,"change":0,"remove":0,"operation":"plan"}}\n';
    const tofu = fakeTool('tofu', await fakes.add('tofu', [{ args: ['-chdir=/iac', 'plan'], stdout: plan }]), '1.8.0');
    const { exec, gate } = makeRun();
    const r = await terraform.plan(exec, tofu, { dir: '/iac', planFile: 'p', vars: { env_id: 'pr-7' }, secretVars: { db_password: 'tofu-secret-999' } });
    expect(r.summary).toMatchObject({ add: 1 });
    const [call] = await fakes.calls('tofu');
    expect(call?.argv).toEqual(['-chdir=/iac', 'plan', '-json', '-input=false', '-out=p']);
    expect(call?.env).toMatchObject({ TF_IN_AUTOMATION: '1', TF_INPUT: '0', TF_VAR_env_id: 'pr-7', TF_VAR_db_password: 'tofu-secret-999' });
    expect(gate.transcript[0]).toMatchObject({ operation: 'tofu plan', tool: 'tofu' });
    await fakes.cleanup();
  });
});
