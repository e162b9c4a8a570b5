// kind: local Kubernetes clusters in Docker, for the local loop.
import type { Performed } from '../core/effects.js';
import type { ExecResult, Executor } from '../exec/executor.js';
import { flags, runChange, runRead } from './tool-call.js';
import type { ResolvedTool } from './tool-table.js';
import { VERSION_ARGS } from './version-args.js';

/** How the tool finder asks kind for its version. */
export const versionArgs = VERSION_ARGS.kind;

/** `kind get clusters` (read): cluster names; none is an empty list (kind says so on stderr). */
export async function getClusters(exec: Executor, tool: ResolvedTool): Promise<string[]> {
  const r = await runRead(exec, tool, ['get', 'clusters'], { operation: 'kind get clusters', timeoutMs: 30_000 });
  return r.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
}

/** What `kind create cluster` creates. */
export interface CreateClusterOptions {
  name: string;
  /** A kind cluster config file. */
  config?: string;
  /** Node image, e.g. `kindest/node:v1.31.0`. */
  image?: string;
  /** Wait for the control plane, e.g. `120s`. */
  wait?: string;
  kubeconfig?: string;
}

/** `kind create cluster` (write). */
export function createCluster(exec: Executor, tool: ResolvedTool, o: CreateClusterOptions): Promise<Performed<ExecResult>> {
  const args = ['create', 'cluster', '--name', o.name, ...flags([['--config', o.config], ['--image', o.image], ['--wait', o.wait], ['--kubeconfig', o.kubeconfig]])];
  return runChange(exec, tool, 'write', args, { operation: 'kind create cluster', timeoutMs: 10 * 60_000, streamPrefix: '[kind] ' });
}

/** `kind delete cluster` (destroy). */
export function deleteCluster(exec: Executor, tool: ResolvedTool, o: { name: string; kubeconfig?: string }): Promise<Performed<ExecResult>> {
  return runChange(exec, tool, 'destroy', ['delete', 'cluster', '--name', o.name, ...flags([['--kubeconfig', o.kubeconfig]])], { operation: 'kind delete cluster', timeoutMs: 5 * 60_000 });
}

/** `kind load docker-image` into a cluster's nodes (write). */
export function loadDockerImage(exec: Executor, tool: ResolvedTool, o: { cluster: string; images: readonly string[] }): Promise<Performed<ExecResult>> {
  return runChange(exec, tool, 'write', ['load', 'docker-image', ...o.images, '--name', o.cluster], { operation: 'kind load docker-image', timeoutMs: 10 * 60_000 });
}
