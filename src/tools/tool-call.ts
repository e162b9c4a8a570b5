// What every tool adapter shares: one call through the executor with the resolved tool's path and real name,
// reads unwrapped (they always run), changes answered with the typed dry-run skip, JSON output checked with zod.
import type * as z from 'zod';
import type { Performed } from '../core/effects.js';
import { JetscaleError } from '../core/errors.js';
import type { ExecCall, ExecResult, Executor } from '../exec/executor.js';
import type { ProcessGroup, ProcessSpec, SkippedProcess } from '../exec/process-group.js';
import type { ProcessHandle } from '../exec/process-handle.js';
import type { ResolvedTool } from './tool-table.js';

/** Per-call options an adapter passes through (deadline, cwd, env, stdin, streaming…). */
export type CallOptions = Omit<ExecCall, 'file' | 'tool' | 'args' | 'effect'>;

/** A started long-running tool, or the dry-run record of one that was not started. */
export type Started = ProcessHandle | SkippedProcess;

/** Runs a read; reads run under --dry-run too, so the answer is always the result. */
export async function runRead(exec: Executor, tool: Pick<ResolvedTool, 'path' | 'actual'>, args: readonly string[], opts: CallOptions = {}): Promise<ExecResult> {
  const r = await exec.perform({ ...opts, file: tool.path, tool: tool.actual, args, effect: 'read' });
  if (r.skipped) throw new Error(`the effect gate skipped a read: ${r.record.command}`);
  return r.value;
}

/** Runs a write or destroy; under --dry-run it is recorded and answered with the skip. */
export function runChange(exec: Executor, tool: ResolvedTool, effect: 'write' | 'destroy', args: readonly string[], opts: CallOptions = {}): Promise<Performed<ExecResult>> {
  return exec.perform({ ...opts, file: tool.path, tool: tool.actual, args, effect });
}

/** Starts a long-running tool in the run's process group. */
export function startTool(group: ProcessGroup, tool: ResolvedTool, spec: Omit<ProcessSpec, 'file' | 'tool'>): Promise<Started> {
  return group.start({ ...spec, file: tool.path, tool: tool.actual });
}

/** Parses a tool's JSON output against `schema`; output that does not match is a tool error naming the command. */
export function parseToolJson<T>(schema: z.ZodType<T>, text: string, command: string): T {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw toolOutputError(command, 'it is not JSON');
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw toolOutputError(command, `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'unexpected shape'}`);
  }
  return parsed.data;
}

function toolOutputError(command: string, why: string): JetscaleError {
  return new JetscaleError(`could not read the output of ${command}: ${why}`, { code: 'E_TOOL_OUTPUT', hint: 'check the tool version (jetscale diagnose:tools); this output format is not supported' });
}

/** `--flag value` pairs for the options that are set, in order. */
export function flags(pairs: ReadonlyArray<readonly [string, string | undefined]>): string[] {
  return pairs.flatMap(([flag, value]) => (value === undefined || value === '' ? [] : [flag, value]));
}

/** Every string inside a JSON-like value (to register secret documents for redaction). */
export function leafStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(leafStrings);
  return [];
}
