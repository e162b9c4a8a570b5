// docker: only reads (is the engine there, which version); images are built by skaffold and loaded by kind.
import * as z from 'zod';
import type { Executor } from '../exec/executor.js';
import { parseToolJson, runRead } from './tool-call.js';
import type { ResolvedTool } from './tool-table.js';
import { VERSION_ARGS } from './version-args.js';

/** How the tool finder asks docker for its (client) version; no engine needed. */
export const versionArgs = VERSION_ARGS.docker;

const Version = z.object({ Client: z.object({ Version: z.string() }), Server: z.object({ Version: z.string() }).nullable().optional() });

/** Client and engine versions; `server` is undefined when the engine is unreachable. */
export interface DockerVersion {
  client: string;
  server?: string;
}

/** `docker version --format '{{json .}}'` (read): docker prints the client part and exits 1 without an engine. */
export async function version(exec: Executor, tool: ResolvedTool): Promise<DockerVersion> {
  const r = await runRead(exec, tool, ['version', '--format', '{{json .}}'], { timeoutMs: 30_000, accept: (x) => x.stdout.trim().startsWith('{') });
  const v = parseToolJson(Version, r.stdout.trim().split('\n')[0] ?? '', r.command);
  return { client: v.Client.Version, ...(v.Server ? { server: v.Server.Version } : {}) };
}

const Info = z.object({ ServerVersion: z.string(), OperatingSystem: z.string(), NCPU: z.number(), MemTotal: z.number(), Driver: z.string().optional() });

/** The engine facts `info` returns. */
export interface DockerInfo {
  serverVersion: string;
  os: string;
  cpus: number;
  memoryBytes: number;
  storageDriver?: string;
}

/** `docker info --format '{{json .}}'` (read): the engine's facts; an unreachable engine fails with docker's message. */
export async function info(exec: Executor, tool: ResolvedTool): Promise<DockerInfo> {
  const r = await runRead(exec, tool, ['info', '--format', '{{json .}}'], { timeoutMs: 30_000 });
  const i = parseToolJson(Info, r.stdout, r.command);
  return { serverVersion: i.ServerVersion, os: i.OperatingSystem, cpus: i.NCPU, memoryBytes: i.MemTotal, ...(i.Driver ? { storageDriver: i.Driver } : {}) };
}
