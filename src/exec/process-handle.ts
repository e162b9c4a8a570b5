// One long-running child in its own process group: prefixed log lines, exit tracking, and a stop that
// signals the whole group (the child's own children too) with SIGTERM, then SIGKILL after a grace period.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { LineTail, onLines } from './line-stream.js';

/** How a long-running process ended. `stopped`: we stopped it (not a failure). */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stopped: boolean;
  /** Set when the executable could not be started at all (ENOENT, EACCES). */
  spawnError?: Error;
}

/** How to spawn one long-running child and where its lines go. */
export interface SpawnOptions {
  file: string;
  args: readonly string[];
  /** The complete environment of the child (the caller merges base, call and secret env). */
  env: Record<string, string | undefined>;
  cwd?: string;
  /** The redacted command line, for messages. */
  command: string;
  /** Receives every output line (the group prefixes and redacts them). */
  log: (line: string) => void;
  graceMs: number;
  /** Called once the whole process group is gone (after `stop`). */
  onGone?: () => void;
}

const KILL_WAIT_MS = 2000;
const POLL_MS = 50;

/** A started long-running process; stop it (or its ProcessGroup) when done. */
export class ProcessHandle {
  readonly skipped = false as const;
  readonly command: string;
  readonly pid: number | undefined;
  /** Settles when the child itself exits (its group may live on until `stop`). */
  readonly exited: Promise<ProcessExit>;
  /** Settles once the executable started (undefined) or could not be started (the error). */
  readonly spawned: Promise<Error | undefined>;
  readonly #child: ChildProcess;
  readonly #listeners = new Set<(line: string) => void>();
  readonly #tail = new LineTail(20);
  readonly #graceMs: number;
  readonly #onGone: (() => void) | undefined;
  #stopped = false;
  #stopping: Promise<ProcessExit> | undefined;

  constructor(o: SpawnOptions) {
    this.command = o.command;
    this.#graceMs = o.graceMs;
    this.#onGone = o.onGone;
    // detached: the child leads a new process group, so one kill(-pid) reaches everything it spawns.
    this.#child = spawn(o.file, [...o.args], { cwd: o.cwd, env: o.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.pid = this.#child.pid;
    this.spawned = new Promise((resolve) => {
      this.#child.once('spawn', () => resolve(undefined));
      this.#child.once('error', (error) => resolve(error));
    });
    this.exited = new Promise((resolve) => {
      this.#child.once('exit', (code, signal) => resolve({ code, signal, stopped: this.#stopped }));
      this.#child.once('error', (error) => resolve({ code: null, signal: null, stopped: this.#stopped, spawnError: error }));
    });
    const line = (l: string) => {
      this.#tail.push(l);
      o.log(l);
      for (const listener of this.#listeners) listener(l);
    };
    onLines(this.#child.stdout, line);
    onLines(this.#child.stderr, line);
  }

  /** Subscribes to output lines; returns the unsubscribe function. */
  onLine(listener: (line: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The last lines the process wrote (unredacted: redact before showing). */
  tail(): string {
    return this.#tail.text();
  }

  /** True while any process of the group is alive. */
  get running(): boolean {
    return this.pid !== undefined && groupAlive(this.pid);
  }

  /** SIGTERM to the group, SIGKILL after the grace period; idempotent, resolves when the group is gone. */
  stop(): Promise<ProcessExit> {
    this.#stopping ??= this.#stop().finally(() => this.#onGone?.());
    return this.#stopping;
  }

  /** SIGKILL to the whole group at once, synchronously (forced exit, `process.on('exit')`). */
  kill(): void {
    this.#stopped = true;
    if (this.pid !== undefined) signalGroup(this.pid, 'SIGKILL');
  }

  async #stop(): Promise<ProcessExit> {
    this.#stopped = true;
    const pid = this.pid;
    if (pid === undefined) return this.exited;
    signalGroup(pid, 'SIGTERM');
    if (!(await waitGroupGone(pid, this.#graceMs))) {
      signalGroup(pid, 'SIGKILL');
      await waitGroupGone(pid, KILL_WAIT_MS);
    }
    // The leader is gone with its group; its exit event follows at once. The bound only guards against a missed
    // event, and its timer is unref'd so it never holds the CLI open.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bound = new Promise<ProcessExit>((resolve) => {
      timer = setTimeout(() => resolve({ code: null, signal: 'SIGKILL', stopped: true }), KILL_WAIT_MS);
      timer.unref();
    });
    return Promise.race([this.exited, bound]).finally(() => clearTimeout(timer));
  }
}

/** Sends `signal` to every process of the group led by `pid`; a gone group is not an error. */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** True while a process of the group still runs. An exited orphan waits as a zombie until init reaps it,
 * which some container inits do only every few seconds; on Linux those zombies do not count. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return process.platform !== 'linux' || groupHasLiveMember(pid);
}

function groupHasLiveMember(pgid: number): boolean {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return true;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // `pid (comm) state ppid pgrp …`; comm may contain spaces and parentheses, so split after the last `)`.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') return true;
  }
  return false;
}

async function waitGroupGone(pid: number, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (groupAlive(pid)) {
    if (performance.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
  return true;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
