// Scriptable faults per "service:Operation" (or "service:*" / "*"): throttling, 5xx, latency, stale reads, forced ResourceInUse.
import { SimError } from './errors.js';

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

interface Armed {
  key: string;
  spec: FaultSpec;
  left: number;
}

const throttleCode: Record<string, [string, number]> = {
  elbv2: ['Throttling', 400], sts: ['Throttling', 400], secretsmanager: ['ThrottlingException', 400],
  tagging: ['ThrottledException', 400], eks: ['ThrottlingException', 429],
};
const inUseCode: Record<string, [string, number]> = { elbv2: ['ResourceInUse', 400], eks: ['ResourceInUseException', 409] };
const statusCode: Record<number, string> = { 500: 'InternalFailure', 502: 'BadGateway', 503: 'ServiceUnavailable', 504: 'GatewayTimeout' };

/** The armed faults of one simulator. */
export class Faults {
  private armed: Armed[] = [];

  /** Arm a fault; several may be armed for the same key and all apply. */
  add(key: string, spec: FaultSpec): void {
    const failing = spec.status !== undefined || spec.error !== undefined;
    const left = spec.throttle ?? spec.inUse ?? spec.times ?? (failing ? 1 : Number.POSITIVE_INFINITY);
    if (!(left > 0)) throw new Error(`fault ${key}: count must be positive`);
    this.armed.push({ key, spec, left });
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
      effect.failure ??= failureOf(service, a.spec);
    }
    this.armed = this.armed.filter((a) => a.left > 0);
    return effect;
  }
}

function failureOf(service: string, spec: FaultSpec): SimError | undefined {
  if (spec.throttle !== undefined) {
    const [code, status] = throttleCode[service] ?? ['ThrottlingException', 400];
    return new SimError(code, 'Rate exceeded', status);
  }
  if (spec.inUse !== undefined) {
    const [code, status] = inUseCode[service] ?? ['ResourceInUseException', 400];
    return new SimError(code, 'The resource is in use by another resource (injected fault)', status);
  }
  if (spec.status !== undefined) return new SimError(statusCode[spec.status] ?? 'InternalFailure', `Injected HTTP ${spec.status}`, spec.status);
  if (spec.error !== undefined) return new SimError(spec.error.code, spec.error.message ?? 'Injected error', spec.error.status ?? 400);
  return undefined;
}
