// STS facade: who are we (account, caller ARN) — the first call of every task that touches AWS.
import type { AwsClients } from './clients.js';
import { ranOutput } from './skipped.js';

/** The caller as STS sees it. */
export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

/** The STS operations jetscale uses. */
export interface StsFacade {
  getCallerIdentity(): Promise<CallerIdentity>;
}

/** Builds the STS facade over the run's clients. */
export function createSts(clients: AwsClients): StsFacade {
  return {
    async getCallerIdentity() {
      const { GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
      const out = ranOutput(await (await clients.get('sts')).send(new GetCallerIdentityCommand({}), clients.sendOptions));
      return { account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '' };
    },
  };
}
