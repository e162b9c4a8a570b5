// The loopback control API under /_sim/ on the simulator's own port, so any process can read state and arm faults.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { FaultSpecError, parseFaultList } from './fault-schema.js';
import type { Faults } from './faults.js';
import type { RequestRecord } from './server.js';

/** What the control API reads and changes. */
export interface ControlTarget {
  /** The GET /_sim/state document. */
  snapshot(): Record<string, unknown>;
  requests: RequestRecord[];
  faults: Faults;
  /** What POST /_sim/reset does (see index.ts). */
  reset(): Record<string, unknown>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function send(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = `${JSON.stringify(value, null, 2)}\n`;
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

// A fault list as JSON, or YAML when the caller says so.
function parseBody(req: IncomingMessage, body: Buffer): unknown {
  const text = body.toString('utf8');
  return /yaml/.test(String(req.headers['content-type'] ?? '')) ? parseYaml(text) : JSON.parse(text);
}

type Route = (req: IncomingMessage, url: URL, body: Buffer) => [number, unknown];

function routes(t: ControlTarget): Record<string, Partial<Record<string, Route>>> {
  return {
    '/_sim/state': { GET: () => [200, t.snapshot()] },
    '/_sim/requests': {
      GET: (_req, url) => {
        const since = Number(url.searchParams.get('since') ?? 0);
        if (!Number.isInteger(since) || since < 0) return [400, { error: 'InvalidParameter', field: 'since', message: 'since must be a non-negative integer (an index into the log)' }];
        return [200, t.requests.slice(since)];
      },
    },
    '/_sim/faults': {
      GET: () => [200, t.faults.list()],
      POST: (req, _url, body) => {
        let input: unknown;
        try {
          input = parseBody(req, body);
        } catch (err) {
          return [400, { error: 'InvalidBody', message: `the body is not a JSON (or YAML) fault list: ${(err as Error).message}` }];
        }
        try {
          t.faults.armAll(parseFaultList(input, 'POST /_sim/faults body'));
        } catch (err) {
          if (!(err instanceof FaultSpecError)) throw err;
          return [400, { error: 'InvalidFaults', message: err.message, field: err.issues[0]?.path ?? '', issues: err.issues }];
        }
        return [200, t.faults.list()];
      },
      DELETE: (_req, url) => {
        t.faults.clear(url.searchParams.get('key') ?? undefined);
        return [200, t.faults.list()];
      },
    },
    '/_sim/reset': { POST: () => [200, t.reset()] },
  };
}

/** The /_sim/* request handler; answers JSON, 404 for unknown paths and 405 (with Allow) for wrong methods. */
export function createControl(t: ControlTarget): (req: IncomingMessage, res: ServerResponse, body: Buffer) => Promise<void> {
  const table = routes(t);
  return async (req, res, body) => {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return send(res, 403, { error: 'Forbidden', message: 'the control API answers loopback clients only' });
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const methods = table[url.pathname.replace(/\/$/, '')];
    if (!methods) return send(res, 404, { error: 'NotFound', message: `no control endpoint ${url.pathname}; try ${Object.keys(table).join(', ')}` });
    const route = methods[req.method ?? 'GET'];
    if (!route) return send(res, 405, { error: 'MethodNotAllowed', message: `${url.pathname} accepts ${Object.keys(methods).join(', ')}` }, { allow: Object.keys(methods).join(', ') });
    const [status, value] = route(req, url, body);
    send(res, status, value);
  };
}
