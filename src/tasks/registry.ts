// The task registry: every task the CLI offers, declared once. Implementations load lazily.
import type { TaskSpec } from '../runtime/task-spec.js';

/** The flags diagnose and diagnose:live share. */
const FLAGS: TaskSpec['flags'] = [
      { name: 'context', description: 'kube context of the environment (default: for pr-<n>, a kubeconfig context named after it; otherwise the current one); used in memory only', type: 'string', valueName: 'name' },
      { name: 'resolve', description: 'answer DNS for these hosts without asking (as curl --resolve): host=ip[,host=ip…]', type: 'string', valueName: 'host=ip' },
      { name: 'ca-file', description: 'also trust the CA certificates in this PEM file (verification stays on)', type: 'string', valueName: 'pem', path: true },
      { name: 'nameserver', description: 'ask this DNS server (ip[:port], comma-separated) instead of the system resolver, e.g. an authoritative server of the zone', type: 'string', valueName: 'ip' },
      { name: 'role-arn', description: 'assume this role with a session policy that denies every non-read action, so the credentials themselves cannot write', type: 'string', valueName: 'arn', env: 'JETSCALE_DIAGNOSE_ROLE_ARN' },
      { name: 'backend-path', description: 'backend endpoint probed next to /', type: 'string', valueName: 'path', default: '/api/v2/system/ready', env: 'JETSCALE_BACKEND_PATH' },
      { name: 'https-port', description: 'connect to this port for https:// (a port-forward or local proxy; default 443)', type: 'number', valueName: 'n', integer: true, min: 1 },
      { name: 'http-port', description: 'connect to this port for http:// (default 80)', type: 'number', valueName: 'n', integer: true, min: 1 },
    ];

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
      { name: 'cache', description: 'reuse the render verdicts and parses of unchanged files (content-addressed, node_modules/.cache/jetscale); --no-cache renders and parses everything', type: 'boolean', default: true, env: 'JETSCALE_RENDER_CACHE' },
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
    id: 'ephemeral:deploy',
    summary: 'Deploy a preview environment (cluster per PR) and gate on its reachability: terraform, preflight, helm, then a hard HTTPS health gate.',
    description:
      'Steps, each with a deadline and a retry policy, journaled so a plain re-run converges and --from resumes:\n' +
      '  identity     pr-<n> is the cluster, namespace and release; the host <env>-<branch>-<dns.hostSuffix>.<dns.domain> is one DNS label\n' +
      '  guards       the STS caller must be in aws.accounts / aws.regions / aws.callerArnPatterns (exit 3); always runs\n' +
      '  stale-state  state whose EKS cluster is gone: backed up, then its Kubernetes/Helm resources dropped\n' +
      '  adopt        resources in ephemeral.adopt found by tag are imported (generated import blocks)\n' +
      '  terraform    apply -json; a held lock and the ALB webhook are retried, a stuck lock names its holder\n' +
      '  preflight    ESO, the SecretStore, the client secret, the pull secret, app-secrets; all at once (exit 3)\n' +
      '  helm         values checked like validate:envs, pending-* recovered, upgrade --install\n' +
      '  health       workloads, ExternalSecrets, Ingress, ALB, targets, DNS, verified HTTPS on every path (exit 5)',
    args: [{ name: 'env', description: 'the preview environment: pr-<PR number>' }],
    flags: [
      { name: 'branch', description: 'the branch the host is named after (default: GITHUB_HEAD_REF, else GITHUB_REF_NAME)', type: 'string', valueName: 'name', env: 'JETSCALE_BRANCH' },
      { name: 'iac-dir', description: "the environment's IaC directory (default: terraform.iacDir; none: the terraform steps do nothing)", type: 'string', valueName: 'dir', config: 'terraform.iacDir', path: true },
      { name: 'from', description: 'resume at this step (earlier ones must have finished in the journal): stale-state, adopt, terraform, preflight, helm, health', type: 'string', valueName: 'step', choices: ['identity', 'guards', 'stale-state', 'adopt', 'terraform', 'preflight', 'helm', 'health'] },
      { name: 'resolve', description: "answer DNS for a host with this address, like curl's --resolve (host=ip, several comma-separated)", type: 'string', valueName: 'host=ip' },
      { name: 'ca-file', description: 'also trust the CA certificates in this PEM file for the HTTPS checks (never insecure)', type: 'string', valueName: 'pem', path: true },
      { name: 'https-port', description: 'port of the HTTPS checks (default 443; for a port-forward or a local test server)', type: 'number', valueName: 'port', integer: true, min: 1 },
      { name: 'context', description: 'Kubernetes context (default: the kubeconfig\'s current one)', type: 'string', valueName: 'name', env: 'JETSCALE_KUBE_CONTEXT' },
      { name: 'force-unlock', description: 'release a Terraform state lock older than terraform.forceUnlockAfterMinutes (named in the output)', type: 'boolean', default: false },
      { name: 'recover-pending', description: 'roll back (or uninstall) a release stuck in pending-* even if it is younger than helm\'s timeout', type: 'boolean', default: false },
      { name: 'diagnostics', description: 'where the gate writes its diagnostics bundle on failure (default .jetscale/ephemeral/<env>/diagnostics.json)', type: 'string', valueName: 'file', path: true },
    ],
    // destroy, for one guarded case only: a first install stuck in pending-install (no revision ever deployed) is
    // uninstalled so the install can start over (--recover-pending or older than helm's timeout). Everything else writes.
    effect: 'destroy',
    examples: ['jetscale ephemeral:deploy pr-123 --branch feature/login', 'jetscale ephemeral:deploy pr-123 --dry-run', 'jetscale ephemeral:deploy pr-123 --from helm', 'jetscale ephemeral:deploy pr-123 --from health --resolve pr-123-login-unstable.jetscale.ai=203.0.113.7'],
    tools: ['helm'],
    load: async () => (await import('./ephemeral-deploy.js')).ephemeralDeploy,
  },
  {
    id: 'ephemeral:destroy',
    summary: "Delete a preview environment's AWS resources (PR close): plan by default, --apply to delete; only what carries two ownership signals.",
    description: [
      'Guards first: <env> is pr-<n> and no protected name; one STS call shows an',
      'account, region and caller in the aws.* allow lists (none set: nothing runs).',
      'Discovery: env tags (Tagging API), the Load Balancer Controller tag (ELBv2',
      'DescribeTags, 20 ARNs a call), cluster <env> and its nodegroups, secrets',
      '<env>-ephemeral/…, the Terraform state object. Each resource needs two',
      'signals (env tag, controller tag, exact name, membership in the cluster or',
      'its VPC): one signal is a suspect (kept, warned); a protection tag or a',
      'protected name refuses it. --apply runs terraform destroy first when the',
      'state exists and the cluster is ACTIVE, then deletes nodegroups → load',
      'balancers → target groups → cluster → secrets → empty state, re-reading',
      'tags before each delete, and discovers again. Exit 6 if anything is left.',
    ].join('\n'),
    args: [{ name: 'env', description: 'the preview environment: pr-<PR number>' }],
    flags: [
      { name: 'apply', description: 'delete (without it: plan only, nothing is deleted)', type: 'boolean', default: false },
      { name: 'plan-out', description: 'write the plan (resources, evidence, edges, identity, hash) as JSON to this file', type: 'string', valueName: 'file', path: true },
      { name: 'plan', description: 'with --apply: delete only what is in this plan and still matches it (refused if expired, tampered or for another account/region/env)', type: 'string', valueName: 'file', path: true },
      { name: 'iac-dir', description: "the environment's IaC directory for terraform destroy (default: terraform.iacDir)", type: 'string', valueName: 'dir', config: 'terraform.iacDir', path: true },
    ],
    effect: 'destroy',
    examples: ['jetscale ephemeral:destroy pr-123', 'jetscale ephemeral:destroy pr-123 --plan-out plan.json', 'jetscale ephemeral:destroy pr-123 --apply --plan plan.json', 'jetscale ephemeral:destroy pr-123 --apply --iac-dir iac/clients --json'],
    tools: [],
    load: async () => (await import('./ephemeral-destroy.js')).ephemeralDestroy,
  },
  {
    id: 'ephemeral:janitor',
    summary: 'Find orphaned preview environments (PR closed past --grace, or unlabelled and older than --older-than) and destroy them; plan unless --apply.',
    description: [
      'Candidates: pr-* values of the env and controller tag keys (Tagging',
      'GetTagValues), EKS clusters named pr-*, state objects under the state key',
      'prefix. PR states come from the GitHub REST API (GITHUB_API_URL,',
      'GITHUB_REPOSITORY, GITHUB_TOKEN); any API failure makes a PR "unknown",',
      'which is never an orphan. Runs ephemeral:destroy on at most --max-envs',
      'orphans per run.',
    ].join('\n'),
    args: [],
    flags: [
      { name: 'apply', description: 'destroy the orphans (without it: plan only)', type: 'boolean', default: false },
      { name: 'grace', description: 'a closed PR is an orphan only after this long (the PR-close job had its chance)', type: 'string', valueName: 'duration', default: '2h' },
      { name: 'older-than', description: 'an open PR without the preview label is an orphan when its environment is older than this', type: 'string', valueName: 'duration', default: '24h' },
      { name: 'max-envs', description: 'destroy at most this many environments per run', type: 'number', valueName: 'n', default: 5, integer: true, min: 1 },
      { name: 'iac-dir', description: "the environments' IaC directory for terraform destroy (default: terraform.iacDir)", type: 'string', valueName: 'dir', config: 'terraform.iacDir', path: true },
    ],
    effect: 'destroy',
    examples: ['jetscale ephemeral:janitor', 'jetscale ephemeral:janitor --apply --max-envs 3', 'jetscale ephemeral:janitor --grace 6h --older-than 3d --json'],
    tools: [],
    load: async () => (await import('./ephemeral-janitor.js')).ephemeralJanitor,
  },
  {
    id: 'diagnose',
    summary: 'Find out why a preview env or host is not reachable: DNS → HTTPS → ALB → Kubernetes → Secrets Manager, read-only, most likely cause first.',
    description:
      'Prints a verdict per layer with its evidence, then the most likely cause as a causal chain and the read-only commands\n' +
      '(dig, curl -sSI, aws elbv2 …, kubectl get/describe) that show the same evidence. Declared read: any write on any channel is\n' +
      'refused before it leaves the process. Exit 0 healthy, 5 a cause was found, 3 something could not be checked.',
    args: [{ name: 'target', description: 'a preview environment (pr-<n>) or a public host name' }],
    flags: FLAGS,
    effect: 'read',
    examples: ['jetscale diagnose pr-7', 'jetscale diagnose pr-7-my-branch.jetscale.ai --context pr-7', 'jetscale diagnose pr-7 --resolve pr-7-x.jetscale.ai=203.0.113.10', 'jetscale diagnose pr-7 --role-arn arn:aws:iam::123456789012:role/breakglass-read', 'jetscale diagnose pr-7 --json'],
    tools: [],
    load: async () => (await import('./diagnose.js')).diagnose,
  },
  {
    id: 'diagnose:live',
    summary: 'The same read-only walk for a live environment (envs/live/<project>.yaml: host, namespace, secret prefix from its values).',
    description: 'Uses the current kube context unless --context names one; the release (secret names <release>-…) defaults to global.client_name.',
    args: [{ name: 'project', description: 'the live environment: the name of envs/live/<project>.yaml', pattern: '^[a-z0-9][a-z0-9-]*$' }],
    flags: [...FLAGS, { name: 'release', description: 'Helm release of the live environment (default: global.client_name)', type: 'string', valueName: 'name' }],
    effect: 'read',
    examples: ['jetscale diagnose:live console --context prod', 'jetscale diagnose:live console --role-arn arn:aws:iam::123456789012:role/breakglass-read --json'],
    tools: [],
    load: async () => (await import('./diagnose.js')).diagnoseLive,
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
