// Readiness of a long-running process: a line it prints, a TCP port that accepts, or any async probe,
// always against a deadline. A process that exits first is "not ready" too, with its exit code.
import { createConnection } from 'node:net';

/** How a long-running process says it is ready. */
export type ReadyCheck =
  /** A line on stdout or stderr matches (e.g. `Forwarding from 127.0.0.1:8080`). */
  | { line: RegExp }
  /** A TCP connection to `host:port` succeeds (default host 127.0.0.1). */
  | { tcp: { port: number; host?: string } }
  /** Any async check, polled every `intervalMs` (default 200 ms) until it answers true. */
  | { probe: (signal: AbortSignal) => Promise<boolean>; what: string; intervalMs?: number };

/** What the readiness wait watches: a line feed and the exit of the process. */
export interface Watchable {
  onLine(listener: (line: string) => void): () => void;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Why a readiness wait ended without the process being ready. */
export type NotReady = { kind: 'deadline' } | { kind: 'exited'; code: number | null; signal: NodeJS.Signals | null } | { kind: 'aborted'; reason: unknown };

/** A short human description of the check, for errors and logs. */
export function describeReady(check: ReadyCheck): string {
  if ('line' in check) return `a line matching ${String(check.line)}`;
  if ('tcp' in check) return `a TCP connection to ${check.tcp.host ?? '127.0.0.1'}:${check.tcp.port}`;
  return check.what;
}

/** True when `host:port` accepts a TCP connection within `timeoutMs` (the connection is closed at once). */
export function canConnect(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/** Waits until `check` passes; resolves undefined when ready, or why not (deadline, exit, abort). */
export async function waitReady(target: Watchable, check: ReadyCheck, deadlineMs: number, signal: AbortSignal): Promise<NotReady | undefined> {
  if (signal.aborted) return { kind: 'aborted', reason: signal.reason };
  const local = new AbortController();
  const cleanups: Array<() => void> = [() => local.abort()];
  try {
    return await new Promise<NotReady | undefined>((resolve) => {
      const timer = setTimeout(() => resolve({ kind: 'deadline' }), deadlineMs);
      cleanups.push(() => clearTimeout(timer));
      const onAbort = () => resolve({ kind: 'aborted', reason: signal.reason });
      signal.addEventListener('abort', onAbort, { once: true });
      cleanups.push(() => signal.removeEventListener('abort', onAbort));
      void target.exited.then((e) => resolve({ kind: 'exited', code: e.code, signal: e.signal }));
      if ('line' in check) {
        cleanups.push(target.onLine((line) => check.line.test(line) && resolve(undefined)));
        return;
      }
      const probe = 'tcp' in check ? () => canConnect(check.tcp.port, check.tcp.host) : check.probe;
      const interval = 'tcp' in check ? 100 : (check.intervalMs ?? 200);
      void poll(() => probe(local.signal), interval, local.signal).then((ok) => ok && resolve(undefined));
    });
  } finally {
    for (const cleanup of cleanups) cleanup();
  }
}

async function poll(probe: () => Promise<boolean>, intervalMs: number, signal: AbortSignal): Promise<boolean> {
  while (!signal.aborted) {
    if (await probe().catch(() => false)) return !signal.aborted;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  return false;
}
