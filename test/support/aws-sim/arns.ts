// The ARN shapes the simulated services accept; a malformed ARN is the service's validation error, never a silent miss.
import { ParamError } from './errors.js';
import { optStr, reqStr, strList, type Params } from './protocol/params.js';

const prefix = String.raw`^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:`;

// The id segments are loose ([^/]+) so hand-written fixture ARNs pass; the structure (kind, segment count) is strict.
const elbv2Shapes = {
  loadbalancer: new RegExp(`${prefix}loadbalancer/(app|net|gwy)/[^/]+/[^/]+$`),
  listener: new RegExp(`${prefix}listener/(app|net|gwy)/[^/]+/[^/]+/[^/]+$`),
  rule: new RegExp(`${prefix}listener-rule/(app|net|gwy)/[^/]+/[^/]+/[^/]+/[^/]+$`),
  targetgroup: new RegExp(`${prefix}targetgroup/[^/]+/[^/]+$`),
} as const;

/** The kinds of ELBv2 resource an ARN can name. */
export type Elbv2Kind = keyof typeof elbv2Shapes;

const labels: Record<Elbv2Kind, string> = { loadbalancer: 'load balancer', listener: 'listener', rule: 'listener rule', targetgroup: 'target group' };

/** Whether `arn` is a well-formed ELBv2 ARN of this kind. */
export function isElbv2Arn(arn: string, kind: Elbv2Kind): boolean {
  return elbv2Shapes[kind].test(arn);
}

/** The kind of a well-formed ELBv2 ARN, or undefined. */
export function elbv2KindOf(arn: string): Elbv2Kind | undefined {
  return (Object.keys(elbv2Shapes) as Elbv2Kind[]).find((k) => elbv2Shapes[k].test(arn));
}

/** Throw ELBv2's ValidationError ("'x' is not a valid load balancer ARN") unless `arn` has this shape. */
export function checkElbv2Arn(arn: string, kind: Elbv2Kind): string {
  if (!elbv2Shapes[kind].test(arn)) throw new ParamError(`'${arn}' is not a valid ${labels[kind]} ARN`);
  return arn;
}

const anyArn = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:.+$/;

/** Whether `arn` has the generic arn:partition:service:region:account:resource shape. */
export function isArn(arn: string): boolean {
  return anyArn.test(arn);
}

const secretShape = /^arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):(\d{12}):secret:(.+)$/;

/** Region, account and the part after "secret:" of a Secrets Manager ARN, or undefined when it is not one. */
export function parseSecretArn(arn: string): { region: string; account: string; rest: string } | undefined {
  const m = secretShape.exec(arn);
  return m ? { region: m[1] ?? '', account: m[2] ?? '', rest: m[3] ?? '' } : undefined;
}

/** A required ELBv2 ARN parameter of one kind. */
export function reqElbv2Arn(p: Params, key: string, kind: Elbv2Kind): string {
  return checkElbv2Arn(reqStr(p, key), kind);
}

/** An optional ELBv2 ARN parameter of one kind. */
export function optElbv2Arn(p: Params, key: string, kind: Elbv2Kind): string | undefined {
  const v = optStr(p, key);
  return v === undefined ? undefined : checkElbv2Arn(v, kind);
}

/** A list of ELBv2 ARNs of one kind. */
export function elbv2ArnList(p: Params, key: string, kind: Elbv2Kind): string[] {
  return strList(p, key).map((a) => checkElbv2Arn(a, kind));
}
