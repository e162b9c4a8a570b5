// The declarative task model: what `jetscale`, `list --json` and `help <task>` are built from.
// Kept free of heavy imports so listing and help stay as fast as Node itself.
import type { TaskContext } from './context.js';
import type { Effect } from '../core/effects.js';
import type { ToolName } from '../tools/tool-table.js';

export type { ToolName } from '../tools/tool-table.js';

export type { Effect } from '../core/effects.js';


/** A positional argument; validated with zod (pattern/choices) before the task runs. */
export interface ArgSpec {
  name: string;
  description: string;
  pattern?: string;
  choices?: readonly string[];
  optional?: boolean;
  /** Takes every remaining positional (`[envs...]`); must be the last argument. */
  variadic?: boolean;
}

/** A named flag; `env` names the environment variable that backs it (flag > env > .env > default). */
export interface FlagSpec {
  name: string;
  description: string;
  type: 'string' | 'boolean' | 'number';
  valueName?: string;
  choices?: readonly string[];
  default?: string | boolean | number;
  env?: string;
  /** A file or directory: from the command line or the environment it resolves against the caller's working
   * directory, from the config file or the default against the repo root. Tasks receive absolute paths. */
  path?: boolean;
  /** Dotted jetscale.config.yaml key that backs it, between .env and the default (`chart`, `terraform.iacDir`). */
  config?: string;
  /** For number flags: whole numbers only, and the smallest accepted value. */
  integer?: boolean;
  min?: number;
}

export interface TaskInput {
  args: Record<string, string | string[] | undefined>;
  flags: Record<string, string | boolean | number | undefined>;
}

/** What a task returns: `data` is the `--json` payload; `exitCode` a non-zero outcome that is not an error. */
export interface TaskResult {
  exitCode?: number;
  data?: unknown;
}

export type TaskRun = (ctx: TaskContext, input: TaskInput) => Promise<TaskResult | void>;

export interface TaskSpec {
  /** `namespace:name`, e.g. `validate:envs`. */
  id: string;
  /** One line for the task list. */
  summary: string;
  /** Longer help text shown by `jetscale help <task>`. */
  description?: string;
  args: readonly ArgSpec[];
  flags: readonly FlagSpec[];
  effect: Effect;
  examples: readonly string[];
  /** Tools checked (presence and minimum version) before the task does anything. */
  tools: readonly ToolName[];
  /** Hidden names kept for users of the old magefile. */
  aliases?: readonly string[];
  /** Loads the implementation lazily so `--help` imports no SDK. */
  load: () => Promise<TaskRun>;
}

/** The namespaces the project has, in display order. */
export const NAMESPACES = ['validate', 'test', 'dev', 'ephemeral', 'diagnose', 'chart'] as const;

/** The namespace part of a task id. */
export function namespaceOf(id: string): string {
  return id.split(':')[0] ?? id;
}
