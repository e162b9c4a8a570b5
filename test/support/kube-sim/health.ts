// /healthz, /readyz and /livez (and their per-check subpaths), answered before authentication like the real server.
import type { HealthCheck, SimState } from './state.js';

const CHECKS = ['ping', 'log', 'etcd', 'poststarthook/start-apiextensions-controllers', 'poststarthook/crd-informer-synced'];

/** The reply for a health path, or undefined when the path is not one. */
export function health(state: SimState, path: string, query: URLSearchParams): { code: number; body: string } | undefined {
  const m = /^\/(healthz|readyz|livez)(?:\/(.+))?$/.exec(path.replace(/\/+$/, ''));
  if (!m) return undefined;
  const check = m[1] as HealthCheck;
  const only = m[2];
  if (only !== undefined && !CHECKS.includes(only)) return { code: 404, body: '404 page not found\n' };
  const failing = state.unhealthy.get(check);
  // A failing endpoint blames etcd, the usual culprit, unless a single other check was asked for.
  const bad = failing !== undefined && (only === undefined || only === 'etcd');
  if (only !== undefined) return bad ? { code: 500, body: `internal server error: ${failing}\n` } : { code: 200, body: 'ok' };
  if (query.has('verbose') || bad) {
    const lines = CHECKS.map((c) => (bad && c === 'etcd' ? `[-]etcd failed: ${query.has('verbose') ? failing : 'reason withheld'}` : `[+]${c} ok`));
    return { code: bad ? 500 : 200, body: `${lines.join('\n')}\n${check} check ${bad ? 'failed' : 'passed'}\n` };
  }
  return { code: 200, body: 'ok' };
}
