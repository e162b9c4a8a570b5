// The task registry: every task the CLI offers, declared once. Implementations load lazily.
import type { TaskSpec } from '../core/task-spec.js';

/** All tasks, in display order within each namespace. */
export const TASKS: readonly TaskSpec[] = [
  {
    id: 'chart:deps',
    summary: "Vendor the umbrella chart's pinned OCI dependencies into charts/jetscale/charts (helm dependency build).",
    description:
      'Runs `helm dependency build`, which fails when Chart.lock is out of sync with Chart.yaml (lockfile primacy).\n' +
      'With --update-lock it runs `helm dependency update` instead, which rewrites Chart.lock: commit the result.\n' +
      'When GITHUB_TOKEN (or GH_TOKEN) is set, it first logs helm into the registries named in Chart.yaml, passing the token on stdin.',
    args: [],
    flags: [
      { name: 'chart', description: 'chart directory', type: 'string', valueName: 'dir', default: 'charts/jetscale', env: 'JETSCALE_CHART' },
      { name: 'update-lock', description: 'resolve dependencies again and rewrite Chart.lock', type: 'boolean', default: false },
    ],
    effect: 'write',
    examples: ['jetscale chart:deps', 'jetscale chart:deps --dry-run', 'jetscale chart:deps --update-lock'],
    tools: ['helm'],
    load: async () => (await import('./chart-deps.js')).chartDeps,
  },
  {
    id: 'diagnose:tools',
    summary: 'Show which external tools jetscale found, where, and whether their versions are supported (read-only).',
    args: [],
    flags: [],
    effect: 'read',
    examples: ['jetscale diagnose:tools', 'jetscale diagnose:tools --json', 'JETSCALE_HELM=/opt/helm jetscale diagnose:tools'],
    tools: [],
    load: async () => (await import('./diagnose-tools.js')).diagnoseTools,
  },
];

/** The task with this id or (hidden) alias, if any. */
export function findTask(id: string, tasks: readonly TaskSpec[] = TASKS): TaskSpec | undefined {
  return tasks.find((t) => t.id === id || t.aliases?.includes(id));
}
