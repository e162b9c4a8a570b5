// The one fault format shared by sim.fault(), the fixture's `faults:` section, --faults files and POST /_sim/faults.
import { z } from 'zod';
import { handlers, type ServiceId } from './services/registry.js';

const count = z.number().int().positive();
const httpError = z.number().int().min(400).max(599);
const FAILURES = ['throttle', 'inUse', 'status', 'error'] as const;

/** What a fault does to matching calls (the schema behind FaultSpec; every way of arming a fault parses through it). */
export const faultSpecSchema = z.object({
  throttle: count.optional(),
  status: httpError.optional(),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  staleReads: count.optional(),
  inUse: count.optional(),
  error: z.object({ code: z.string().regex(/^[A-Za-z][A-Za-z0-9.]*$/, 'an error code is letters and digits, e.g. AccessDeniedException'), message: z.string().optional(), status: httpError.optional() }).strict().optional(),
  times: count.optional(),
}).strict().superRefine((s, ctx) => {
  const failing = FAILURES.filter((k) => s[k] !== undefined);
  // Only the first failure of one fault would ever show, so two in one spec is a mistake, not a combination.
  if (failing.length > 1) ctx.addIssue({ code: 'custom', path: [failing[1] as string], message: `one fault fails in one way: got ${failing.join(' and ')}; arm two faults instead` });
  if (s.times !== undefined && (s.throttle !== undefined || s.inUse !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['times'], message: 'throttle and inUse are call counts already; times applies to status, error, latencyMs and staleReads' });
  }
  if (!failing.length && s.latencyMs === undefined && s.staleReads === undefined) {
    ctx.addIssue({ code: 'custom', path: [], message: 'a fault needs one of throttle, status, latencyMs, staleReads, inUse or error' });
  }
});

const services = Object.keys(handlers) as ServiceId[];

/** "service:Operation", "service:*" or "*", naming a service and operation the simulator implements. */
export const faultKeySchema = z.string().superRefine((key, ctx) => {
  if (key === '*') return;
  const [service = '', operation = '', extra] = key.split(':');
  if (extra !== undefined || !operation) {
    ctx.addIssue({ code: 'custom', message: `'${key}' is not "<service>:<Operation>", "<service>:*" or "*"` });
  } else if (!(services as string[]).includes(service)) {
    ctx.addIssue({ code: 'custom', message: `unknown service '${service}' (one of ${services.join(', ')})` });
  } else if (operation !== '*' && !handlers[service as ServiceId][operation]) {
    ctx.addIssue({ code: 'custom', message: `${service} has no simulated operation '${operation}' (one of ${Object.keys(handlers[service as ServiceId]).join(', ')})` });
  }
});

/** One armed fault as written in a fixture, a --faults file or a POST /_sim/faults body. */
export const faultEntrySchema = z.object({ key: faultKeySchema, spec: faultSpecSchema }).strict();

/** A list of faults. */
export const faultListSchema = z.array(faultEntrySchema);

/** A validated fault entry. */
export type FaultEntry = z.output<typeof faultEntrySchema>;

/** One problem with a fault list: the dotted path of the bad field and what is wrong. */
export interface FaultIssue {
  path: string;
  message: string;
}

/** A fault list or spec that does not validate; `issues` name each bad field. */
export class FaultSpecError extends Error {
  override name = 'FaultSpecError';
  constructor(readonly issues: FaultIssue[], where: string) {
    super(`invalid ${where}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
  }
}

function issuesOf(error: z.ZodError, prefix: string[]): FaultIssue[] {
  return error.issues.map((i) => ({ path: [...prefix, ...i.path.map(String)].join('.'), message: i.message }));
}

/** Validate a list of faults (from a file, a fixture or an HTTP body) or throw a FaultSpecError naming each bad field. */
export function parseFaultList(input: unknown, where = 'fault list'): FaultEntry[] {
  const r = faultListSchema.safeParse(input);
  if (!r.success) throw new FaultSpecError(issuesOf(r.error, []), where);
  return r.data;
}

/** Validate one key and spec as sim.fault() receives them. */
export function parseFaultEntry(key: string, spec: unknown): FaultEntry {
  const r = faultEntrySchema.safeParse({ key, spec });
  if (!r.success) throw new FaultSpecError(issuesOf(r.error, []), `fault ${key}`);
  return r.data;
}
