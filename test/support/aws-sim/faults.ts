// Scriptable faults per "service:Operation" (or "service:*" / "*"): throttling, 5xx, latency, stale reads, forced ResourceInUse.
import { SimError } from './errors.js';
import { parseFaultEntry, type FaultEntry } from './fault-schema.js';

/** What to do to matching calls; counts are numbers of calls. */
export interface FaultSpec {
  /** Throttle the next N calls (Query: Throttling/400 "Rate exceeded"; JSON: ThrottlingException). */
  throttle?: number;
  /** Answer with this 5xx (or other) status for `times` calls (default 1). */
  status?: number;
  /** Add this delay to every matching call (for `times` calls when given). */
  latencyMs?: number;
  /** A resource deleted by a matching call stays visible in reads for K more read calls. */
  staleReads?: number;
  /** Fail the next N calls with the service's ResourceInUse error, as if a dependency still existed. */
  inUse?: number;
  /** Fail with an arbitrary error code for `times` calls (default 1). */
  error?: { code: string; message?: string; status?: number };
  times?: number;
}

/** The effect of faults on one call. */
export interface FaultEffect {
  latencyMs: number;
  failure: SimError | undefined;
  staleReads: number;
}

/** An armed fault and the calls it has left (null when it applies until cleared). */
export interface ArmedFault {
  key: string;
  spec: FaultSpec;
  left: number | null;
}

interface Armed {
  key: string;
  spec: FaultSpec;
  left: number;
}

const throttleCode: Record<string, [string, number]> = {
  elbv2: ['Throttling', 400], sts: ['Throttling', 400], secretsmanager: ['ThrottlingException', 400],
  tagging: ['ThrottledException', 400], eks: ['ThrottlingException', 429], s3: ['SlowDown', 503],
};
const inUseCode: Record<string, [string, number]> = { elbv2: ['ResourceInUse', 400], eks: ['ResourceInUseException', 409], s3: ['OperationAborted', 409] };
// The error code each service really sends with a 5xx; the SDKs map some of them to modeled exceptions.
const statusCodes: Record<string, Record<number, string>> = {
  eks: { 500: 'ServerException', 503: 'ServiceUnavailableException' },
  secretsmanager: { 500: 'InternalServiceError' },
  tagging: { 500: 'InternalServiceException' },
  s3: { 500: 'InternalError', 503: 'ServiceUnavailable' },
};
const genericStatusCode: Record<number, string> = { 500: 'InternalFailure', 502: 'BadGateway', 503: 'ServiceUnavailable', 504: 'GatewayTimeout' };

/** The armed faults of one simulator. */
export class Faults {
  private armed: Armed[] = [];

  /** Arm a fault after validating it (a FaultSpecError names the bad field); several may match one call and all apply. */
  add(key: string, spec: FaultSpec): void {
    this.arm(parseFaultEntry(key, spec));
  }

  /** Arm already validated entries (from parseFaultList), in order. */
  armAll(entries: readonly FaultEntry[]): void {
    for (const e of entries) this.arm(e);
  }

  private arm({ key, spec }: FaultEntry): void {
    const failing = spec.status !== undefined || spec.error !== undefined;
    const left = spec.throttle ?? spec.inUse ?? spec.times ?? (failing ? 1 : Number.POSITIVE_INFINITY);
    this.armed.push({ key, spec: structuredClone(spec), left });
  }

  /** The armed faults with the calls each has left, in arming order. */
  list(): ArmedFault[] {
    return this.armed.map((a) => ({ key: a.key, spec: structuredClone(a.spec), left: Number.isFinite(a.left) ? a.left : null }));
  }

  /** Disarm faults for one key, or all. */
  clear(key?: string): void {
    this.armed = key === undefined ? [] : this.armed.filter((a) => a.key !== key);
  }

  /** Apply and consume the faults matching this call. */
  take(service: string, operation: string): FaultEffect {
    const effect: FaultEffect = { latencyMs: 0, failure: undefined, staleReads: 0 };
    if (!this.armed.length) return effect;
    const keys = new Set([`${service}:${operation}`, `${service}:*`, '*']);
    for (const a of this.armed) {
      if (!keys.has(a.key)) continue;
      a.left--;
      effect.latencyMs += a.spec.latencyMs ?? 0;
      effect.staleReads = Math.max(effect.staleReads, a.spec.staleReads ?? 0);
      effect.failure ??= failureOf(service, operation, a.spec);
    }
    this.armed = this.armed.filter((a) => a.left > 0);
    return effect;
  }
}

function failureOf(service: string, operation: string, spec: FaultSpec): SimError | undefined {
  if (spec.throttle !== undefined) {
    const [code, status] = throttleCode[service] ?? ['ThrottlingException', 400];
    return new SimError(code, 'Rate exceeded', status);
  }
  if (spec.inUse !== undefined) {
    // S3 has no "in use" error; a bucket that still has objects is its dependency failure.
    const [code, status] = service === 's3' && operation === 'DeleteBucket' ? ['BucketNotEmpty', 409] as const : inUseCode[service] ?? ['ResourceInUseException', 400];
    return new SimError(code, 'The resource is in use by another resource (injected fault)', status);
  }
  if (spec.status !== undefined) {
    const code = statusCodes[service]?.[spec.status] ?? genericStatusCode[spec.status] ?? (spec.status >= 500 ? 'InternalFailure' : 'BadRequest');
    return new SimError(code, `Injected HTTP ${spec.status}`, spec.status);
  }
  if (spec.error !== undefined) return new SimError(spec.error.code, spec.error.message ?? 'Injected error', spec.error.status ?? 400);
  return undefined;
}
