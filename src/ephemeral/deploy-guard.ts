// The deploy's identity guard: one STS GetCallerIdentity before anything changes; the account, region and caller
// ARN must be in the allow lists (the same rules as cleanup, caller-guard.ts), else exit 3 naming every problem.
import type { Aws } from '../aws/index.js';
import { JetscaleError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { callerProblems, type AllowLists } from './caller-guard.js';

/** Who deploys, where. */
export interface DeployCaller {
  account: string;
  arn: string;
  region: string;
}

/** Asks STS who we are and refuses (E_IDENTITY_GUARD) unless the allow lists admit it; no account allowed = nobody. */
export async function guardDeployCaller(aws: Aws, allow: AllowLists): Promise<DeployCaller> {
  const region = await aws.region();
  const who = await aws.sts.getCallerIdentity();
  const problems = allow.accounts.length === 0 ? ['aws.accounts is empty, so no account may deploy'] : callerProblems({ account: who.account, callerArn: who.arn, region }, allow);
  if (problems.length > 0) {
    throw new JetscaleError(`refusing to deploy as ${who.arn} in ${region}: ${problems.join('; ')}`, {
      code: 'E_IDENTITY_GUARD', exitCode: ExitCode.precondition,
      hint: 'assume the deployer role of the preview account (AWS_PROFILE, or the OIDC role in CI) and region, or fix aws.accounts / aws.regions / aws.callerArnPatterns',
    });
  }
  return { account: who.account, arn: who.arn, region };
}
