// Timing helpers for `npm run bench`: medians of whole-process runs, interleaved so load hits all alike.
import { spawnSync } from 'node:child_process';

export interface Command {
  label: string;
  argv: readonly string[];
  cwd?: string;
  env?: Record<string, string | undefined>;
}

/** Median of numbers. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Wall time of one run in ms; fails loudly when the command fails (a broken benchmark is not a fast one). */
export function timeOnce(cmd: Command): number {
  const start = performance.now();
  const r = spawnSync(cmd.argv[0]!, cmd.argv.slice(1), { cwd: cmd.cwd, env: cmd.env ?? process.env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`${cmd.label} exited ${r.status}: ${r.stderr?.toString().slice(-500)}`);
  return ms;
}

/** Runs every command `runs` times, round-robin, after one warm-up each; returns medians in ms. */
export function medians(commands: readonly Command[], runs: number): Map<string, number> {
  for (const c of commands) timeOnce(c);
  const samples = new Map(commands.map((c) => [c.label, [] as number[]]));
  for (let i = 0; i < runs; i++) for (const c of commands) samples.get(c.label)!.push(timeOnce(c));
  return new Map([...samples].map(([k, v]) => [k, median(v)]));
}
