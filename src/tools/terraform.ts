// terraform / OpenTofu (one adapter: tofu falls back to terraform and the resolved tool says which ran).
// Every command runs non-interactively (-input=false, TF_IN_AUTOMATION) in `-chdir=<dir>`, uses -json where the
// tool has it, and returns structured diagnostics; variables travel as TF_VAR_* env, never argv.
import * as z from 'zod';
import type { Performed } from '../core/effects.js';
import type { ExecResult, Executor } from '../exec/executor.js';
import { formatDiagnostics, parseUiStream, type TfRun } from './terraform-stream.js';
import { leafStrings, parseToolJson, runChange, runRead, type CallOptions } from './tool-call.js';
import type { ResolvedTool } from './tool-table.js';
import { VERSION_ARGS } from './version-args.js';

export type { TfChangeSummary, TfDiagnostic, TfRun } from './terraform-stream.js';

/** How the tool finder asks terraform / tofu for its version. */
export const versionArgs = VERSION_ARGS.terraform;

/** Where a command runs and how long it may take. */
export interface TfDir {
  /** The configuration directory (`-chdir`). */
  dir: string;
  timeoutMs?: number;
}

/** Input variables, always through the environment. */
export interface TfVars {
  /** Input variables, passed as TF_VAR_<name> environment variables. */
  vars?: Readonly<Record<string, string>>;
  /** Secret input variables: TF_VAR_<name> too, and redacted everywhere. */
  secretVars?: Readonly<Record<string, string>>;
}

const DEFAULT_TIMEOUT_MS = 30 * 60_000;

function options(o: TfDir & TfVars, json: boolean): CallOptions {
  const tfVars = (vars: Readonly<Record<string, string>> = {}) => Object.fromEntries(Object.entries(vars).map(([k, v]) => [`TF_VAR_${k}`, v]));
  return {
    env: { TF_IN_AUTOMATION: '1', TF_INPUT: '0', ...tfVars(o.vars) },
    secretEnv: tfVars(o.secretVars),
    timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    // A failed -json run says why in its diagnostics; stderr then holds only CLI-config noise.
    ...(json ? { describeFailure: describeJsonFailure } : {}),
  };
}

function describeJsonFailure(r: ExecResult): { reason?: string; tail?: string; details?: unknown } {
  const run = parseUiStream(r.stdout);
  const errors = run.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return {};
  return { reason: errors[0]!.summary, tail: formatDiagnostics(errors), details: { diagnostics: run.diagnostics } };
}

const chdir = (o: TfDir) => `-chdir=${o.dir}`;

const Version = z.object({ terraform_version: z.string(), platform: z.string().optional(), provider_selections: z.record(z.string(), z.string()).optional() });

/** `version -json` (read): the version, platform and provider versions in use. */
export async function version(exec: Executor, tool: ResolvedTool): Promise<{ version: string; platform?: string; providers: Record<string, string> }> {
  const r = await runRead(exec, tool, ['version', '-json'], { timeoutMs: 20_000, env: { TF_IN_AUTOMATION: '1' } });
  const v = parseToolJson(Version, r.stdout, r.command);
  return { version: v.terraform_version, ...(v.platform ? { platform: v.platform } : {}), providers: v.provider_selections ?? {} };
}

/** `init` (read: it changes only the working directory's .terraform, never infrastructure, so dry-runs can plan). */
export function init(exec: Executor, tool: ResolvedTool, o: TfDir & { backendConfig?: Readonly<Record<string, string>>; reconfigure?: boolean; upgrade?: boolean }): Promise<ExecResult> {
  const backend = Object.entries(o.backendConfig ?? {}).map(([k, v]) => `-backend-config=${k}=${v}`);
  const args = [chdir(o), 'init', '-input=false', '-no-color', ...backend, ...(o.reconfigure ? ['-reconfigure'] : []), ...(o.upgrade ? ['-upgrade'] : [])];
  return runRead(exec, tool, args, { ...options(o, false), operation: `${tool.actual} init` });
}

/** How long a state-changing command waits for a held state lock before it fails (`-lock-timeout`). */
export interface TfLockWait {
  lockTimeoutMs?: number;
}

const lockTimeout = (o: TfLockWait) => (o.lockTimeoutMs === undefined ? [] : [`-lock-timeout=${Math.ceil(o.lockTimeoutMs / 1000)}s`]);

/** `plan -json -out` (read: it saves a plan file and changes nothing; `lock: false` for breakglass reads and dry runs). */
export async function plan(exec: Executor, tool: ResolvedTool, o: TfDir & TfVars & TfLockWait & { planFile: string; destroy?: boolean; lock?: boolean }): Promise<TfRun> {
  const args = [chdir(o), 'plan', '-json', '-input=false', `-out=${o.planFile}`, ...(o.destroy ? ['-destroy'] : []), ...(o.lock === false ? ['-lock=false'] : lockTimeout(o))];
  const r = await runRead(exec, tool, args, { ...options(o, true), operation: `${tool.actual} plan` });
  return parseUiStream(r.stdout);
}

