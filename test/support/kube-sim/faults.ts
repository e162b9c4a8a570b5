// Fault injection: the next N matching requests get an error status, a delay, or no answer at all.
import type { RequestAttrs } from './router.js';

/** Which requests a fault applies to; omitted fields match anything. */
export interface FaultMatch {
  verb?: string;
  resource?: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** What happens to a matched request. */
export interface FaultSpec {
  /** Respond with this status (429 adds Retry-After, 500 an InternalError Status). */
  status?: number;
  /** Retry-After seconds for 429/503 (default 1). */
  retryAfterSeconds?: number;
  message?: string;
  /** Wait this long first (added latency when no status/hang is given). */
  delayMs?: number;
  /** Never answer; the request ends when the client gives up or the simulator stops. */
  hang?: boolean;
  /** How many matching requests are affected (default 1; Infinity for all). */
  times?: number;
}

/** Returned by `sim.fault()`: how many requests it hit, and a way to cancel it early. */
export interface FaultHandle {
  readonly hits: number;
  readonly remaining: number;
  cancel(): void;
}

interface Armed { match: FaultMatch; spec: FaultSpec; hits: number; remaining: number }

const KEYS = ['verb', 'resource', 'namespace', 'name', 'subresource'] as const;

/** The ordered list of armed faults; the first match with budget left wins. */
export class Faults {
  private armed: Armed[] = [];

  /** Arms a fault and returns its handle. */
  add(match: FaultMatch, spec: FaultSpec): FaultHandle {
    const a: Armed = { match, spec, hits: 0, remaining: spec.times ?? 1 };
    this.armed.push(a);
    return {
      get hits() { return a.hits; },
      get remaining() { return a.remaining; },
      cancel: () => { a.remaining = 0; },
    };
  }

  /** Consumes one use of the first fault matching the request. */
  take(attrs: RequestAttrs): FaultSpec | undefined {
    const a = this.armed.find((f) => f.remaining > 0 && KEYS.every((k) => f.match[k] === undefined || f.match[k] === attrs[k]));
    if (!a) return undefined;
    a.remaining--;
    a.hits++;
    return a.spec;
  }

  /** Disarms everything. */
  clear(): void {
    this.armed = [];
  }
}
