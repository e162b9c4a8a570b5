// Client settings read once from the CLI's env view (never process.env): region, credentials, endpoints.
// The variable names are the SDK's own, so a user's shell, CI and the simulator all point clients the same way.
import { JetscaleError, preconditionError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import type { AwsService } from './operations.js';

/** The env view the AWS adapter reads. */
export type AwsEnv = Readonly<Record<string, string | undefined>>;

/** The suffix of each service's `AWS_ENDPOINT_URL_<SERVICE>` variable (the SDK's service id in upper snake case). */
export const ENDPOINT_ENV_SUFFIX: Readonly<Record<AwsService, string>> = {
  sts: 'STS',
  elbv2: 'ELASTIC_LOAD_BALANCING_V2',
  eks: 'EKS',
  secretsmanager: 'SECRETS_MANAGER',
  tagging: 'RESOURCE_GROUPS_TAGGING_API',
  s3: 'S3',
};

/** Static credentials from the env view, when it carries both keys. */
export interface EnvCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** What every client gets, resolved from the env view. */
export interface AwsEnvSettings {
  /** From AWS_REGION, then AWS_DEFAULT_REGION; undefined → the SDK's loader (profile config). */
  region: string | undefined;
  /** Env keys win; otherwise the SDK's default chain (SSO, web identity, …) with `profile`. */
  credentials: EnvCredentials | undefined;
  profile: string | undefined;
  /** Endpoint override per service (already validated). */
  endpoints: Partial<Record<AwsService, string>>;
}

const value = (env: AwsEnv, name: string): string | undefined => {
  const v = env[name]?.trim();
  return v ? v : undefined;
};

/** Reads region, credentials, profile and endpoint overrides from the env view; a malformed endpoint is a usage error. */
export function readAwsEnv(env: AwsEnv): AwsEnvSettings {
  return { region: value(env, 'AWS_REGION') ?? value(env, 'AWS_DEFAULT_REGION'), credentials: readCredentials(env), profile: value(env, 'AWS_PROFILE'), endpoints: readEndpoints(env) };
}

function readCredentials(env: AwsEnv): EnvCredentials | undefined {
  const accessKeyId = value(env, 'AWS_ACCESS_KEY_ID');
  const secretAccessKey = value(env, 'AWS_SECRET_ACCESS_KEY');
  if (!accessKeyId && !secretAccessKey) return undefined;
  if (!accessKeyId || !secretAccessKey) {
    const [set, unset] = accessKeyId ? ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] : ['AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID'];
    throw preconditionError(`${set} is set but ${unset} is not`, `set both, or unset ${set} to use AWS_PROFILE / SSO`, 'E_AWS_CREDENTIALS');
  }
  const sessionToken = value(env, 'AWS_SESSION_TOKEN');
  return sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
}

function readEndpoints(env: AwsEnv): Partial<Record<AwsService, string>> {
  const global = checkEndpoint('AWS_ENDPOINT_URL', value(env, 'AWS_ENDPOINT_URL'));
  const endpoints: Partial<Record<AwsService, string>> = {};
  for (const [service, suffix] of Object.entries(ENDPOINT_ENV_SUFFIX) as Array<[AwsService, string]>) {
    const name = `AWS_ENDPOINT_URL_${suffix}`;
    const url = checkEndpoint(name, value(env, name)) ?? global;
    if (url) endpoints[service] = url;
  }
  // The SDK's own switch: configured endpoints are ignored (after checking them, so a typo still fails).
  return /^true$/i.test(value(env, 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS') ?? '') ? {} : endpoints;
}

/** The value when it is an absolute http(s) URL; otherwise a usage error naming the variable and its value. */
function checkEndpoint(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    throw new JetscaleError(`${name}=${JSON.stringify(raw)} is not an absolute http(s) URL`, {
      code: 'E_AWS_ENDPOINT', exitCode: ExitCode.usage, hint: `set ${name} to a URL such as https://vpce-123.elasticloadbalancing.us-east-1.vpce.amazonaws.com or http://127.0.0.1:4566, or unset it`,
    });
  }
  return raw;
}
