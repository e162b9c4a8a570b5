// What a running task receives: the one place it gets effects, output, options and cancellation from.
import type { Executor } from '../exec/executor.js';
import type { ToolFinder } from '../tools/tool-finder.js';
import type { ProcessGroup } from '../exec/process-group.js';
import type { Once } from '../core/once.js';
import type { Output } from '../core/output.js';
import type { Secrets } from '../core/secrets.js';
import type { EnvView } from '../core/env-view.js';
import type { EffectGate, Performed } from '../core/effects.js';
import type { JetscaleConfig } from '../core/config.js';
import type { Aws } from '../aws/index.js';
import type { KubeClient } from '../kube/index.js';
import type { AwsSessionCredentials } from './adapters.js';

export { makeEnvView, type EnvView } from '../core/env-view.js';

export interface TaskContext {
  taskId: string;
  /** Repo root: relative paths in tasks resolve against it, not the caller's CWD. */
  root: string;
  /** The caller's working directory (paths typed on the command line are already resolved against it). */
  cwd: string;
  env: EnvView;
  /** jetscale.config.yaml with its env vars applied (flag > env > .env > file > default). */
  config: JetscaleConfig;
  /** The run's effect gate: adapters declare every side effect to it. */
  effects: EffectGate;
  out: Output;
  exec: Executor;
  /** The run's long-running processes (port-forwards, tilt up, skaffold dev); all stopped when the run ends. */
  processes: ProcessGroup;
  tools: ToolFinder;
  once: Once;
  secrets: Secrets;
  signal: AbortSignal;
  dryRun: boolean;
  /** `--timeout`: replaces every step's and command's own deadline. */
  timeoutOverrideMs?: number;
  /** Number of CPU cores, the default cap for parallel work. */
  cores: number;
  now: () => Date;
  /** The run's AWS facades (built on first use; the SDK loads only then). */
  aws: (opts?: { credentials?: AwsSessionCredentials }) => Promise<Aws>;
  /** A Kubernetes client for a context (default: the kubeconfig's current one), in memory, through the gate. */
  kube: (opts?: { context?: string }) => Promise<KubeClient>;
  /** Writes a file through the gate (atomic). `output`: a report the user asked for (allowed in read-only tasks). */
  writeFile: (path: string, data: string, opts?: { operation?: string; output?: boolean }) => Promise<Performed<void>>;
}
