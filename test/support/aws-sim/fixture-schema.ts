// The fixture format (YAML/JSON or a plain object) and its zod schema; seed.ts turns it into state.
import { z } from 'zod';
import { isElbv2Arn, type Elbv2Kind } from './arns.js';
import { faultListSchema } from './fault-schema.js';
import { BUCKET_NAME } from './services/s3.js';

const tags = z.record(z.string(), z.string()).default({});
const time = z.union([z.string(), z.date()]).optional().transform((v, ctx) => {
  if (v === undefined || v instanceof Date) return v;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) ctx.addIssue({ code: 'custom', message: `not a timestamp: ${v}` });
  return d;
});

const elbv2Arn = (kind: Elbv2Kind) => z.string().refine((a) => isElbv2Arn(a, kind), `not a valid ELBv2 ${kind} ARN`).optional();

const condition = z.object({
  field: z.enum(['host-header', 'path-pattern', 'http-request-method', 'source-ip']),
  values: z.array(z.string().min(1)).min(1),
}).strict();

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
  rules: z.array(z.object({ priority: z.number().int().min(1).max(50000), conditions: z.array(condition).min(1), actions: z.array(action).min(1) }).strict()).default([]),
}).strict();

const loadBalancer = z.object({
  name: z.string().regex(/^[A-Za-z0-9-]{1,32}$/, 'ELBv2 names are 1-32 letters, digits or hyphens'),
  arn: elbv2Arn('loadbalancer'),
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
  arn: elbv2Arn('targetgroup'),
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

const bucket = z.object({
  name: z.string().regex(BUCKET_NAME, 'bucket names are 3-63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit'),
  createdAt: time,
  versioning: z.enum(['Enabled', 'Suspended']).optional(),
  tags,
  /** key → body; an object body is stored as its JSON text. */
  objects: z.record(z.string().min(1).max(1024), z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())])).default({}),
}).strict();

const seconds = z.number().positive().max(86_400);

/** The whole fixture: every section is optional so a test seeds only what it needs. */
export const fixtureSchema = z.object({
  account: z.string().regex(/^\d{12}$/, 'an AWS account id is 12 digits').optional(),
  region: z.string().optional(),
  caller: z.object({ arn: z.string().optional(), userId: z.string().optional() }).strict().optional(),
  elbv2: z.object({ loadBalancers: z.array(loadBalancer).default([]), targetGroups: z.array(targetGroup).default([]) }).strict().optional(),
  eks: z.object({
    clusters: z.array(cluster).default([]),
    /** Reads a DELETING cluster/nodegroup survives (default 2). */
    deletingReads: z.number().int().min(0).optional(),
    /** Seconds a DELETING cluster/nodegroup survives, however often it is read (instead of deletingReads). */
    deletingSeconds: seconds.optional(),
  }).strict().refine((e) => e.deletingReads === undefined || e.deletingSeconds === undefined, { message: 'give deletingReads or deletingSeconds, not both', path: ['deletingSeconds'] }).optional(),
  secretsManager: z.object({ secrets: z.array(secret).default([]) }).strict().optional(),
  s3: z.object({ buckets: z.array(bucket).default([]) }).strict().optional(),
  /** Faults armed at start (and again on reset), exactly as sim.fault(key, spec) arms them. */
  faults: faultListSchema.optional(),
}).strict();

/** A fixture as written by a test or in a YAML file. */
export type AwsFixture = z.input<typeof fixtureSchema>;
/** A validated fixture with defaults applied. */
export type ParsedFixture = z.output<typeof fixtureSchema>;
/** A validated fixture action (forward, redirect or fixed response). */
export type FixtureAction = z.output<typeof action>;
