// What every operation handler receives and returns.
import type { Params } from '../protocol/params.js';
import type { SimState } from '../state.js';

/** Per-call context: the state plus fault knobs that change a handler's behaviour. */
export interface OpContext {
  state: SimState;
  /** Reads a resource deleted by this call keeps appearing for (eventual consistency); 0 means gone at once. */
  staleReads: number;
  now: Date;
}

/** One operation: decoded params in, output structure out (or a thrown SimError/ParamError). */
export type Handler = (p: Params, ctx: OpContext) => Record<string, unknown>;
