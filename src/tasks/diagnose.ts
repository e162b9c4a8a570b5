// diagnose <pr-N | host> and diagnose:live <project>: read-only breakglass. Builds the target from the values, the
// AWS (optionally an assumed read-only role), Kubernetes (chosen context, in memory) and net adapters over the
// run's gate, runs the layers and prints the report; exit 0 healthy, 5 a cause found, 3 could not check.
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import * as z from 'zod';
import type { Aws } from '../aws/index.js';
import { preconditionError, usageError } from '../core/errors.js';
import { attempt, type Read } from '../diagnose/attempt.js';
import { loadTarget } from '../diagnose/load-target.js';
import { readOnlySessionPolicy } from '../diagnose/read-only-policy.js';
import { renderReport } from '../diagnose/render.js';
import { runDiagnosis } from '../diagnose/run-diagnosis.js';
import { DEFAULT_BACKEND_PATH, type DiagnoseTarget } from '../diagnose/target.js';
import type { KubeClient } from '../kube/index.js';
import { createNetClient, parseResolveOverrides } from '../net/index.js';
import type { TaskContext } from '../runtime/context.js';
import { typedTask } from '../runtime/typed-task.js';

const Flags = z.object({
  context: z.string().optional(),
  resolve: z.string().optional(),
  'ca-file': z.string().optional(),
  nameserver: z.string().optional(),
  'role-arn': z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, 'must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)').optional(),
  'backend-path': z.string().regex(/^\/\S*$/, 'must start with /').default(DEFAULT_BACKEND_PATH),
  'https-port': z.number().int().min(1).max(65535).optional(),
  'http-port': z.number().int().min(1).max(65535).optional(),
});
type DiagnoseFlags = z.infer<typeof Flags>;

const PreviewInput = z.object({ args: z.object({ target: z.string() }), flags: Flags });
const LiveInput = z.object({ args: z.object({ project: z.string() }), flags: Flags.extend({ release: z.string().optional() }) });

/** How long one probe may take (the global --timeout replaces it). */
const PROBE_TIMEOUT_MS = 8000;

async function readCaFile(path: string | undefined): Promise<string | undefined> {
  if (!path) return undefined;
  const text = await readFile(path, 'utf8').catch((e: Error) => {
    throw usageError(`--ca-file ${path} cannot be read: ${e.message}`, 'pass a PEM file with the CA certificate(s) to trust besides the system ones');
  });
  if (!text.includes('-----BEGIN CERTIFICATE-----')) throw usageError(`--ca-file ${path} holds no PEM certificate`, 'pass a PEM file (-----BEGIN CERTIFICATE-----)');
  return text;
}

function parseNameservers(text: string | undefined): string[] | undefined {
  if (!text) return undefined;
  const list = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of list) {
    const host = s.startsWith('[') ? s.slice(1, s.indexOf(']')) : s.split(':').length === 2 ? s.split(':')[0]! : s;
    if (isIP(host) === 0) throw usageError(`invalid --nameserver "${s}": expected an IP address, optionally with :port`, 'e.g. --nameserver 205.251.192.1 (an authoritative server of the zone) or 127.0.0.1:5353');
  }
  return list;
}

// The context of a preview env's own cluster (cluster-per-PR): --context, else a kubeconfig context named after the
// env (`pr-7`, or an EKS ARN ending in `cluster/pr-7`); never the current context, which may be another cluster.
async function kubeFor(ctx: TaskContext, target: DiagnoseTarget, context: string | undefined): Promise<Read<KubeClient>> {
  return attempt(async () => {
    if (context) return ctx.kube({ context });
    if (target.kind !== 'preview') return ctx.kube();
    const { loadKubeConfig } = await import('../kube/index.js');
    const loaded = await loadKubeConfig({ env: ctx.env, cwd: ctx.cwd, secrets: ctx.secrets });
    const id = target.envId!;
    const ends = (s: string) => s === id || s.endsWith(`/${id}`);
    const match = loaded.kubeConfig.getContexts().find((c) => ends(c.name) || ends(c.cluster));
    if (!match) throw preconditionError(`no kube context for ${id} in ${loaded.files.join(', ')}`, `pass --context, e.g. after \`aws eks update-kubeconfig --name ${id} --kubeconfig <file>\``, 'E_KUBE_CONTEXT');
    return ctx.kube({ context: match.name });
  });
}

// With --role-arn, every AWS read after one sts:AssumeRole uses the narrowed session's credentials.
function awsFor(ctx: TaskContext, roleArn: string | undefined) {
  if (!roleArn) {
    return { aws: () => ctx.aws(), readOnly: { mode: 'code-only' as const, detail: 'writes are refused by jetscale itself; pass --role-arn <breakglass role> to make the credentials unable to write too' } };
  }
  let made: Promise<Aws> | undefined;
  // The run's adapters build (and close at the end of the run) the clients signed with the narrowed session.
  const aws = () => (made ??= (async () => {
    const creds = await (await ctx.aws()).sts.assumeRole({ roleArn, sessionName: 'jetscale-diagnose', policy: readOnlySessionPolicy(), durationSeconds: 900 });
    return ctx.aws({ credentials: { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, sessionToken: creds.sessionToken } });
  })());
  return { aws, readOnly: { mode: 'session-policy' as const, detail: `assumed ${roleArn} with a session policy that denies everything but Describe*/List*/Get*: these credentials cannot write` } };
}

async function diagnoseTarget(ctx: TaskContext, flags: DiagnoseFlags, where: { arg?: string; liveProject?: string; release?: string }) {
  const overrides = parseResolveOverrides(flags.resolve);
  const nameservers = parseNameservers(flags.nameserver);
  const caPem = await readCaFile(flags['ca-file']);
  const target = await loadTarget({ root: ctx.root, envsDir: ctx.config.envs, chartDir: ctx.config.chart, cloud: 'aws', backendPath: flags['backend-path'], ...where });
  const net = createNetClient({
    gate: ctx.effects, overrides, signal: ctx.signal, timeoutMs: ctx.timeoutOverrideMs ?? PROBE_TIMEOUT_MS,
    ...(caPem ? { caPem } : {}), ...(nameservers ? { nameservers } : {}),
    ports: { ...(flags['https-port'] ? { https: flags['https-port'] } : {}), ...(flags['http-port'] ? { http: flags['http-port'] } : {}) },
  });
  const aws = awsFor(ctx, flags['role-arn']);
  const region = ctx.env.get('AWS_REGION') ?? ctx.env.get('AWS_DEFAULT_REGION');
  const report = await runDiagnosis({
    target, now: ctx.now, net, aws: aws.aws, kube: () => kubeFor(ctx, target, flags.context),
    controllerTagKey: ctx.config.tags.controllerCluster, awsReadOnly: aws.readOnly, ...(region ? { region } : {}),
  });
  for (const line of renderReport(report, ctx.out.c)) ctx.out.print(line);
  return { data: report, exitCode: report.conclusion.exitCode };
}

/** diagnose <pr-N | host>: walks DNS → HTTPS → ALB → Kubernetes → Secrets Manager read-only and names the cause. */
export const diagnose = typedTask(PreviewInput, (ctx, input) => diagnoseTarget(ctx, input.flags, { arg: input.args.target }));

/** diagnose:live <project>: the same walk for envs/live/<project>.yaml (host, namespace, secret prefix from its values). */
export const diagnoseLive = typedTask(LiveInput, (ctx, input) => diagnoseTarget(ctx, input.flags, { liveProject: input.args.project, ...(input.flags.release ? { release: input.flags.release } : {}) }));
