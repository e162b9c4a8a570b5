// Partial access is a finding, not a crash: a read the credentials, RBAC, network or a deadline do not allow becomes
// "not checked: <why>" for what depended on it, and the other layers still run. A refusal by the effect gate, an
// interruption and a jetscale bug still stop the run.
import { EffectRefusedError } from '../core/effects.js';
import { InterruptedError, JetscaleError } from '../core/errors.js';

/** A read that worked, or why it could not be done. */
export type Read<T> = { ok: true; value: T } | { ok: false; why: string; code: string };

// Codes that mean "could not look", as opposed to "looked and found a problem" or "jetscale is broken".
const CANNOT_READ = /^E_(AWS|KUBE|KUBECONFIG)/;

/** Runs a read; errors that mean "cannot look" become `{ ok: false, why }`, everything else is rethrown. */
export async function attempt<T>(read: () => Promise<T>): Promise<Read<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    if (error instanceof EffectRefusedError || error instanceof InterruptedError) throw error;
    if (error instanceof JetscaleError && CANNOT_READ.test(error.code)) return { ok: false, why: firstLine(error.message), code: error.code };
    throw error;
  }
}

/** The value, or undefined when the read failed. */
export function valueOf<T>(r: Read<T>): T | undefined {
  return r.ok ? r.value : undefined;
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.slice(0, 300);
}
