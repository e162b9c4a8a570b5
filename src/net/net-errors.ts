// Network failures as data: a probe that cannot connect is evidence for a verdict, never an exception, except for
// a refusal by the effect gate or the run's cancellation, which must stop the run.
import { InterruptedError, JetscaleError } from '../core/errors.js';

/** `{ code, message }` of a failed network operation. */
export interface NetError {
  code: string;
  message: string;
}

/** The error as data; gate refusals and interruptions are rethrown. */
export function toNetError(error: unknown, signal?: AbortSignal): NetError {
  if (error instanceof JetscaleError) throw error;
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new InterruptedError('a network probe');
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : 'ERROR';
  const message = typeof e?.message === 'string' ? e.message : String(error);
  return { code, message: message.replace(/^(query|queryA|queryAaaa|queryCname|connect) /, '') };
}