/** `apply -json` of a saved plan, or of the configuration with `vars` when no plan file is given (write). */
export async function apply(exec: Executor, tool: ResolvedTool, o: TfDir & TfVars & TfLockWait & { planFile?: string }): Promise<Performed<TfRun>> {
  const args = [chdir(o), 'apply', '-json', '-input=false', '-auto-approve', ...lockTimeout(o), ...(o.planFile ? [o.planFile] : [])];
  return mapRun(await runChange(exec, tool, 'write', args, { ...options(o, true), operation: `${tool.actual} apply` }));
}

/** `destroy -json` (destroy); `lockTimeout` (`5m`) waits for a state lock instead of failing at once. */
export async function destroy(exec: Executor, tool: ResolvedTool, o: TfDir & TfVars & { lockTimeout?: string }): Promise<Performed<TfRun>> {
  const args = [chdir(o), 'destroy', '-json', '-input=false', '-auto-approve', ...(o.lockTimeout ? [`-lock-timeout=${o.lockTimeout}`] : [])];
  return mapRun(await runChange(exec, tool, 'destroy', args, { ...options(o, true), operation: `${tool.actual} destroy` }));
}

const Show = z.object({
  format_version: z.string(),
  values: z.object({ root_module: z.unknown() }).optional(),
  resource_changes: z.array(z.object({ address: z.string(), change: z.object({ actions: z.array(z.string()) }) })).optional(),
});

/** What `show -json` says: the state's resource addresses, or a saved plan's resource changes. */
export interface TfShow {
  formatVersion: string;
  resources: string[];
  resourceChanges: Array<{ address: string; actions: string[] }>;
}

/** `show -json [planFile]` (read). */
export async function show(exec: Executor, tool: ResolvedTool, o: TfDir & { planFile?: string }): Promise<TfShow> {
  const r = await runRead(exec, tool, [chdir(o), 'show', '-json', '-no-color', ...(o.planFile ? [o.planFile] : [])], { ...options(o, false), operation: `${tool.actual} show` });
  const s = parseToolJson(Show, r.stdout, r.command);
  return {
    formatVersion: s.format_version,
    resources: s.values ? moduleAddresses(s.values.root_module) : [],
    resourceChanges: (s.resource_changes ?? []).map((c) => ({ address: c.address, actions: c.change.actions })),
  };
}

const Outputs = z.record(z.string(), z.object({ sensitive: z.boolean(), type: z.unknown().optional(), value: z.unknown() }));
/** Root module outputs as `output -json` prints them. */
export type TfOutputs = z.infer<typeof Outputs>;

/** `output -json` (read); sensitive string values are registered for redaction before anyone sees them. */
export async function output(exec: Executor, tool: ResolvedTool, o: TfDir): Promise<TfOutputs> {
  const r = await runRead(exec, tool, [chdir(o), 'output', '-json', '-no-color'], { ...options(o, false), operation: `${tool.actual} output` });
  const outputs = parseToolJson(Outputs, r.stdout, r.command);
  for (const out of Object.values(outputs)) if (out.sensitive) for (const s of leafStrings(out.value)) exec.addSecret(s);
  return outputs;
}

/** `state list` (read): resource addresses in the state, empty for an empty or missing state. */
export async function stateList(exec: Executor, tool: ResolvedTool, o: TfDir): Promise<string[]> {
  const r = await runRead(exec, tool, [chdir(o), 'state', 'list', '-no-color'], { ...options(o, false), operation: `${tool.actual} state list`, accept: (x) => /No state file was found/i.test(x.stderr) });
  return r.exitCode === 0 ? r.stdout.split('\n').map((l) => l.trim()).filter(Boolean) : [];
}

/** `state rm` (write: it changes the state, never infrastructure): the addresses are forgotten, their objects stay. */
export function stateRm(exec: Executor, tool: ResolvedTool, o: TfDir & TfLockWait & { addresses: readonly string[] }): Promise<Performed<ExecResult>> {
  return runChange(exec, tool, 'write', [chdir(o), 'state', 'rm', ...lockTimeout(o), ...o.addresses], { ...options(o, false), operation: `${tool.actual} state rm` });
}

/** `force-unlock -force <id>` (write: it releases a state lock another run holds; callers guard it by the lock's age). */
export function forceUnlock(exec: Executor, tool: ResolvedTool, o: TfDir & { lockId: string }): Promise<Performed<ExecResult>> {
  return runChange(exec, tool, 'write', [chdir(o), 'force-unlock', '-force', o.lockId], { ...options(o, false), operation: `${tool.actual} force-unlock` });
}

function mapRun(r: Performed<ExecResult>): Performed<TfRun> {
  return r.skipped ? r : { skipped: false, value: parseUiStream(r.value.stdout) };
}

function moduleAddresses(mod: unknown): string[] {
  const m = mod as { resources?: Array<{ address?: string }>; child_modules?: unknown[] } | undefined;
  return [...(m?.resources ?? []).flatMap((r) => (r.address ? [r.address] : [])), ...(m?.child_modules ?? []).flatMap(moduleAddresses)];
}
