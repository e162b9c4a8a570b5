// Typed task input from the command line with one precedence: flag > environment > .env > default.
import * as z from 'zod';
import type { EnvView } from '../runtime/context.js';
import { CONFIG_FILE, type ConfigOrigin, type JetscaleConfig } from '../core/config.js';
import { envVarFor } from '../core/config-keys.js';
import { resolve as resolvePath } from 'node:path';
import { usageError } from '../core/errors.js';
import type { FlagSpec, TaskInput, TaskSpec } from '../runtime/task-spec.js';
import type { Selection } from './program.js';
import { usageLine } from './task-list.js';

export type Origin = 'flag' | 'env' | '.env' | 'config' | 'default';

export interface ResolvedInput {
  input: TaskInput;
  /** Where each flag value came from, for `-v`. */
  origins: Record<string, Origin>;
}

/** commander's attribute name for `--update-lock` is `updateLock`. */
export function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** Validates positionals and resolves flags (flag > env > .env > config file > default); any invalid value is a
 * usage error (exit 2) naming its source. */
export function resolveInput(sel: Selection, env: EnvView, config?: JetscaleConfig, dirs?: { cwd: string; root: string }, configOrigins?: Readonly<Record<string, ConfigOrigin>>): ResolvedInput {
  const { task } = sel;
  const args: TaskInput['args'] = {};
  for (const a of task.args) {
    const value = sel.args[a.name];
    if (value === undefined) continue;
    let schema = z.string().min(1, 'must not be empty');
    if (a.pattern) schema = schema.regex(new RegExp(a.pattern), `must match ${a.pattern}`);
    const one = a.choices ? z.enum(a.choices as [string, ...string[]]) : schema;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      const parsed = one.safeParse(v);
      if (!parsed.success) throw invalid(task, `<${a.name}> "${v}": ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    args[a.name] = Array.isArray(value) ? values : values[0];
  }
  const flags: TaskInput['flags'] = {};
  const origins: Record<string, Origin> = {};
  for (const f of task.flags) {
    const key = camel(f.name);
    let raw: unknown;
    let origin: Origin = 'default';
    if (sel.fromCli.has(key)) [raw, origin] = [sel.flags[key], 'flag'];
    // An empty variable means "not set" for options (a blank JETSCALE_JOBS must not become 0).
    else if (f.env && env.get(f.env) !== undefined && env.get(f.env) !== '') [raw, origin] = [env.get(f.env), env.source(f.env) === '.env' ? '.env' : 'env'];
    else if (f.config && config && configValue(config, f.config) !== undefined) {
      // A config key set through its own env var (JETSCALE_TERRAFORM_IAC_DIR) is an env value: named and resolved so.
      const from = configOrigins?.[f.config];
      [raw, origin] = [configValue(config, f.config), from === 'env' || from === '.env' ? from : 'config'];
    }
    else raw = f.default;
    if (raw === undefined) continue;
    const envName = f.env && env.get(f.env) !== undefined && env.get(f.env) !== '' ? f.env : f.config ? envVarFor(f.config) : f.env;
    const source = origin === 'flag' ? 'the command line' : origin === 'default' ? 'default' : origin === 'config' ? `${f.config} in ${CONFIG_FILE}` : `${envName} (from ${origin === 'env' ? 'the environment' : '.env'})`;
    const value = coerce(task, f, raw, source);
    // A path typed by the user means "from here"; one from the config file or the default means "from the repo".
    flags[f.name] = f.path && dirs && typeof value === 'string' ? resolvePath(origin === 'config' || origin === 'default' ? dirs.root : dirs.cwd, value) : value;
    origins[f.name] = origin;
  }
  return { input: { args, flags }, origins };
}

function coerce(task: TaskSpec, f: FlagSpec, raw: unknown, source: string): string | boolean | number {
  const schemas = {
    boolean: z.union([z.boolean(), z.enum(['true', '1', 'yes', 'false', '0', 'no', '']).transform((v) => ['true', '1', 'yes'].includes(v))]),
    number: numberSchema(f),
    string: f.choices ? z.enum(f.choices as [string, ...string[]]) : z.string(),
  } as const;
  const parsed = schemas[f.type].safeParse(raw);
  if (!parsed.success) {
    const expected = f.choices ? `one of ${f.choices.join(', ')}` : f.type === 'number' ? `${f.integer ? 'a whole number' : 'a number'}${f.min !== undefined ? ` ≥ ${f.min}` : ''}` : f.type;
    throw invalid(task, `--${f.name} from ${source}: expected ${expected}, got "${String(raw)}"`);
  }
  return parsed.data;
}

function invalid(task: TaskSpec, what: string) {
  return usageError(`invalid ${what}`, `usage: ${usageLine(task)} (run \`jetscale help ${task.id}\`)`);
}

function numberSchema(f: FlagSpec) {
  let n = z.coerce.number().finite();
  if (f.integer) n = n.int();
  if (f.min !== undefined) n = n.min(f.min);
  return n;
}

/** The value at a dotted config path (`terraform.iacDir`); empty strings count as unset. */
function configValue(config: JetscaleConfig, path: string): unknown {
  const v = path.split('.').reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), config);
  return v === '' ? undefined : v;
}
