// kubectl: the few commands jetscale still runs as a process (the API itself goes through src/kube):
// `get -o json` (read), `delete` (destroy) and `port-forward` (a long-running read, ready when it forwards).
import * as z from 'zod';
import type { Performed } from '../core/effects.js';
import type { ExecResult, Executor } from '../exec/executor.js';
import type { ProcessGroup } from '../exec/process-group.js';
import { flags, parseToolJson, runChange, runRead, startTool, type Started } from './tool-call.js';
import type { ResolvedTool } from './tool-table.js';
import { VERSION_ARGS } from './version-args.js';

/** How the tool finder asks kubectl for its (client) version; no cluster needed. */
export const versionArgs = VERSION_ARGS.kubectl;

/** Which namespace and kubeconfig context a command targets (default: the kubeconfig's). */
export interface KubectlTarget {
  namespace?: string;
  context?: string;
}

const target = (o: KubectlTarget) => flags([['--namespace', o.namespace], ['--context', o.context]]);

const KubeObject = z.looseObject({ apiVersion: z.string(), kind: z.string(), metadata: z.looseObject({ name: z.string().optional(), namespace: z.string().optional() }).optional() });
const KubeList = KubeObject.extend({ items: z.array(KubeObject) });
/** A Kubernetes object as kubectl prints it (checked for apiVersion/kind/metadata, the rest kept). */
export type KubectlObject = z.infer<typeof KubeObject>;

/** What `get` / `list` read. */
export interface GetOptions extends KubectlTarget {
  /** `pods`, `deployments.apps`, `ingress`… */
  resource: string;
  selector?: string;
  allNamespaces?: boolean;
}

/** `kubectl get <resource> <name> -o json` (read): the object, or undefined when it does not exist. */
export async function get(exec: Executor, tool: ResolvedTool, o: GetOptions & { name: string }): Promise<KubectlObject | undefined> {
  const args = ['get', o.resource, o.name, ...target(o), '--ignore-not-found', '--output', 'json'];
  const r = await runRead(exec, tool, args, { timeoutMs: 60_000 });
  return r.stdout.trim() === '' ? undefined : parseToolJson(KubeObject, r.stdout, r.command);
}

/** `kubectl get <resource> -o json` (read): every matching object (one namespace, or all). */
export async function list(exec: Executor, tool: ResolvedTool, o: GetOptions): Promise<KubectlObject[]> {
  const scope = o.allNamespaces ? ['--all-namespaces', ...flags([['--context', o.context]])] : target(o);
  const args = ['get', o.resource, ...scope, ...flags([['--selector', o.selector]]), '--output', 'json'];
  const r = await runRead(exec, tool, args, { timeoutMs: 60_000 });
  return parseToolJson(KubeList, r.stdout, r.command).items;
}

/** `kubectl delete <resource> <name>` (destroy); an object that is already gone is not an error. */
export function remove(exec: Executor, tool: ResolvedTool, o: KubectlTarget & { resource: string; name: string; wait?: boolean; timeoutMs?: number }): Promise<Performed<ExecResult>> {
  const args = ['delete', o.resource, o.name, ...target(o), '--ignore-not-found', `--wait=${o.wait === true}`, ...(o.timeoutMs ? [`--timeout=${Math.ceil(o.timeoutMs / 1000)}s`] : [])];
  return runChange(exec, tool, 'destroy', args, { timeoutMs: (o.timeoutMs ?? 60_000) + 30_000 });
}
export { remove as delete };

/** What `port-forward` forwards. */
export interface PortForwardOptions extends KubectlTarget {
  /** `svc/api`, `pod/x`, `deploy/web`. */
  target: string;
  /** Local and remote ports; local ports are bound on 127.0.0.1 only. */
  ports: ReadonlyArray<{ local: number; remote: number }>;
  readyTimeoutMs?: number;
}

/** `kubectl port-forward` (a long-running read): ready when kubectl says it is forwarding. */
export function portForward(group: ProcessGroup, tool: ResolvedTool, o: PortForwardOptions): Promise<Started> {
  const args = ['port-forward', o.target, ...o.ports.map((p) => `${p.local}:${p.remote}`), ...target(o), '--address', '127.0.0.1'];
  return startTool(group, tool, { args, effect: 'read', prefix: `[port-forward ${o.target}] `, ready: { line: /^Forwarding from 127\.0\.0\.1:\d+/ }, readyTimeoutMs: o.readyTimeoutMs ?? 30_000 });
}
