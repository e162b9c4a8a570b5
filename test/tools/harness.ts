// One run's effect plumbing for adapter tests: a gate (dry-run / ceiling), the real Executor and ProcessGroup,
// captured output, and resolved tools (through the real ToolFinder, or pointing straight at a fake).
import { EffectGate, type Effect } from '../../src/core/effects.js';
import { Once } from '../../src/core/once.js';
import { Output } from '../../src/core/output.js';
import { Secrets } from '../../src/core/secrets.js';
import { Executor } from '../../src/exec/executor.js';
import { ProcessGroup } from '../../src/exec/process-group.js';
import { ToolFinder } from '../../src/tools/tool-finder.js';
import type { ResolvedTool, ToolName } from '../../src/tools/tool-table.js';

export interface RunOptions {
  dryRun?: boolean;
  ceiling?: Effect;
  /** The environment children get (PATH is added from this process unless given). */
  env?: Record<string, string | undefined>;
}

/** A fresh run: gate, executor, process group, tool finder and the captured stderr/stdout text. */
export function makeRun(o: RunOptions = {}) {
  let text = '';
  const secrets = new Secrets();
  const out = new Output({ stdout: { write: (s: string) => (text += s) }, stderr: { write: (s: string) => (text += s) }, secrets, color: false, interactive: true, github: false, json: false, verbose: true });
  const gate = new EffectGate({ dryRun: o.dryRun ?? false, ceiling: o.ceiling ?? 'destroy', secrets });
  const controller = new AbortController();
  const baseEnv = { PATH: process.env.PATH, ...o.env };
  const exec = new Executor({ gate, out, secrets, signal: controller.signal, baseEnv });
  const group = new ProcessGroup({ gate, out, secrets, signal: controller.signal, baseEnv, graceMs: 1000 });
  const finder = new ToolFinder(exec, new Once(), baseEnv, 'test');
  return { exec, gate, group, secrets, finder, controller, text: () => text, commands: () => gate.transcript.map((r) => `${r.status}:${r.command}`) };
}

/** A ResolvedTool pointing straight at `path` (for fakes whose version probe is not under test). */
export function fakeTool(name: ToolName, path: string, version = '1.0.0', actual: ToolName = name): ResolvedTool {
  return { name, actual, path, version };
}
