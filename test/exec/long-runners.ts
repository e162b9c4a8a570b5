// Scripted long-running fake tools (tilt up, skaffold dev, kubectl port-forward): each prints, listens, spawns a
// grandchild or ignores SIGTERM as configured, and appends its pid (and its grandchild's) to a pid file.
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunnerConfig {
  /** Printed on stdout after `readyDelayMs`. */
  readyLine?: string;
  readyDelayMs?: number;
  /** Listen on 127.0.0.1:port after `readyDelayMs`. */
  listenPort?: number;
  /** Spawn a grandchild that sleeps forever (and ignores SIGTERM when `grandchildIgnoresTerm`). */
  grandchild?: boolean;
  grandchildIgnoresTerm?: boolean;
  ignoreTerm?: boolean;
  /** Exit by itself after this long, with `exitCode`. */
  exitAfterMs?: number;
  exitCode?: number;
  /** Print the value of this environment variable on startup. */
  echoEnv?: string;
}

export interface PidEntry {
  tool: string;
  role: 'child' | 'grandchild';
  pid: number;
  argv: string[];
}

const RUNNER = `
const fs = require('node:fs');
const { spawn } = require('node:child_process');
const [configFile, pidFile, tool] = process.argv.slice(2, 5);
const argv = process.argv.slice(5);
const c = JSON.parse(fs.readFileSync(configFile, 'utf8'));
const record = (role, pid) => fs.appendFileSync(pidFile, JSON.stringify({ tool, role, pid, argv }) + '\\n');
if (c.ignoreTerm) process.on('SIGTERM', () => console.log('ignoring SIGTERM'));
record('child', process.pid);
console.log(tool + ' starting ' + argv.join(' '));
if (c.echoEnv) console.log('env ' + c.echoEnv + '=' + process.env[c.echoEnv]);
if (c.grandchild) {
  const code = (c.grandchildIgnoresTerm ? "process.on('SIGTERM', () => {});" : '') + 'setInterval(() => {}, 1e6);';
  const g = spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
  record('grandchild', g.pid);
}
setTimeout(() => {
  if (c.listenPort) require('node:net').createServer((s) => s.end()).listen(c.listenPort, '127.0.0.1');
  if (c.readyLine) console.log(c.readyLine);
}, c.readyDelayMs || 0);
if (c.exitAfterMs !== undefined) setTimeout(() => { console.error('giving up'); process.exit(c.exitCode || 0); }, c.exitAfterMs);
setInterval(() => {}, 1e6);
`;

export interface LongRunners {
  dir: string;
  pidFile: string;
  /** Writes an executable `tool` that behaves as configured; returns its path. */
  add(tool: string, config: RunnerConfig): Promise<string>;
  pids(): Promise<PidEntry[]>;
  cleanup(): Promise<void>;
}

/** A temp dir of long-running fakes sharing one pid file. */
export async function createLongRunners(): Promise<LongRunners> {
  const dir = await mkdtemp(join(tmpdir(), 'jetscale-long-'));
  const runner = join(dir, 'runner.cjs');
  const pidFile = join(dir, 'pids.jsonl');
  await writeFile(runner, RUNNER);
  return {
    dir,
    pidFile,
    async add(tool, config) {
      const configFile = join(dir, `${tool}.json`);
      await writeFile(configFile, JSON.stringify(config));
      const bin = join(dir, tool);
      await writeFile(bin, `#!/bin/sh\nexec '${process.execPath}' '${runner}' '${configFile}' '${pidFile}' '${tool}' "$@"\n`);
      await chmod(bin, 0o755);
      return bin;
    },
    async pids() {
      if (!existsSync(pidFile)) return [];
      return (await readFile(pidFile, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as PidEntry);
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** True while `pid` is a running process. An exited orphan waiting for init to reap it (a zombie) counts as gone:
 * it runs nothing, and this VM's init reaps orphans only every few seconds. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** Polls until `check` is true or `ms` pass; returns the time it took, or throws naming what did not happen. */
export async function waitUntil(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error(`${what} did not happen within ${ms}ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return Date.now() - start;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
