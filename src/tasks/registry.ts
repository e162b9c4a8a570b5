// The task registry: every task the CLI offers, declared once. Implementations load lazily.
import type { TaskSpec } from '../runtime/task-spec.js';

/** All tasks, in display order within each namespace. */
export const TASKS: readonly TaskSpec[] = [
  {
    id: 'validate:envs',
    summary: 'Check every environment of a cloud layer offline (YAML, supply chain, schema, policy, render) and report every finding.',
    description:
      'Layering per environment: chart values.yaml → envs/<cloud>.yaml → envs/<type>/default.yaml → envs/<type>/<name>.yaml.\n' +
      'Never writes anything (no `helm dependency update`, Chart.lock untouched). Exit 4 when any error is found.',
    args: [
      { name: 'cloud', description: 'cloud layer: the name of a top-level envs/<cloud>.yaml', pattern: '^[a-z0-9][a-z0-9-]*$' },
      { name: 'envs', description: 'only these environments: <type>/<name>, a glob (live/*, */console) or a file path; cross-environment rules still see all', optional: true, variadic: true },
    ],
    flags: [
      { name: 'render', description: 'render with helm template: auto (when helm and the subcharts are present), require (missing is an error), off', type: 'string', valueName: 'mode', choices: ['auto', 'require', 'off'], default: 'auto', env: 'JETSCALE_RENDER' },
      { name: 'chart', description: 'chart directory (default: chart: in jetscale.config.yaml, else charts/jetscale)', type: 'string', valueName: 'dir', env: 'JETSCALE_CHART', config: 'chart', path: true },
      { name: 'envs', description: 'environments directory (default: envs: in jetscale.config.yaml, else envs)', type: 'string', valueName: 'dir', env: 'JETSCALE_ENVS', config: 'envs', path: true },
      { name: 'allow-link', description: 'accept file:// dependencies (Link Mode, local debugging only) with a warning', type: 'boolean', default: false, env: 'JETSCALE_ALLOW_LINK' },
      { name: 'junit', description: 'also write a JUnit XML report to this file', type: 'string', valueName: 'file', path: true },
      { name: 'jobs', description: 'parallel helm template processes (default: number of cores)', type: 'number', valueName: 'n', env: 'JETSCALE_JOBS', integer: true, min: 1 },
      { name: 'cache', description: 'reuse render verdicts of unchanged environments (content-addressed, node_modules/.cache/jetscale/render); --no-cache renders everything', type: 'boolean', default: true, env: 'JETSCALE_RENDER_CACHE' },
    ],
    effect: 'read',
    examples: ['jetscale validate:envs aws', 'jetscale validate:envs aws live/console', "jetscale validate:envs aws 'preview/*'", 'jetscale validate:envs azure --render=off', 'jetscale validate:envs aws --render=require --junit junit.xml', 'jetscale validate:envs aws --json'],
    tools: [],
    load: async () => (await import('./validate-envs.js')).validateEnvs,
  },
  {
    id: 'values',
    summary: "Show one environment's merged values, each with the file:line of the layer that set it and what it overrode (read-only).",
    description:
      'Merges the layers exactly as validate:envs and Helm do (chart values.yaml → envs/<cloud>.yaml → type default → environment)\n' +
      'and prints every leaf with its provenance. A path narrows the output: ingress.className, ingress.annotations["alb.ingress.kubernetes.io/scheme"].',
    args: [
      { name: 'cloud', description: 'cloud layer: the name of a top-level envs/<cloud>.yaml', pattern: '^[a-z0-9][a-z0-9-]*$' },
      { name: 'env', description: 'the environment: <type>/<name> (or its file path)' },
      { name: 'path', description: 'only the values under this dotted path', optional: true },
    ],
    flags: [],
    effect: 'read',
    examples: ['jetscale values aws live/console', 'jetscale values aws live/console ingress', 'jetscale values aws preview/preview ingress.annotations --json'],
    tools: [],
    load: async () => (await import('./values.js')).valuesTask,
  },
  {
    id: 'chart:deps',
    summary: "Vendor the umbrella chart's pinned OCI dependencies into charts/jetscale/charts (helm dependency build).",
    description:
      'Runs `helm dependency build`, which fails when Chart.lock is out of sync with Chart.yaml (lockfile primacy).\n' +
      'With --update-lock it runs `helm dependency update` instead, which rewrites Chart.lock: commit the result.\n' +
      'When GITHUB_TOKEN (or GH_TOKEN) is set, it first logs helm into the registries named in Chart.yaml, passing the token on stdin.',
    args: [],
    flags: [
      { name: 'chart', description: 'chart directory (default: chart: in jetscale.config.yaml, else charts/jetscale)', type: 'string', valueName: 'dir', default: 'charts/jetscale', env: 'JETSCALE_CHART', config: 'chart', path: true },
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
