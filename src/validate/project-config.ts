// jetscale.config.yaml: where the chart and environments live, so the same command works on any repo
// with these conventions. Optional; flags and env vars override it, this repo's layout is the default.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import * as z from 'zod';
import { usageError } from '../core/errors.js';

const ConfigSchema = z.strictObject({
  chart: z.string().min(1).optional(),
  envs: z.string().min(1).optional(),
});

export type ProjectConfig = z.infer<typeof ConfigSchema>;

export const CONFIG_FILE = 'jetscale.config.yaml';
export const DEFAULT_CHART = 'charts/jetscale';
export const DEFAULT_ENVS = 'envs';

/** Reads the config at the repo root; absent → {}; invalid → a usage error naming the file and key. */
export async function loadProjectConfig(root: string): Promise<ProjectConfig> {
  let text: string;
  try {
    text = await readFile(join(root, CONFIG_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw usageError(`${CONFIG_FILE}: cannot read it: ${(error as Error).message}`, `${CONFIG_FILE} must be a YAML file at the repo root`);
  }
  let raw: unknown;
  try {
    raw = parse(text) ?? {};
  } catch (error) {
    throw usageError(`${CONFIG_FILE}: ${(error as Error).message}`, `fix the YAML in ${CONFIG_FILE}`);
  }
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw usageError(`${CONFIG_FILE}: ${issue?.path.join('.') || '(top level)'}: ${issue?.message ?? 'invalid'}`, 'allowed keys: chart, envs (paths relative to the repo root)');
  }
  return parsed.data;
}
