// chart:deps — vendor the chart's pinned OCI dependencies with helm (logging in first when a token is set).
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import type { TaskContext } from '../runtime/context.js';
import { preconditionError } from '../core/errors.js';
import * as z from 'zod';
import { typedTask } from '../runtime/typed-task.js';
import * as helm from '../tools/helm.js';
import type { ResolvedTool } from '../tools/tool-table.js';

/** Registry hosts of the chart's `oci://` dependencies, e.g. `oci://host/org/charts` → `host`. */
export function ociRegistryHosts(chartYaml: string): string[] {
  const doc = parse(chartYaml) as { dependencies?: Array<{ repository?: unknown }> } | null;
  const hosts = (doc?.dependencies ?? [])
    .map((d) => (typeof d.repository === 'string' && d.repository.startsWith('oci://') ? d.repository.slice(6).split('/')[0] : undefined))
    .filter((h): h is string => Boolean(h));
  return [...new Set(hosts)];
}

async function registryLogin(ctx: TaskContext, tool: ResolvedTool, host: string, token: string): Promise<void> {
  const username = ctx.env.get('GITHUB_USER') || ctx.env.get('GITHUB_ACTOR') || 'jetscale';
  await helm.registryLogin(ctx.exec, tool, { host, username, password: token });
}

const Input = z.object({ args: z.object({}), flags: z.object({ chart: z.string(), 'update-lock': z.boolean() }) });

/** Logs into each registry once (if a token is set), then runs `helm dependency build|update`. */
export const chartDeps = typedTask(Input, async (ctx, input) => {
  const chartDir = resolve(ctx.root, input.flags.chart);
  const chartYaml = await readFile(join(chartDir, 'Chart.yaml'), 'utf8').catch(() => {
    throw preconditionError(`no Chart.yaml in ${relative(ctx.root, chartDir) || '.'}`, 'pass --chart <dir> pointing at the umbrella chart');
  });
  const tool = await ctx.tools.resolve('helm');
  const token = ctx.env.get('GITHUB_TOKEN') || ctx.env.get('GH_TOKEN');
  if (token) {
    ctx.secrets.add(token);
    await ctx.once.all(ociRegistryHosts(chartYaml).map((host) => ({ name: 'helm-registry-login', args: [host], run: () => registryLogin(ctx, tool, host, token) })));
  } else {
    ctx.out.debug('no GITHUB_TOKEN/GH_TOKEN: relying on an existing `helm registry login`');
  }
  const verb = input.flags['update-lock'] ? 'update' : 'build';
  await ctx.out.step(`helm dependency ${verb} ${relative(ctx.root, chartDir)}`, () => (verb === 'update' ? helm.dependencyUpdate : helm.dependencyBuild)(ctx.exec, tool, { chartDir }));
  if (verb === 'update') ctx.out.info('Chart.lock may have changed: review and commit it (lockfile primacy).');
  return { data: { chart: relative(ctx.root, chartDir), action: verb } };
});
