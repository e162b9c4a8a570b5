// The request log as other processes see it: JSON lines in a file (--log) and one human line per call on stdout.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Params } from './protocol/params.js';
import type { RequestRecord } from './server.js';

// Parameters that carry secret material; the in-memory log keeps them for assertions, files and terminals do not.
const SECRET_PARAMS = new Set(['SecretString', 'SecretBinary']);

/** Params with secret values replaced by "<redacted>". */
export function redactParams(params: Params): Params {
  if (!Object.keys(params).some((k) => SECRET_PARAMS.has(k))) return params;
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, SECRET_PARAMS.has(k) ? '<redacted>' : v]));
}

/** One JSON line: the record (secrets redacted) with an ISO timestamp first. */
export function formatJsonLine(r: RequestRecord, at = new Date()): string {
  return `${JSON.stringify({ time: at.toISOString(), ...r, params: redactParams(r.params) })}\n`;
}

/** One human-readable line, as main.ts prints it. */
export function formatTextLine(r: RequestRecord, at = new Date()): string {
  return `${at.toISOString()} ${r.status} ${r.service}:${r.operation}${r.errorCode ? ` ${r.errorCode}` : ''} ${r.ms}ms ${JSON.stringify(redactParams(r.params))}`;
}

/** An append-only JSON-lines file; each line is written synchronously so a reader never sees half a record. */
export interface RequestLogFile {
  write(r: RequestRecord): void;
  close(): void;
}

/** Open (append to) a JSON-lines request log. */
export function openRequestLog(path: string): RequestLogFile {
  let fd: number | undefined = openSync(path, 'a');
  return {
    write: (r) => {
      if (fd !== undefined) writeSync(fd, formatJsonLine(r));
    },
    close: () => {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
