// A pull request's state from the GitHub REST API (`GET $GITHUB_API_URL/repos/<owner>/<repo>/pulls/<n>`).
// Any failure — an HTTP error, a timeout, an answer that does not parse — makes the state "unknown", which the
// janitor never treats as an orphan. Only GET requests are sent (declared to the gate as net reads).
import * as z from 'zod';
import type { EffectGate } from '../core/effects.js';

/** What the janitor needs to know about a PR. */
export type PrState =
  | { kind: 'open'; labels: string[] }
  | { kind: 'closed'; closedAt: string; labels: string[] }
  | { kind: 'unknown'; why: string };

/** Where and how to ask. */
export interface GitHubApi {
  /** `GITHUB_API_URL` (https://api.github.com unless on GitHub Enterprise). */
  apiUrl: string;
  /** `GITHUB_REPOSITORY`: owner/name. */
  repository: string;
  /** `GITHUB_TOKEN`, sent as a bearer token (never logged: the caller registers it as a secret). */
  token?: string;
  timeoutMs: number;
  signal: AbortSignal;
  /** The run's gate: each GET is declared on channel `net` (a read, so it runs under --dry-run too). */
  gate: EffectGate;
}

const Pull = z.object({
  state: z.enum(['open', 'closed']),
  closed_at: z.string().nullable(),
  labels: z.array(z.object({ name: z.string() })),
});

/** The state of PR `n`; never throws (except on Ctrl-C): every failure is `unknown` with the reason. */
export async function fetchPrState(api: GitHubApi, n: number): Promise<PrState> {
  const url = `${api.apiUrl.replace(/\/+$/, '')}/repos/${api.repository}/pulls/${n}`;
  const admission = api.gate.admit({ channel: 'net', operation: 'http GET', target: url, effect: 'read', command: `GET ${url}` });
  if (!admission.run) return { kind: 'unknown', why: 'the request was not sent' };
  const state = await ask(api, url, n);
  admission.done(state.kind === 'unknown' ? { error: state.why } : {});
  return state;
}

async function ask(api: GitHubApi, url: string, n: number): Promise<PrState> {
  const timeout = AbortSignal.timeout(api.timeoutMs);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'GET',
      headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', 'user-agent': 'jetscale-janitor', ...(api.token ? { authorization: `Bearer ${api.token}` } : {}) },
      signal: AbortSignal.any([api.signal, timeout]),
    });
  } catch (error) {
    if (api.signal.aborted) throw api.signal.reason;
    return { kind: 'unknown', why: timeout.aborted ? `GitHub did not answer within ${api.timeoutMs} ms` : `GitHub unreachable: ${(error as Error).message}` };
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    return { kind: 'unknown', why: `GitHub answered ${res.status} for PR #${n}` };
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return { kind: 'unknown', why: timeout.aborted ? `GitHub did not finish answering within ${api.timeoutMs} ms` : `GitHub's answer for PR #${n} is not JSON` };
  }
  const parsed = Pull.safeParse(body);
  if (!parsed.success) return { kind: 'unknown', why: `GitHub's answer for PR #${n} has no state/labels` };
  const labels = parsed.data.labels.map((l) => l.name);
  if (parsed.data.state === 'open') return { kind: 'open', labels };
  if (!parsed.data.closed_at || Number.isNaN(Date.parse(parsed.data.closed_at))) return { kind: 'unknown', why: `PR #${n} is closed without a closing time` };
  return { kind: 'closed', closedAt: parsed.data.closed_at, labels };
}
