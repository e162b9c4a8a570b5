// What every operation handler receives and returns.
import type { IncomingHttpHeaders } from 'node:http';
import type { Params } from '../protocol/params.js';
import type { SimState } from '../state.js';

/** The undecoded request, for S3 whose inputs live in headers and raw bodies. */
export interface RawRequest {
  method: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Per-call context: the state plus fault knobs that change a handler's behaviour. */
export interface OpContext {
  state: SimState;
  /** Reads a resource deleted by this call keeps appearing for (eventual consistency); 0 means gone at once. */
  staleReads: number;
  now: Date;
  /** Present for every call; JSON and Query handlers use the decoded params instead. */
  raw?: RawRequest;
}

/** One operation: decoded params in, output structure out (or a thrown SimError/ParamError). */
export type Handler = (p: Params, ctx: OpContext) => Record<string, unknown>;
