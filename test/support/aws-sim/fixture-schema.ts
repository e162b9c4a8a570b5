// The fixture format (YAML/JSON or a plain object) and its zod schema; seed.ts turns it into state.
import { z } from 'zod';

const tags = z.record(z.string(), z.string()).default({});
const time = z.union([z.string(), z.date()]).optional().transform((v, ctx) => {
  if (v === undefined || v instanceof Date) return v;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) ctx.addIssue({ code: 'custom', message: `not a timestamp: ${v}` });
  return d;
});

const action = z.union([
  z.object({ forward: z.string().min(1) }).strict(),
  z.object({
    redirect: z.object({ protocol: z.string().default('HTTPS'), port: z.string().default('443'), host: z.string().default('#{host}'), path: z.string().default('/#{path}'), query: z.string().default('#{query}'), statusCode: z.enum(['HTTP_301', 'HTTP_302']).default('HTTP_301') }).strict(),
  }).strict(),
  z.object({ fixedResponse: z.object({ statusCode: z.string(), contentType: z.string().optional(), messageBody: z.string().optional() }).strict() }).strict(),
]);

const listener = z.object({
  port: z.number().int().min(1).max(65535),
  protocol: z.enum(['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP']),
  certificates: z.array(z.string()).default([]),
  sslPolicy: z.string().optional(),
  defaultActions: z.array(action).min(1),
  rules: z.array(z.object({ priority: z.number().int().min(1).max(50000), actions: z.array(action).min(1) }).strict()).default([]),
}).strict();

const loadBalancer = z.object({
  name: z.string().regex(/^[A-Za-z0-9-]{1,32}$/, 'ELBv2 names are 1-32 letters, digits or hyphens'),
  arn: z.string().optional(),
  type: z.enum(['application', 'network', 'gateway']).default('application'),
  scheme: z.enum(['internet-facing', 'internal']).default('internet-facing'),
  state: z.enum(['active', 'provisioning', 'active_impaired', 'failed']).default('active'),
  vpcId: z.string().default('vpc-0a1b2c3d4e5f60718'),
  dnsName: z.string().optional(),
  securityGroups: z.array(z.string()).default([]),
  createdAt: time,
  tags,
  listeners: z.array(listener).default([]),
}).strict();

const target = z.object({
  id: z.string(),
  port: z.number().int().optional(),
  availabilityZone: z.string().optional(),
  health: z.enum(['initial', 'healthy', 'unhealthy', 'unused', 'draining', 'unavailable']).default('healthy'),
  reason: z.string().optional(),
  description: z.string().optional(),
}).strict();

const targetGroup = z.object({
  name: z.string().regex(/^[A-Za-z0-9-]{1,32}$/, 'target group names are 1-32 letters, digits or hyphens'),
  arn: z.string().optional(),
  protocol: z.enum(['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP', 'GENEVE']).default('HTTP'),
  port: z.number().int().min(1).max(65535).default(80),
  targetType: z.enum(['instance', 'ip', 'lambda', 'alb']).default('ip'),
  vpcId: z.string().default('vpc-0a1b2c3d4e5f60718'),
  healthCheckPath: z.string().default('/'),
  createdAt: time,
  tags,
  targets: z.array(target).default([]),
}).strict();

const nodegroup = z.object({
  name: z.string().min(1),
  status: z.enum(['CREATING', 'ACTIVE', 'UPDATING', 'DELETING', 'CREATE_FAILED', 'DELETE_FAILED', 'DEGRADED']).default('ACTIVE'),
  instanceTypes: z.array(z.string()).default(['t3.large']),
  desiredSize: z.number().int().min(0).default(2),
  createdAt: time,
  tags,
}).strict();

const cluster = z.object({
  name: z.string().regex(/^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/, 'EKS cluster names are 1-100 characters'),
  version: z.string().default('1.31'),
  status: z.enum(['CREATING', 'ACTIVE', 'DELETING', 'FAILED', 'UPDATING', 'PENDING']).default('ACTIVE'),
  vpcId: z.string().default('vpc-0a1b2c3d4e5f60718'),
  roleArn: z.string().optional(),
  createdAt: time,
  tags,
  nodegroups: z.array(nodegroup).default([]),
}).strict();

const secret = z.object({
  name: z.string().regex(/^[A-Za-z0-9/_+=.@-]{1,512}$/, 'secret names use letters, digits and /_+=.@-'),
  description: z.string().optional(),
  value: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  createdAt: time,
  deletedAt: time,
  tags,
}).strict();

/** The whole fixture: every section is optional so a test seeds only what it needs. */
export const fixtureSchema = z.object({
  account: z.string().regex(/^\d{12}$/, 'an AWS account id is 12 digits').optional(),
  region: z.string().optional(),
  caller: z.object({ arn: z.string().optional(), userId: z.string().optional() }).strict().optional(),
  elbv2: z.object({ loadBalancers: z.array(loadBalancer).default([]), targetGroups: z.array(targetGroup).default([]) }).strict().optional(),
  eks: z.object({ clusters: z.array(cluster).default([]) }).strict().optional(),
  secretsManager: z.object({ secrets: z.array(secret).default([]) }).strict().optional(),
}).strict();

/** A fixture as written by a test or in a YAML file. */
export type AwsFixture = z.input<typeof fixtureSchema>;
/** A validated fixture with defaults applied. */
export type ParsedFixture = z.output<typeof fixtureSchema>;
/** A validated fixture action (forward, redirect or fixed response). */
export type FixtureAction = z.output<typeof action>;
