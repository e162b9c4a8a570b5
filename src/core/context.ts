// What a running task receives: the one place it gets effects, output, options and cancellation from.
import type { Executor } from '../exec/executor.js';
import type { ToolFinder } from '../exec/tool-finder.js';
import type { Once } from './once.js';
import type { Output } from './output.js';
import type { Secrets } from './secrets.js';

/** Environment as the CLI sees it: process environment over `.env` (names from `.env` are kept for -v). */
export interface EnvView {
  get(name: string): string | undefined;
  /** Where a value came from. */
  source(name: string): 'env' | '.env' | undefined;
  /** The process environment only, as given to child processes. */
  readonly process: Readonly<Record<string, string | undefined>>;
}

export interface TaskContext {
  taskId: string;
  /** Repo root: relative paths in tasks resolve against it, not the caller's CWD. */
  root: string;
  env: EnvView;
  out: Output;
  exec: Executor;
  tools: ToolFinder;
  once: Once;
  secrets: Secrets;
  signal: AbortSignal;
  dryRun: boolean;
  /** Number of CPU cores, the default cap for parallel work. */
  cores: number;
  now: () => Date;
}

/** Builds the env view: a variable present in the process environment (even empty) wins over `.env`. */
export function makeEnvView(processEnv: Readonly<Record<string, string | undefined>>, dotenv: ReadonlyMap<string, string>): EnvView {
  return {
    get: (name) => (processEnv[name] !== undefined ? processEnv[name] : dotenv.get(name)),
    source: (name) => (processEnv[name] !== undefined ? 'env' : dotenv.has(name) ? '.env' : undefined),
    process: processEnv,
  };
}
