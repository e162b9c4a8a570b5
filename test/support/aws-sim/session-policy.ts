// IAM-lite for assumed-role sessions: AssumeRole with a `Policy` narrows the session, and a call signed with that
// session's access key is allowed only if an Allow statement of the session policy matches its IAM action and no
// Deny statement does (AWS: the session's permissions are the intersection of the role's and the session policy's;
// the role itself is unrestricted here). Only `Resource: "*"` statements without `Condition` are understood.
import { SimError } from './errors.js';

/** One AssumeRole session the simulator handed out. */
export interface AssumedSession {
  accessKeyId: string;
  roleArn: string;
  sessionName: string;
  /** The caller ARN GetCallerIdentity answers for this session. */
  arn: string;
  userId: string;
  policy?: SessionPolicy;
}

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
}

/** A parsed session policy. */
export interface SessionPolicy {
  Statement: Statement[];
}

/** Parses a session policy document; a malformed one is MalformedPolicyDocument, as STS answers. */
export function parseSessionPolicy(text: string): SessionPolicy {
  const bad = (why: string) => new SimError('MalformedPolicyDocument', `The policy is not valid: ${why}`, 400);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw bad('not JSON');
  }
  const statements = (doc as { Statement?: unknown }).Statement;
  const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
  if (list.length === 0) throw bad('no Statement');
  for (const s of list as Array<Record<string, unknown>>) {
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') throw bad('Effect must be Allow or Deny');
    if ((s.Action === undefined) === (s.NotAction === undefined)) throw bad('exactly one of Action and NotAction');
    if (s.Condition !== undefined) throw bad('Condition is not supported by the simulator');
    const resources = [s.Resource ?? []].flat();
    if (resources.length !== 1 || resources[0] !== '*') throw bad('only Resource "*" is supported by the simulator');
  }
  return { Statement: list as Statement[] };
}

// The IAM action of a simulated operation (S3's IAM names differ from its API names).
const S3_ACTIONS: Record<string, string> = { ListObjectsV2: 'ListBucket', ListObjects: 'ListBucket', HeadObject: 'GetObject', HeadBucket: 'ListBucket', ListBuckets: 'ListAllMyBuckets', DeleteObjects: 'DeleteObject' };
const PREFIX: Record<string, string> = { elbv2: 'elasticloadbalancing', tagging: 'tag', eks: 'eks', secretsmanager: 'secretsmanager', sts: 'sts', s3: 's3' };

/** `elbv2:DeleteLoadBalancer` → `elasticloadbalancing:DeleteLoadBalancer`. */
export function iamAction(service: string, operation: string): string {
  return `${PREFIX[service] ?? service}:${service === 's3' ? (S3_ACTIONS[operation] ?? operation) : operation}`;
}

const matches = (pattern: string, action: string) =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i').test(action);

const hits = (s: Statement, action: string) =>
  s.Action !== undefined ? [s.Action].flat().some((p) => matches(p, action)) : ![s.NotAction ?? []].flat().some((p) => matches(p, action));

/** True when the session policy lets `action` through. */
export function sessionAllows(policy: SessionPolicy, action: string): boolean {
  return policy.Statement.some((s) => s.Effect === 'Allow' && hits(s, action)) && !policy.Statement.some((s) => s.Effect === 'Deny' && hits(s, action));
}

/** The access key id a request was signed with. */
export function signingKey(headers: Record<string, string | string[] | undefined>, url: URL): string | undefined {
  const auth = headers.authorization;
  const credential = (typeof auth === 'string' ? /Credential=([^,\s]+)/.exec(auth)?.[1] : undefined) ?? url.searchParams.get('X-Amz-Credential') ?? '';
  return credential.split('/')[0] || undefined;
}

/** Throws AccessDenied when the request's session policy denies the operation. */
export function enforceSessionPolicy(sessions: ReadonlyMap<string, AssumedSession>, key: string | undefined, service: string, operation: string): void {
  const session = key ? sessions.get(key) : undefined;
  if (!session?.policy) return;
  const action = iamAction(service, operation);
  if (sessionAllows(session.policy, action)) return;
  const code = service === 'secretsmanager' || service === 'tagging' || service === 'eks' ? 'AccessDeniedException' : 'AccessDenied';
  throw new SimError(code, `User: ${session.arn} is not authorized to perform: ${action} because no session policy allows the ${action} action`, service === 'eks' ? 403 : service === 's3' ? 403 : 400);
}
