// Scripted fake executables on PATH, for tools that cannot run on these machines (kind, skaffold, tilt, …)
// and for asserting a task's exact command sequence. Each call records argv, env, stdin, cwd and pid.
import { mkdtemp, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** One scripted reply; the first rule whose `args` is a prefix of (or regex matching) the argv wins. */
export interface FakeRule {
  args?: readonly string[] | RegExp;
  stdout?: string;
  stderr?: string;
  exitCode?: number;
  /** Sleep before replying (for timeouts and Ctrl-C tests). */
  sleepMs?: number;
}

export interface FakeCall {
  tool: string;
  argv: string[];
  env: Record<string, string>;
  stdin: string;
  cwd: string;
  pid: number;
}

export interface FakeTools {
  dir: string;
  /** Adds (or replaces) a fake tool with its rules; unmatched calls exit 0 with no output unless `fallback` says otherwise. */
  add(tool: string, rules: readonly FakeRule[], fallback?: FakeRule): Promise<string>;
  /** PATH with only the fakes (isolated) or the fakes first. */
  path(opts?: { isolate?: boolean }): string;
  calls(tool?: string): Promise<FakeCall[]>;
  cleanup(): Promise<void>;
}

const RUNNER = `
const fs = require('node:fs');
const [rulesFile, logFile, tool] = process.argv.slice(2, 5);
const argv = process.argv.slice(5);
let stdin = '';
try { if (!process.stdin.isTTY) stdin = fs.readFileSync(0, 'utf8'); } catch {}
fs.appendFileSync(logFile, JSON.stringify({ tool, argv, env: process.env, stdin, cwd: process.cwd(), pid: process.pid }) + '\\n');
const { rules, fallback } = JSON.parse(fs.readFileSync(rulesFile, 'utf8'));
const matches = (r) => {
  if (!r.args) return true;
  if (r.args.regex) return new RegExp(r.args.regex).test(argv.join(' '));
  return r.args.every((a, i) => argv[i] === a);
};
const rule = rules.find(matches) || fallback || {};
const reply = () => {
  if (rule.stdout) process.stdout.write(rule.stdout);
  if (rule.stderr) process.stderr.write(rule.stderr);
  process.exitCode = rule.exitCode || 0;
};
if (rule.sleepMs) setTimeout(reply, rule.sleepMs); else reply();
`;

/** Creates an empty fake-tool directory; call `add` per tool. */
export async function createFakeTools(): Promise<FakeTools> {
  const dir = await mkdtemp(join(tmpdir(), 'jetscale-fake-'));
  const log = join(dir, 'calls.jsonl');
  const runner = join(dir, 'runner.cjs');
  await writeFile(runner, RUNNER);
  return {
    dir,
    async add(tool, rules, fallback) {
      const rulesFile = join(dir, `${tool}.rules.json`);
      const serial = (r: FakeRule) => ({ ...r, args: r.args instanceof RegExp ? { regex: r.args.source } : r.args });
      await writeFile(rulesFile, JSON.stringify({ rules: rules.map(serial), fallback: fallback ? serial(fallback) : undefined }));
      const bin = join(dir, tool);
      await writeFile(bin, `#!/bin/sh\nexec '${process.execPath}' '${runner}' '${rulesFile}' '${log}' '${tool}' "$@"\n`);
      await chmod(bin, 0o755);
      return bin;
    },
    path: (opts) => (opts?.isolate ? dir : [dir, process.env.PATH ?? ''].join(delimiter)),
    async calls(tool) {
      if (!existsSync(log)) return [];
      const all = (await readFile(log, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as FakeCall);
      return tool ? all.filter((c) => c.tool === tool) : all;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
