// Loads jetscale.config.yaml once per run and overlays its env vars: env > .env > file > default.
// Every problem names its source (file:line:col, or the env var) and all of them are reported at once (exit 2).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { ConfigSchema, type JetscaleConfig } from './config-schema.js';
import { configKeys, parseEnvValue } from './config-keys.js';
import type { EnvView } from './env-view.js';
import { JetscaleError } from './errors.js';
import { ExitCode } from './exit-codes.js';

export type { JetscaleConfig } from './config-schema.js';
export const CONFIG_FILE = 'jetscale.config.yaml';

export type ConfigOrigin = 'env' | '.env' | 'file' | 'default';

export interface LoadedConfig {
  config: JetscaleConfig;
  /** Where each leaf key's value came from (for -v and error messages). */
  origins: Record<string, ConfigOrigin>;
}

/** Reads, overlays and validates the configuration; throws one E_CONFIG error listing every problem. */
export async function loadConfig(root: string, env: Pick<EnvView, 'get' | 'source'>): Promise<LoadedConfig> {
  const parsed = await readConfigFile(root);
  const raw = (parsed?.doc.toJS() ?? {}) as Record<string, unknown>;
  const origins: Record<string, ConfigOrigin> = {};
  for (const key of configKeys()) {
    const value = env.get(key.envVar);
    const fromFile = getPath(raw, key.path) !== undefined;
    // An empty variable means "not set", as for flags.
    if (value !== undefined && value !== '') {
      setPath(raw, key.path, parseEnvValue(key.kind, value));
      origins[key.path] = env.source(key.envVar) === '.env' ? '.env' : 'env';
    } else origins[key.path] = fromFile ? 'file' : 'default';
  }
  const result = ConfigSchema.safeParse(raw);
  if (result.success) return { config: result.data, origins };
  const problems = result.error.issues.flatMap((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    return keys.map((path) => describe(path, issue.code === 'unrecognized_keys' ? 'unknown key' : withGot(issue.message, raw, path), origins, parsed));
  });
  throw new JetscaleError(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`, {
    code: 'E_CONFIG',
    exitCode: ExitCode.usage,
    hint: `fix the keys above (README "Configuration" lists every key, its type, env var and default)`,
  });
}

interface ParsedFile {
  doc: Document;
  lines: LineCounter;
}

async function readConfigFile(root: string): Promise<ParsedFile | undefined> {
  let text: string;
  try {
    text = await readFile(join(root, CONFIG_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw configError(`${CONFIG_FILE}: cannot read it: ${(error as Error).message}`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const at = lines.linePos(first.pos[0]);
    throw configError(`${CONFIG_FILE}:${at.line}:${at.col}: ${first.message.split('\n')[0]}`);
  }
  if (doc.contents !== null && !isMap(doc.contents)) throw configError(`${CONFIG_FILE}:1:1: the file must be a map of keys (see README "Configuration")`);
  return { doc, lines };
}

function describe(path: PropertyKey[], message: string, origins: Record<string, ConfigOrigin>, file: ParsedFile | undefined): string {
  const dotted = path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
  const leaf = Object.keys(origins).find((k) => dotted === k || dotted.startsWith(`${k}[`));
  const origin = leaf ? origins[leaf] : undefined;
  if (leaf && (origin === 'env' || origin === '.env')) {
    const envVar = configKeys().find((k) => k.path === leaf)!.envVar;
    return `${envVar} (from ${origin === 'env' ? 'the environment' : '.env'}): ${dotted}: ${message}`;
  }
  return `${locate(file, path)}: ${dotted || '(top level)'}: ${message}`;
}

/** `jetscale.config.yaml:4:3` for the node at `path` (the key itself for unknown keys), or the file alone. */
function locate(file: ParsedFile | undefined, path: PropertyKey[]): string {
  if (!file) return CONFIG_FILE;
  for (let n = path.length; n > 0; n--) {
    const parent = n > 1 ? file.doc.getIn(path.slice(0, n - 1) as unknown[], true) : file.doc.contents;
    const last = path[n - 1];
    const pair = isMap(parent) ? parent.items.find((p) => isNode(p.key) && (p.key as { value?: unknown }).value === last) : undefined;
    const node = pair?.key ?? file.doc.getIn(path.slice(0, n) as unknown[], true);
    const offset = isNode(node) ? node.range?.[0] : undefined;
    if (offset !== undefined) {
      const at = file.lines.linePos(offset);
      return `${CONFIG_FILE}:${at.line}:${at.col}`;
    }
  }
  return CONFIG_FILE;
}

function withGot(message: string, raw: Record<string, unknown>, path: PropertyKey[]): string {
  const value = getPath(raw, path.map(String).join('.'));
  return value === undefined || typeof value === 'object' ? message : `${message} (got ${JSON.stringify(value)})`;
}

function getPath(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/** Sets a leaf from an env var. A parent the file set to a non-map is left alone (and zod reports it at its line):
 * an env var must never hide a broken file. */
function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let o = obj;
  for (const k of parts.slice(0, -1)) {
    if (o[k] === undefined) o[k] = {};
    if (o[k] === null || typeof o[k] !== 'object' || Array.isArray(o[k])) return;
    o = o[k] as Record<string, unknown>;
  }
  o[parts[parts.length - 1]!] = value;
}

function configError(message: string): JetscaleError {
  return new JetscaleError(message, { code: 'E_CONFIG', exitCode: ExitCode.usage, hint: `fix ${CONFIG_FILE} (README "Configuration" lists every key)` });
}
