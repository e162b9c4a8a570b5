// STS facade: who are we (account, caller ARN) — the first call of every task that touches AWS — and AssumeRole,
// which breakglass uses to narrow its own credentials with a session policy.
import type { AwsClients } from './clients.js';
import { ranOutput } from './skipped.js';

/** The caller as STS sees it. */
export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

/** Temporary credentials of an assumed role (the secret parts are registered for redaction). */
export interface AssumedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date | undefined;
  assumedRoleArn: string;
}

/** What AssumeRole is asked: the role, a session name, an optional session policy (JSON) and a lifetime. */
export interface AssumeRoleRequest {
  roleArn: string;
  sessionName: string;
  policy?: string;
  durationSeconds?: number;
}

/** The STS operations jetscale uses. */
export interface StsFacade {
  getCallerIdentity(): Promise<CallerIdentity>;
  assumeRole(req: AssumeRoleRequest): Promise<AssumedCredentials>;
}

/** Builds the STS facade over the run's clients. */
export function createSts(clients: AwsClients): StsFacade {
  return {
    async getCallerIdentity() {
      const { GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
      const out = ranOutput(await (await clients.get('sts')).send(new GetCallerIdentityCommand({}), clients.sendOptions));
      return { account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '' };
    },
    async assumeRole(req) {
      const { AssumeRoleCommand } = await import('@aws-sdk/client-sts');
      const input = { RoleArn: req.roleArn, RoleSessionName: req.sessionName, ...(req.policy ? { Policy: req.policy } : {}), ...(req.durationSeconds ? { DurationSeconds: req.durationSeconds } : {}) };
      const out = ranOutput(await (await clients.get('sts')).send(new AssumeRoleCommand(input), clients.sendOptions));
      const c = out.Credentials;
      clients.secrets?.add(c?.SecretAccessKey);
      clients.secrets?.add(c?.SessionToken);
      return { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken ?? '', expiration: c?.Expiration, assumedRoleArn: out.AssumedRoleUser?.Arn ?? '' };
    },
  };
}
