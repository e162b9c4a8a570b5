// A loopback stand-in for the GitHub REST API's `GET /repos/<owner>/<repo>/pulls/<n>`: each PR answers with a
// state, an HTTP error, a broken body, or never. Every request is recorded.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How one PR answers. */
export type PrAnswer =
  | { state: 'open'; labels?: string[] }
  | { state: 'closed'; closedAt: string; labels?: string[] }
  | { status: number }
  | 'garbage'
  | 'hang';

export interface GitHubFake {
  url: string;
  requests: Array<{ method: string; path: string; authorization: string | undefined }>;
  stop(): Promise<void>;
}

/** Serves `repo`'s PRs from `prs`; a PR not listed answers 404 like GitHub. */
export async function startGitHubFake(repo: string, prs: ReadonlyMap<number, PrAnswer>): Promise<GitHubFake> {
  const requests: GitHubFake['requests'] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization });
    const m = new RegExp(`^/repos/${repo}/pulls/(\\d+)$`).exec(req.url ?? '');
    const answer = m && req.method === 'GET' ? prs.get(Number(m[1])) : undefined;
    if (answer === 'hang') return; // never answers; the client's deadline must end it
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (!m || answer === undefined) return json(404, { message: 'Not Found' });
    if (answer === 'garbage') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"state": "clo');
    if ('status' in answer) return json(answer.status, { message: 'Server Error' });
    json(200, { number: Number(m[1]), state: answer.state, closed_at: answer.state === 'closed' ? answer.closedAt : null, labels: (answer.labels ?? []).map((name) => ({ name })) });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
