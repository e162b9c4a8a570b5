// STS (Query): GetCallerIdentity answers the configured caller, or the assumed role of the signing key; AssumeRole
// hands out a session whose optional `Policy` the server then enforces on every call signed with it.
import { randomBytes } from 'node:crypto';
import { ParamError } from '../errors.js';
import { parseSessionPolicy, signingKey } from '../session-policy.js';
import type { Handler } from './context.js';

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const hex = (n: number) => randomBytes(n).toString('hex').toUpperCase();

/** Every STS operation the simulator speaks. */
export const stsHandlers: Record<string, Handler> = {
  GetCallerIdentity: (_p, { state, raw }) => {
    const key = raw ? signingKey(raw.headers, new URL('http://sim/')) : undefined;
    const session = key ? state.sessions.get(key) : undefined;
    if (session) return { UserId: session.userId, Account: state.account, Arn: session.arn };
    return { UserId: state.caller.userId, Account: state.caller.account, Arn: state.caller.arn };
  },
  AssumeRole: (p, { state, now }) => {
    const roleArn = str(p.RoleArn) ?? '';
    const m = ROLE_ARN.exec(roleArn);
    if (!m) throw new ParamError(`${JSON.stringify(roleArn)} is not a valid role ARN`);
    const sessionName = str(p.RoleSessionName) ?? '';
    if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) throw new ParamError('RoleSessionName must be 2-64 characters of [\\w+=,.@-]');
    const duration = Number(str(p.DurationSeconds) ?? '3600');
    if (!Number.isInteger(duration) || duration < 900 || duration > 43_200) throw new ParamError('DurationSeconds must be between 900 and 43200');
    const policyText = str(p.Policy);
    if (policyText !== undefined && policyText.length > 2048) throw new ParamError('Policy must be at most 2048 characters');
    const policy = policyText === undefined ? undefined : parseSessionPolicy(policyText);
    const accessKeyId = `ASIA${hex(8)}`;
    const roleId = `AROA${hex(8)}`;
    const arn = `arn:aws:sts::${m[1]}:assumed-role/${m[2]}/${sessionName}`;
    state.sessions.set(accessKeyId, { accessKeyId, roleArn, sessionName, arn, userId: `${roleId}:${sessionName}`, ...(policy ? { policy } : {}) });
    return {
      Credentials: { AccessKeyId: accessKeyId, SecretAccessKey: hex(20), SessionToken: hex(32), Expiration: new Date(now.getTime() + duration * 1000) },
      AssumedRoleUser: { Arn: arn, AssumedRoleId: `${roleId}:${sessionName}` },
      ...(policyText !== undefined ? { PackedPolicySize: Math.min(100, Math.ceil((policyText.length / 2048) * 100)) } : {}),
    };
  },
};
