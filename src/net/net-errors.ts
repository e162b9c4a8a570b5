// Network failures as data: a probe that cannot connect is evidence for a verdict, never an exception, except for
// a refusal by the effect gate or the run's cancellation, which must stop the run.
import type { EffectDecl, EffectGate } from '../core/effects.js';
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

/** Declares one probe to the gate and runs it: a probe not run (--dry-run) answers `skipped()`, a network failure
 * answers `failed(error)` as data; gate refusals and interruptions propagate. The one shape of every net probe. */
export async function gatedProbe<T>(gate: EffectGate, decl: EffectDecl, signal: AbortSignal | undefined, answers: { skipped: () => T; failed: (e: NetError) => T }, run: () => Promise<T>): Promise<T> {
  const admission = gate.admit(decl);
  if (!admission.run) return answers.skipped();
  try {
    const answer = await run();
    admission.done();
    return answer;
  } catch (error) {
    const e = toNetError(error, signal);
    admission.done({ error: `${e.code}: ${e.message}` });
    return answers.failed(e);
  }
}
