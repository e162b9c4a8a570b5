// The shape of jetscale.config.yaml: every key, its type and its default, in one zod schema.
// The env var of each key follows from its path (config-keys.ts), so adding a key here is all it takes.
import * as z from 'zod';

const accountId = z.string().regex(/^\d{12}$/, 'an AWS account id is exactly 12 digits');
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region looks like us-east-1');
const nonEmpty = z.string().min(1, 'must not be empty');
const tagKey = z.string().min(1, 'must not be empty').max(128, 'AWS tag keys are at most 128 characters');
const regexText = nonEmpty.refine((s) => {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}, 'must be a valid regular expression');

export const ConfigSchema = z.strictObject({
  /** Umbrella chart directory, relative to the repo root. */
  chart: nonEmpty.default('charts/jetscale'),
  /** Environments directory, relative to the repo root. */
  envs: nonEmpty.default('envs'),
  aws: z
    .strictObject({
      /** Account ids jetscale may act in; empty means no destructive AWS task runs. */
      accounts: z.array(accountId).default([]),
      /** Regions jetscale may act in; empty means any region of an allowed account. */
      regions: z.array(region).default([]),
      /** Regular expressions the STS caller ARN must match; empty means any caller of an allowed account. */
      callerArnPatterns: z.array(regexText).default([]),
      retryMode: z.enum(['standard', 'adaptive']).default('standard'),
      maxAttempts: z.number().int().min(1).max(20).default(3),
    })
    .prefault({}),
  dns: z
    .strictObject({
      /** The public zone preview hosts live in (covered by the wildcard certificate). */
      domain: z.string().default(''),
      /** The fixed part appended to a preview host's first label. */
      hostSuffix: z.string().default(''),
    })
    .prefault({}),
  /** Names (besides prod, live, staging and tools, which are always protected) no destructive task may touch. */
  protectedNames: z.array(nonEmpty).default([]),
  tags: z
    .strictObject({
      envId: tagKey.default('jetscale.env_id'),
      clusterId: tagKey.default('jetscale.cluster_id'),
      lifecycle: tagKey.default('jetscale.lifecycle'),
      controllerCluster: tagKey.default('elbv2.k8s.aws/cluster'),
      protected: tagKey.default('jetscale.protected'),
    })
    .prefault({}),
  terraform: z
    .strictObject({
      /** S3 bucket holding the ephemeral environments' Terraform state. */
      stateBucket: z.string().default(''),
      /** State object key; `{env}` is replaced by the environment id. */
      stateKeyPattern: nonEmpty.refine((s) => s.includes('{env}'), 'must contain {env}').default('ephemeral/{env}/terraform.tfstate'),
      /** Directory of the ephemeral environment's IaC, relative to the repo root. */
      iacDir: z.string().default(''),
      /** How long one terraform run waits for a held state lock (`-lock-timeout`). */
      lockTimeoutSeconds: z.number().min(0).max(3600).default(300),
      /** Attempts of the apply step for retryable failures (a held lock, the ALB webhook not ready). */
      applyAttempts: z.number().int().min(1).max(10).default(3),
      /** Pause between apply attempts. */
      retryDelaySeconds: z.number().min(0).max(600).default(10),
      /** With --force-unlock, only a lock at least this old is released. */
      forceUnlockAfterMinutes: z.number().min(1).default(60),
      /** Providers that need the EKS cluster: their resources are dropped from state when the cluster is gone. */
      clusterProviders: z.array(nonEmpty).default(['kubernetes', 'helm', 'kubectl']),
    })
    .prefault({}),
  ephemeral: z
    .strictObject({
      /** Cloud layer of the deploy (envs/<cloud>.yaml). */
      cloud: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a cloud is the name of a top-level envs/<cloud>.yaml').default('aws'),
      /** The environment file every preview is layered on, relative to the repo root. */
      valuesFile: nonEmpty.default('envs/preview/preview.yaml'),
      /** Secrets Manager id of the application's AWS client configuration; `{env}` is the environment id. */
      clientSecretPattern: nonEmpty.refine((s) => s.includes('{env}'), 'must contain {env}').default('{env}-ephemeral/application/aws/client'),
      registry: z
        .strictObject({
          server: nonEmpty.default('ghcr.io'),
          username: nonEmpty.default('jetscalebot'),
          /** The image pull secret created in the environment's namespace. */
          secretName: nonEmpty.default('jetscale-registry-secret'),
          /** The environment variable holding the pull token (never argv). */
          tokenEnv: nonEmpty.default('JETSCALEBOT_GHCR_PULL_TOKEN'),
        })
        .prefault({}),
      eso: z.strictObject({ namespace: nonEmpty.default('external-secrets-system'), deployment: nonEmpty.default('external-secrets') }).prefault({}),
      albController: z.strictObject({ namespace: nonEmpty.default('kube-system'), deployment: nonEmpty.default('aws-load-balancer-controller') }).prefault({}),
      /** helm's own deadline for the upgrade; a pending release older than this may be recovered without --recover-pending. */
      helmTimeoutSeconds: z.number().int().min(30).default(900),
      health: z
        .strictObject({
          /** Paths probed over HTTPS: the frontend and a backend endpoint at least. */
          paths: z.array(z.string().regex(/^\//, 'a path starts with /')).min(1).default(['/', '/api/v2/system/ready']),
          expectStatus: z.number().int().min(100).max(599).default(200),
          /** Consecutive passes of every layer before the gate is green. */
          passes: z.number().int().min(1).max(20).default(3),
          intervalMs: z.number().int().min(10).default(5000),
          deadlineSeconds: z.number().positive().default(900),
          requestTimeoutMs: z.number().int().min(100).default(8000),
        })
        .prefault({}),
      /** ephemeral:destroy blast-radius cap: a plan that would delete more load balancers than this is refused whole. */
      maxLoadBalancers: z.number().int().min(1).max(100).default(5),
      /** 0 deletes secrets at once (ForceDeleteWithoutRecovery), so a re-opened PR can recreate them; 7–30 schedules. */
      secretRecoveryDays: z.number().int().refine((n) => n === 0 || (n >= 7 && n <= 30), 'must be 0 (delete at once) or 7–30 days').default(0),
      /** How long a plan written by `ephemeral:destroy --plan-out` may be applied with `--plan`. */
      planTtlMinutes: z.number().int().min(1).max(10_080).default(60),
      /** Resources to adopt by tag when they exist but are missing from state: Terraform address, resource type, import id. */
      adopt: z.array(z.strictObject({ address: nonEmpty, resourceType: nonEmpty, importId: z.enum(['arn', 'name']).default('name') })).default([]),
    })
    .prefault({}),
  /** Environment types served publicly: TLS/DNS parity is enforced across all of them. */
  publicEnvTypes: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'an environment type is a folder name under envs/ (a-z, 0-9, -)')).default(['preview', 'live']),
  /** Kinds each environment type must render, e.g. `{ live: [Ingress] }`. */
  requiredKinds: z.record(z.string(), z.array(z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'a Kubernetes kind such as Ingress'))).default({ live: ['Ingress'] }),
  /** Where step journals go (for `--from <step>`), relative to the repo root. */
  journalDir: nonEmpty.default('.jetscale/journal'),
});

/** The resolved configuration every task receives (defaults applied). */
export type JetscaleConfig = z.infer<typeof ConfigSchema>;
