// Runs `jetscale validate:envs` in a fixture repo with --json and checks findings against expectations.
import { expect, inject } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import { runCli } from '../support/run-cli.js';
import type { FixtureRepo } from './fixture-repo.js';
import type { Expected } from './mutations.js';

export interface EnvJson {
  id: string;
  file: string;
  layers: string[];
  checks: Record<'yaml' | 'schema' | 'policy' | 'render', string>;
  findings: Finding[];
}

export interface ValidateJson {
  task: string;
  ok: boolean;
  exitCode: number;
  data: { cloud: string; environments: EnvJson[]; general: Finding[]; findings: Finding[] };
}

export interface ValidateRun {
  code: number;
  stdout: string;
  stderr: string;
  json: ValidateJson;
}

/** helm from globalSetup ('' when unavailable); prints why render cases skip, once per file. */
export function helmOrWarn(): string {
  const helm = inject('helmPath');
  if (!helm) console.warn(inject('helmUnavailableReason') || 'render cases skipped: helm unavailable');
  return helm;
}

/** `validate:envs <cloud> --json --render=<render> ...extra` with only PATH (and JETSCALE_HELM when given). */
export async function validate(repo: FixtureRepo, opts: { cloud?: string; render: 'off' | 'auto' | 'require'; helm?: string; extra?: readonly string[]; path?: string }): Promise<ValidateRun> {
  const env: Record<string, string | undefined> = { PATH: opts.path ?? process.env.PATH };
  if (opts.helm !== undefined) env.JETSCALE_HELM = opts.helm;
  const r = await runCli(['validate:envs', opts.cloud ?? 'aws', '--json', `--render=${opts.render}`, ...(opts.extra ?? [])], { cwd: repo.dir, env });
  let json: ValidateJson;
  try {
    json = JSON.parse(r.stdout) as ValidateJson;
  } catch {
    throw new Error(`stdout is not one JSON document (exit ${r.code}):\n${r.stdout}\nstderr:\n${r.stderr}`);
  }
  return { ...r, json };
}

/** The finding that satisfies `e`, if any. */
export function matchFinding(findings: readonly Finding[], e: Expected): Finding | undefined {
  return findings.find((f) =>
    f.rule === e.rule &&
    f.file === e.file &&
    f.severity === (e.severity ?? 'error') &&
    (e.line === undefined || f.line === e.line) &&
    (e.message === undefined || e.message.test(f.message)) &&
    (e.envs ?? []).every((env) => (f.env ?? '').split(', ').includes(env)));
}

/** Asserts every expectation is met by the run's (deduplicated) findings, with a readable diff when not. */
export function expectFindings(run: ValidateRun, expected: readonly Expected[]): void {
  const all = run.json.data.findings;
  for (const e of expected) {
    const near = all.filter((f) => f.rule === e.rule);
    expect(matchFinding(all, e), `expected ${JSON.stringify({ ...e, message: e.message?.source })}\nfindings with that rule: ${JSON.stringify(near, null, 1)}`).toBeDefined();
  }
}

/** Error rule ids of the run, sorted and unique. */
export function errorRules(run: ValidateRun): string[] {
  return [...new Set(run.json.data.findings.filter((f) => f.severity === 'error').map((f) => f.rule))].sort();
}
