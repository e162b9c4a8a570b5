// Runs `jetscale diagnose …` in-process against a fresh aws-sim and kube-sim built from one world, with the public
// site on loopback, and collects everything a read-only assertion needs (both request logs, the transcript, the
// kubeconfig bytes before and after).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAwsSim, type AwsSim } from '../support/aws-sim/index.js';
import { startKubeSim, type KubeSim } from '../support/kube-sim/index.js';
import { runCli, type CliRun } from '../support/run-cli.js';
import { awsFixture, kubeFixture, writeRepo, type Env, type Twists } from './world.js';

/** What one diagnose run left behind. */
export interface Outcome extends CliRun {
  doc: { ok: boolean; exitCode: number; data: Report; transcript: Array<{ channel: string; effect: string; status: string; operation: string; command: string }> };
  aws: AwsSim['requests'];
  kube: KubeSim['requests'];
  kubeconfigChanged: boolean;
}

/** The parts of the report the tests read. */
export interface Report {
  target: { host?: string; namespace?: string; context?: string };
  credentials: { aws?: { caller: string; readOnly: string }; kube?: { readOnly: string } };
  layers: Array<{ layer: string; verdict: string; notChecked?: string; checks: Array<{ id: string; subject: string; health: { status: string; reason: string; message: string }; evidence: string[] }>; notes: string[] }>;
  conclusion: { verdict: string; exitCode: number; headline: string; causes: Array<{ cause: string; reason: string; layer: string; chain: string[]; open?: string }>; notChecked: string[] };
  commands: Array<{ layer: string; command: string }>;
}

/** Every run of the file, for the suite-wide read-only assertion. */
export const ALL_RUNS: Outcome[] = [];

/** A fixture repo in a temp dir (removed by `cleanup`). */
export async function makeRepo(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'jetscale-diagnose-'));
  await writeRepo(dir);
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Options of one run. */
export interface RunOptions {
  env: Env;
  twists?: Twists;
  argv: string[];
  /** Kube context name written to the kubeconfig (default: the env id, else `live`). */
  context?: string;
  /** Replace the kubeconfig's token (401 from the API server). */
  badToken?: boolean;
  /** Arm faults on the AWS simulator before the run. */
  arm?: (aws: AwsSim) => void;
  json?: boolean;
}

/** Starts both simulators for the world, runs the CLI, stops them. */
export async function diagnoseWorld(repo: string, o: RunOptions): Promise<Outcome> {
  const now = new Date();
  const aws = await startAwsSim({ fixture: awsFixture(o.env, o.twists) });
  const kube = await startKubeSim({ fixture: kubeFixture(o.env, o.twists ?? {}, now) });
  const kubeconfig = join(repo, `kubeconfig-${Math.random().toString(36).slice(2)}`);
  try {
    await kube.writeKubeconfig(kubeconfig, o.context ?? o.env.envId ?? 'live', o.env.ns);
    if (o.badToken) await writeFile(kubeconfig, (await readFile(kubeconfig, 'utf8')).replaceAll(kube.token, 'expired-token'));
    const before = await readFile(kubeconfig, 'utf8');
    o.arm?.(aws);
    const json = o.json ?? true;
    const r = await runCli([...o.argv, ...(json ? ['--json'] : [])], { env: { ...aws.env(), KUBECONFIG: kubeconfig, HOME: repo, PATH: process.env.PATH }, cwd: repo });
    const out: Outcome = {
      ...r, doc: json ? JSON.parse(r.stdout) : { ok: r.code === 0, exitCode: r.code, data: {} as Report, transcript: [] },
      aws: [...aws.requests], kube: [...kube.requests], kubeconfigChanged: (await readFile(kubeconfig, 'utf8')) !== before,
    };
    ALL_RUNS.push(out);
    return out;
  } finally {
    await aws.stop();
    await kube.stop();
    await rm(kubeconfig, { force: true });
  }
}

/** The checks of a layer as `id: reason`. */
export function reasons(r: Report, layer: string): string[] {
  return r.layers.find((l) => l.layer === layer)!.checks.map((c) => `${c.id}: ${c.health.reason}`);
}
