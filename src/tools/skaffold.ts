// skaffold: build images and deploy them (run), iterate (dev, long-running), and delete what it deployed.
import * as z from 'zod';
import type { Performed } from '../core/effects.js';
import type { ExecResult, Executor } from '../exec/executor.js';
import type { ProcessGroup } from '../exec/process-group.js';
import { flags, parseToolJson, runChange, startTool, type Started } from './tool-call.js';
import type { ResolvedTool } from './tool-table.js';
import { VERSION_ARGS } from './version-args.js';

/** How the tool finder asks skaffold for its version. */
export const versionArgs = VERSION_ARGS.skaffold;

/** Flags every skaffold command shares. */
export interface SkaffoldOptions {
  /** skaffold.yaml path (`--filename`). */
  file?: string;
  profile?: string;
  kubeContext?: string;
  namespace?: string;
  defaultRepo?: string;
  cwd?: string;
}

const common = (o: SkaffoldOptions) => flags([['--filename', o.file], ['--profile', o.profile], ['--kube-context', o.kubeContext], ['--namespace', o.namespace], ['--default-repo', o.defaultRepo]]);

const Builds = z.object({ builds: z.array(z.object({ imageName: z.string(), tag: z.string() })) });
/** The images `build` produced, with their tags. */
export type SkaffoldBuilds = z.infer<typeof Builds>['builds'];

/** `skaffold build --quiet` (write: it builds and may push images): the built image tags. */
export async function build(exec: Executor, tool: ResolvedTool, o: SkaffoldOptions & { push?: boolean } = {}): Promise<Performed<SkaffoldBuilds>> {
  const args = ['build', ...common(o), '--quiet', ...(o.push === undefined ? [] : [`--push=${o.push}`])];
  const r = await runChange(exec, tool, 'write', args, { cwd: o.cwd, timeoutMs: 30 * 60_000 });
  return r.skipped ? r : { skipped: false, value: parseToolJson(Builds, r.value.stdout, r.value.command).builds };
}

/** `skaffold run` (write): build and deploy once, output streamed. */
export function run(exec: Executor, tool: ResolvedTool, o: SkaffoldOptions & { tail?: boolean } = {}): Promise<Performed<ExecResult>> {
  return runChange(exec, tool, 'write', ['run', ...common(o), `--tail=${o.tail === true}`], { cwd: o.cwd, timeoutMs: 30 * 60_000, streamPrefix: '[skaffold] ' });
}

/** `skaffold dev` (a long-running write): ready when it watches for changes. */
export function dev(group: ProcessGroup, tool: ResolvedTool, o: SkaffoldOptions & { portForward?: boolean; readyTimeoutMs?: number } = {}): Promise<Started> {
  const args = ['dev', ...common(o), `--port-forward=${o.portForward === true}`];
  return startTool(group, tool, { args, effect: 'write', ...(o.cwd ? { cwd: o.cwd } : {}), ready: { line: /Watching for changes/ }, readyTimeoutMs: o.readyTimeoutMs ?? 15 * 60_000 });
}

/** `skaffold delete` (destroy): removes what skaffold deployed. */
export function remove(exec: Executor, tool: ResolvedTool, o: SkaffoldOptions = {}): Promise<Performed<ExecResult>> {
  return runChange(exec, tool, 'destroy', ['delete', ...common(o)], { cwd: o.cwd, timeoutMs: 10 * 60_000 });
}
export { remove as delete };
