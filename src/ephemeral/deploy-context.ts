// What every step of ephemeral:deploy works with: the identity, the resolved settings (paths, names, budgets), the
// run's adapters, and the few facts one step learns for later ones (the caller's account). Built once per run.
import { join, resolve } from 'node:path';
import type { Aws } from '../aws/index.js';
import type { Check } from '../health/index.js';
import type { KubeClient } from '../kube/index.js';
import type { TaskContext } from '../runtime/context.js';
import type { ResolvedTool } from '../tools/tool-table.js';
import type { DeployCaller } from './deploy-guard.js';
import type { EnvIdentity } from './identity.js';

/** Options from the command line. */
export interface DeployFlags {
  branch: string;
  iacDir?: string;
  context?: string;
  /** `--resolve host=ip[,host=ip]`: answer DNS for these hosts, as curl's --resolve does (SNI stays the host). */
  resolve?: string;
  /** Port of the HTTPS probes (443; a port-forward or a test server differs). */
  httpsPort?: number;
  caFile?: string;
  forceUnlock: boolean;
  recoverPending: boolean;
  diagnostics?: string;
}

/** Paths and names derived from configuration and the identity. */
export interface DeploySettings {
  /** '' when no IaC is configured: the Terraform steps then have nothing to do. */
  iacDir: string;
  stateBucket: string;
  stateKey: string;
  chartDir: string;
  /** The values files before the generated one, in order. */
  valuesFiles: string[];
  /** Where generated files (runtime values, diagnostics) go. */
  workDir: string;
  /** The generated layers: `ingress.hosts: null`, then the runtime overrides. */
  clearHostsFile: string;
  runtimeValuesFile: string;
  importsFile: string;
  diagnosticsFile: string;
  clientSecretId: string;
}

/** The merged, checked values of the deploy and the files helm reads, in order. */
export interface DeployValues {
  values: Record<string, unknown>;
  /** Absolute values files for helm, the generated ones last. */
  files: string[];
  /** The generated files' content, by path. */
  generated: Record<string, string>;
  /** Warnings the validate:envs rules found (errors stop the deploy before this exists). */
  warnings: number;
}

/** What the task layer plugs into the domain: values composition and the gate's observation (they join modules
 * the ephemeral domain may not import: values/policy/validate and diagnose's collectors). */
export interface DeployPlugins {
  composeValues(d: DeployContext): Promise<DeployValues>;
  /** One look at every layer of the environment, judged (the gate polls this). */
  observe(d: DeployContext, signal: AbortSignal): Promise<Check[]>;
  /** The evidence bundle written when the gate fails (secrets redacted by the caller). */
  diagnostics(d: DeployContext, checks: readonly Check[], signal: AbortSignal): Promise<Record<string, unknown>>;
}

/** One deploy run's shared state. */
export interface DeployContext {
  ctx: TaskContext;
  id: EnvIdentity;
  flags: DeployFlags;
  settings: DeploySettings;
  aws(): Promise<Aws>;
  /** The Kubernetes client for `--context` (or the kubeconfig's current context). */
  kube(): Promise<KubeClient>;
  tool(name: 'helm' | 'terraform'): Promise<ResolvedTool>;
  /** The merged values (composed and checked once per run). */
  values(): Promise<DeployValues>;
  plugins: DeployPlugins;
  /** Set by the guards step (which always runs): who deploys, in which region. */
  caller?: DeployCaller;
  /** `terraform init` once per run (reset when it fails, so a retry runs it again). */
  terraformInit?: Promise<void>;
}

/** Resolves every path and name of the deploy from configuration, flags and identity. */
export function resolveSettings(ctx: TaskContext, id: EnvIdentity, flags: DeployFlags): DeploySettings {
  const c = ctx.config;
  const iac = flags.iacDir ?? c.terraform.iacDir;
  const iacDir = iac ? resolve(ctx.root, iac) : '';
  const envs = resolve(ctx.root, c.envs);
  const preview = resolve(ctx.root, c.ephemeral.valuesFile);
  const typeDefault = join(preview, '..', 'default.yaml');
  const workDir = resolve(ctx.root, '.jetscale', 'ephemeral', id.envId);
  return {
    iacDir,
    stateBucket: c.terraform.stateBucket,
    stateKey: c.terraform.stateKeyPattern.replaceAll('{env}', id.envId),
    chartDir: resolve(ctx.root, c.chart),
    valuesFiles: [join(envs, `${c.ephemeral.cloud}.yaml`), typeDefault, preview],
    workDir,
    clearHostsFile: join(workDir, 'values.clear-hosts.yaml'),
    runtimeValuesFile: join(workDir, 'values.runtime.yaml'),
    importsFile: iacDir ? join(iacDir, 'jetscale_imports.tf') : '',
    diagnosticsFile: flags.diagnostics ?? join(workDir, 'diagnostics.json'),
    clientSecretId: c.ephemeral.clientSecretPattern.replaceAll('{env}', id.envId),
  };
}

/** Builds the run's deploy context (adapters are created on first use). */
export function makeDeployContext(ctx: TaskContext, id: EnvIdentity, flags: DeployFlags, plugins: DeployPlugins): DeployContext {
  const tools = new Map<string, Promise<ResolvedTool>>();
  let values: Promise<DeployValues> | undefined;
  const d: DeployContext = {
    ctx,
    id,
    flags,
    plugins,
    values: () => (values ??= plugins.composeValues(d)),
    settings: resolveSettings(ctx, id, flags),
    aws: () => ctx.aws(),
    kube: () => ctx.kube(flags.context ? { context: flags.context } : {}),
    tool(name) {
      let t = tools.get(name);
      // terraform means "tofu, else terraform", as ephemeral:destroy resolves it: one state, one binary.
      if (!t) tools.set(name, (t = ctx.tools.resolve(name === 'terraform' ? 'tofu' : name)));
      return t;
    },
  };
  return d;
}
