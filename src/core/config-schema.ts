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
