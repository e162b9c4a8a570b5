// One factory for the run's AWS clients: each SDK client is imported on first use, built once with the same region,
// credentials, endpoint override and retry policy, and carries the effect-gate middleware.
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { EKSClient } from '@aws-sdk/client-eks';
import type { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { STSClient, STSClientConfig } from '@aws-sdk/client-sts';
import type { EffectGate } from '../core/effects.js';
import { preconditionError } from '../core/errors.js';
import type { Secrets } from '../core/secrets.js';
import { readAwsEnv, type AwsEnv, type AwsEnvSettings } from './client-config.js';
import { attachGate } from './gate-middleware.js';
import type { AwsService } from './operations.js';

/** The SDK client of each service. */
export interface AwsClientMap {
  sts: STSClient;
  elbv2: ElasticLoadBalancingV2Client;
  eks: EKSClient;
  secretsmanager: SecretsManagerClient;
  tagging: ResourceGroupsTaggingAPIClient;
  s3: S3Client;
}

/** A retry strategy as every SDK client accepts it. */
export type AwsRetryStrategy = NonNullable<STSClientConfig['retryStrategy']>;

/** What createAwsClients needs: the gate, the env view and the retry policy from config. */
export interface AwsClientOptions {
  gate: EffectGate;
  /** The CLI's env view (not process.env): region, credentials, profile and endpoints come from here. */
  env: AwsEnv;
  /** Config `aws.retryMode` (default standard). */
  retryMode?: 'standard' | 'adaptive';
  /** Config `aws.maxAttempts` (default 3). */
  maxAttempts?: number;
  /** Registers credentials from the env view for redaction. */
  secrets?: Secrets;
  /** Replaces the retry strategy (tests use a millisecond backoff); receives the resolved max attempts. */
  retryStrategy?: (maxAttempts: number) => AwsRetryStrategy;
  /** The run's cancellation (Ctrl-C): aborts requests in flight and refuses new ones with its reason. */
  signal?: AbortSignal;
  /** Deadline of one HTTP attempt (default 60 s); a timed-out attempt is retried like any transient error. */
  requestTimeoutMs?: number;
}

/** The run's clients: each built on first use and memoised. */
export interface AwsClients {
  readonly gate: EffectGate;
  readonly secrets: Secrets | undefined;
  /** Options for every `send` (the run's abort signal). */
  readonly sendOptions: { abortSignal?: AbortSignal };
  /** The SDK client of a service (facades use this; tasks use facades). */
  get<K extends AwsService>(service: K): Promise<AwsClientMap[K]>;
  /** Closes the sockets of every client built so far. */
  destroy(): void;
}

const CONNECT_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 60_000;

type Ctor = new (config: Record<string, unknown>) => AwsClientMap[AwsService];

/** Each service's lazy import: the SDK module is loaded only when its client is first asked for. */
const LOADERS: { [K in AwsService]: () => Promise<Ctor> } = {
  sts: async () => (await import('@aws-sdk/client-sts')).STSClient as Ctor,
  elbv2: async () => (await import('@aws-sdk/client-elastic-load-balancing-v2')).ElasticLoadBalancingV2Client as Ctor,
  eks: async () => (await import('@aws-sdk/client-eks')).EKSClient as Ctor,
  secretsmanager: async () => (await import('@aws-sdk/client-secrets-manager')).SecretsManagerClient as Ctor,
  tagging: async () => (await import('@aws-sdk/client-resource-groups-tagging-api')).ResourceGroupsTaggingAPIClient as Ctor,
  s3: async () => (await import('@aws-sdk/client-s3')).S3Client as Ctor,
};

/** Builds the run's client factory; env settings are read (and endpoint variables checked) right away. */
export function createAwsClients(opts: AwsClientOptions): AwsClients {
  const settings = readAwsEnv(opts.env);
  opts.secrets?.add(settings.credentials?.secretAccessKey);
  opts.secrets?.add(settings.credentials?.sessionToken);
  const built = new Map<AwsService, Promise<AwsClientMap[AwsService]>>();
  const live: Array<AwsClientMap[AwsService]> = [];
  let region: Promise<string> | undefined = settings.region === undefined ? undefined : Promise.resolve(settings.region);

  const build = async (service: AwsService): Promise<AwsClientMap[AwsService]> => {
    const Client = await LOADERS[service]();
    const make = (r: string | undefined) => new Client(clientConfig(service, settings, opts, r));
    let client: AwsClientMap[AwsService];
    if (region) {
      client = make(await region);
    } else {
      // No region in the env view: the SDK's loader (profile config, instance metadata) decides, once per run.
      client = make(undefined);
      region = client.config.region().catch((error: unknown) => {
        const profile = settings.profile ? `profile ${settings.profile}` : 'the default profile';
        throw preconditionError(`no AWS region: AWS_REGION and AWS_DEFAULT_REGION are unset and ${profile} has none (${error instanceof Error ? error.message : String(error)})`,
          `set AWS_REGION (or AWS_DEFAULT_REGION), or \`region\` for ${profile} in ~/.aws/config`, 'E_AWS_REGION');
      });
      await region;
    }
    attachGate(client, opts.gate, opts.signal);
    live.push(client);
    return client;
  };

  return {
    gate: opts.gate,
    secrets: opts.secrets,
    sendOptions: opts.signal ? { abortSignal: opts.signal } : {},
    get: <K extends AwsService>(service: K) => {
      let client = built.get(service);
      if (!client) built.set(service, (client = build(service)));
      return client as Promise<AwsClientMap[K]>;
    },
    destroy: () => live.splice(0).forEach((c) => c.destroy()),
  };
}

function clientConfig(service: AwsService, s: AwsEnvSettings, opts: AwsClientOptions, region: string | undefined): Record<string, unknown> {
  const maxAttempts = opts.maxAttempts ?? 3;
  const endpoint = s.endpoints[service];
  return {
    ...(region ? { region } : {}),
    // The profile also selects the region and settings in ~/.aws/config; explicit env keys still win for credentials.
    ...(s.profile ? { profile: s.profile } : {}),
    ...(s.credentials ? { credentials: s.credentials } : {}),
    ...(endpoint ? { endpoint } : {}),
    // A simulator or VPC endpoint has no per-bucket DNS names: address buckets as <endpoint>/<bucket>/<key>.
    ...(endpoint && service === 's3' ? { forcePathStyle: true } : {}),
    requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout: opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS },
    ...(opts.retryStrategy ? { retryStrategy: opts.retryStrategy(maxAttempts) } : { retryMode: opts.retryMode ?? 'standard', maxAttempts }),
  };
}
