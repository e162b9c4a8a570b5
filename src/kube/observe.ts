// How a wait reports what it saw, and which API failures are worth another poll.
import { JetscaleError } from '../core/errors.js';
import { KubeApiError } from './errors.js';

const MAX = 300;

interface ConditionLike { type?: unknown; status?: unknown; reason?: unknown; message?: unknown }

function clip(s: string): string {
  return s.length > MAX ? `${s.slice(0, MAX - 1)}…` : s;
}

/** One line for a read value: its status conditions (`Available=False (Reason: message)`), else its status, else JSON. */
export function describeObservation(value: unknown): string {
  const status = (value as { status?: unknown } | null | undefined)?.status;
  const conditions = (status as { conditions?: unknown } | undefined)?.conditions;
  if (Array.isArray(conditions) && conditions.length > 0) {
    return clip((conditions as ConditionLike[]).map((c) => {
      const why = [c.reason, c.message].filter((x) => typeof x === 'string' && x !== '').join(': ');
      return `${String(c.type)}=${String(c.status)}${why ? ` (${why})` : ''}`;
    }).join(', '));
  }
  if (value === undefined) return 'absent';
  try {
    return clip(JSON.stringify(status ?? value) ?? String(value));
  } catch {
    return clip(String(value));
  }
}

/** True for failures a later poll may not see: throttling, server errors, request timeouts, an unreachable server. */
export function isKubeApiTransient(error: unknown): boolean {
  if (error instanceof KubeApiError) return error.status === 429 || error.status >= 500;
  return error instanceof JetscaleError && (error.code === 'E_KUBE_TIMEOUT' || error.code === 'E_KUBE_UNREACHABLE');
}
