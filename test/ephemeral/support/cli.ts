// The CLI end to end against the AWS simulator: a throwaway repo with jetscale.config.yaml, the simulator's
// endpoints as the only environment, and helpers to read the simulator's state and request log.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { AwsSim } from '../../support/aws-sim/index.js';
import { runCli, type CliRun } from '../../support/run-cli.js';

/** A repo directory per test file, removed afterwards; `config` is written as jetscale.config.yaml. */
export function repoPerFile(): { make(config: string): Promise<string> } {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });
  return {
    async make(config) {
      const dir = await mkdtemp(join(tmpdir(), 'jetscale-cleanup-'));
      dirs.push(dir);
      await writeFile(join(dir, 'jetscale.config.yaml'), config);
      return dir;
    },
  };
}

/** The cleanup configuration the tests share (the simulator's account and region). */
export const CLEANUP_CONFIG = (account: string, extra = '') => `aws:
  accounts: ["${account}"]
  regions: [us-east-1]
  callerArnPatterns: ["^arn:aws:sts::\\\\d{12}:assumed-role/github-actions-deployer/"]
terraform:
  stateBucket: jetscale-tfstate-test
${extra}`;

/** `jetscale <argv>` in `cwd` with only the simulator's environment (plus PATH and `env`). */
export function cli(sim: AwsSim, cwd: string, argv: string[], env: Record<string, string | undefined> = {}, signal?: AbortSignal): Promise<CliRun> {
  return runCli(argv, { cwd, env: { ...sim.env(), PATH: process.env.PATH, HOME: cwd, CHECKPOINT_DISABLE: '1', ...env }, ...(signal ? { signal } : {}) });
}

/** The simulator's whole state as `GET /_sim/state` serves it, without the request counter (reads move it). */
export async function stateBytes(sim: AwsSim): Promise<string> {
  const doc = (await (await fetch(`${sim.url}/_sim/state`)).json()) as Record<string, unknown>;
  delete doc.requestCount;
  return JSON.stringify(doc);
}

/** Every request that was not a read (the request log of a dry run must have none). */
export function writeRequests(sim: AwsSim): string[] {
  return sim.requests.filter((r) => !/^(Describe|List|Get|Head)/.test(r.operation)).map((r) => `${r.service}:${r.operation}`);
}

/** `service:Operation` of each request, in order. */
export const calls = (sim: AwsSim): string[] => sim.requests.map((r) => `${r.service}:${r.operation}`);
