// The identity guard of every cleanup: one STS GetCallerIdentity, and the account, region and caller ARN must be
// in the configured allow lists. With no allowed account configured nothing runs at all, not even that call.
import type { Aws } from '../aws/index.js';
import { JetscaleError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';

/** The allow lists (config `aws`). */
export interface AllowLists {
  accounts: readonly string[];
  regions: readonly string[];
  callerArnPatterns: readonly string[];
}

/** Who the run acts as. */
export interface Caller {
  account: string;
  callerArn: string;
  region: string;
}

/** What is wrong with `caller` against the allow lists (empty when it may proceed). */
export function callerProblems(caller: Caller, allow: AllowLists): string[] {
  const problems: string[] = [];
  if (!allow.accounts.includes(caller.account)) problems.push(`account ${caller.account} is not in aws.accounts (${allow.accounts.join(', ')})`);
  if (allow.regions.length && !allow.regions.includes(caller.region)) problems.push(`region ${caller.region} is not in aws.regions (${allow.regions.join(', ')})`);
  if (allow.callerArnPatterns.length && !allow.callerArnPatterns.some((p) => new RegExp(p).test(caller.callerArn))) {
    problems.push(`caller ${caller.callerArn} matches none of aws.callerArnPatterns`);
  }
  return problems;
}

/** Checks the configuration, asks STS once, and returns the caller; throws E_IDENTITY_GUARD (exit 3) otherwise. */
export async function guardCaller(aws: Aws, allow: AllowLists): Promise<Caller> {
  if (allow.accounts.length === 0) {
    throw new JetscaleError('no AWS account is allowed for cleanup, so nothing is deleted', {
      code: 'E_IDENTITY_GUARD', exitCode: ExitCode.precondition,
      hint: 'list the account(s) preview environments live in under aws.accounts in jetscale.config.yaml (or JETSCALE_AWS_ACCOUNTS=123456789012)',
    });
  }
  const region = await aws.region();
  const who = await aws.sts.getCallerIdentity();
  const caller = { account: who.account, callerArn: who.arn, region };
  const problems = callerProblems(caller, allow);
  if (problems.length) {
    throw new JetscaleError(`refusing to clean up as ${caller.callerArn} in ${region}: ${problems.join('; ')}`, {
      code: 'E_IDENTITY_GUARD', exitCode: ExitCode.precondition,
      hint: 'switch to the preview account and role (AWS_PROFILE, or the OIDC role in CI), or fix aws.accounts / aws.regions / aws.callerArnPatterns',
    });
  }
  return caller;
}
