// The mutable world one simulator instance serves: objects, pod logs, and access rules.
import type { AccessRule } from './access.js';
import { Store } from './store.js';

/** Current and previous log text of one container. */
export interface ContainerLogs {
  current: string;
  previous?: string;
}

/** The health endpoints the API server exposes without authentication. */
export type HealthCheck = 'healthz' | 'readyz' | 'livez';

/** Shared by handlers and the public KubeSim API. */
export interface SimState {
  store: Store;
  /** Keyed `namespace/pod/container`. */
  logs: Map<string, ContainerLogs>;
  access: AccessRule[];
  /** Failing health checks and the reason `?verbose` shows. */
  unhealthy: Map<HealthCheck, string>;
}

/** A fresh world with the namespaces every cluster has. */
export function newState(): SimState {
  return { store: new Store(), logs: new Map(), access: [], unhealthy: new Map() };
}

/** Key for `SimState.logs`. */
export function logKey(namespace: string, pod: string, container: string): string {
  return `${namespace}/${pod}/${container}`;
}
