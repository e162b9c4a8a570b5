// `npm run bench` rows for `jetscale validate:envs`: offline cost on this repo and on 200 generated
// environments, and serial vs parallel `helm template` rendering. Whole processes, medians, ratios
// against `node -e ''` measured in the same interleaved run.
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ensureHelm } from '../../test/support/helm/ensure-helm.js';
import { vendorStandinSubcharts } from '../../test/support/helm/vendor-subcharts.js';
import { medians, type Command } from './measure.js';

interface Row {
  what: string;
  value: string;
  target?: string;
}

const root = process.cwd();
const cli = join(root, 'bin/jetscale.js');
const node = process.execPath;
const chartDir = join(root, 'charts', 'jetscale');

const log = (line: string): void => console.error(`bench validate: ${line}`);

/** An explicit, minimal environment: no CI, GITHUB_* or JETSCALE_* variables leaking in from the caller. */
function benchEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: homedir(), LANG: 'C.UTF-8', NO_COLOR: '1', ...extra };
}

/** One generated environment in the shape of envs/staging/acme.yaml; `name` is a DNS label. */
function envYaml(name: string): string {
  const slug = `${name}-gen`;
  const host = `${slug}.jetscale.ai`;
  return `# Generated benchmark environment for client ${name}: ${host} (covered by the shared wildcard cert).
global:
  client_name: ${name}
  project_name: console

externalSecret:
  awsSecretPrefix: ${slug}
  irsaRoleArn: arn:aws:iam::111111111111:role/${slug}-external-secrets-role

backend-api:
  image:
    repository: 111111111111.dkr.ecr.us-east-1.amazonaws.com/${slug}-backend

backend-ws:
  image:
    repository: 111111111111.dkr.ecr.us-east-1.amazonaws.com/${slug}-backend

frontend:
  image:
    repository: 111111111111.dkr.ecr.us-east-1.amazonaws.com/${slug}-frontend
  env:
    VITE_API_BASE_URL: https://${host}

ingress:
  annotations:
    external-dns.alpha.kubernetes.io/hostname: ${host}
  hosts:
    ${host}: {}
`;
}

const GEN_DEFAULT = `# Defaults for every generated benchmark environment (same as envs/staging/default.yaml).
global:
  env: staging

externalSecret:
  enabled: true
  awsRegion: us-east-1

backend-api:
  image:
    pullPolicy: Always

backend-ws:
  image:
    pullPolicy: Always

frontend:
  image:
    pullPolicy: Always
`;

/**
 * A throwaway repo: the chart (without charts/, unless `subcharts`, then only its *.tgz), envs/aws.yaml,
 * an empty .git marker, and `count` environments under envs/gen/ plus envs/gen/default.yaml.
 */
export async function makeRepo(count: number, subcharts = false): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `jetscale-bench-${count}-`));
  await mkdir(join(dir, '.git'));
  await cp(chartDir, join(dir, 'charts', 'jetscale'), {
    recursive: true,
    filter: (src) => {
      const rel = relative(chartDir, src).split('\\').join('/');
      if (rel === 'charts') return subcharts;
      if (rel.startsWith('charts/')) return subcharts && /^charts\/[^/]+\.tgz$/.test(rel);
      return true;
    },
  });
  await mkdir(join(dir, 'envs', 'gen'), { recursive: true });
  // The generated type `gen` is neither public nor required to render anything: the repo is clean by construction.
  await writeFile(join(dir, 'jetscale.config.yaml'), 'publicEnvTypes: []\nrequiredKinds: {}\ndns:\n  domain: jetscale.ai\n');
  await cp(join(root, 'envs', 'aws.yaml'), join(dir, 'envs', 'aws.yaml'));
  await writeFile(join(dir, 'envs', 'gen', 'default.yaml'), GEN_DEFAULT);
  for (let i = 1; i <= count; i++) {
    const name = `tenant${String(i).padStart(3, '0')}`;
    await writeFile(join(dir, 'envs', 'gen', `${name}.yaml`), envYaml(name));
  }
  return dir;
}

/** Runs the command once with --json and checks it exits 0, reports `expected` environments and no findings. */
function verify(cmd: Command, expected: number): void {
  const r = spawnSync(cmd.argv[0]!, [...cmd.argv.slice(1), '--json'], { cwd: cmd.cwd, env: cmd.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd.label}: exited ${r.status} (a failing run is not a benchmark): ${(r.stderr || r.stdout).slice(-800)}`);
  const out = JSON.parse(r.stdout) as { data?: { environments?: unknown[]; findings?: Array<{ rule?: string; message?: string }> } };
  const n = out.data?.environments?.length;
  if (n !== expected) throw new Error(`${cmd.label}: --json reports ${String(n)} environments, expected ${expected}`);
  const findings = out.data?.findings ?? [];
  const real = findings.filter((f) => f.rule !== 'render/skipped');
  if (real.length) throw new Error(`${cmd.label}: ${real.length} finding(s), e.g. ${real[0]?.rule}: ${real[0]?.message}`);
}

const fmt = (ms: number, base: number): string => `${ms.toFixed(1)} ms (${(ms / base).toFixed(2)}× node)`;

async function offline(runs: number): Promise<Row[]> {
  log('generating temp repos with 1 and 200 environments');
  const repo1 = await makeRepo(1);
  const repo200 = await makeRepo(200);
  try {
    const env = benchEnv();
    const args = ['validate:envs', 'aws', '--render=off'];
    const base: Command = { label: 'node', argv: [node, '-e', ''], env };
    const here: Command = { label: 'repo', argv: [node, cli, ...args], cwd: root, env };
    const cold: Command = { label: 'repo-cold', argv: [node, cli, ...args, '--no-cache'], cwd: root, env };
    const one: Command = { label: 'gen1', argv: [node, cli, ...args], cwd: repo1, env };
    const many: Command = { label: 'gen200', argv: [node, cli, ...args], cwd: repo200, env };
    log('verifying exit 0 and environment counts');
    verify(here, 4);
    verify(one, 1);
    verify(many, 200);
    log(`timing --render=off: node, this repo (warm and --no-cache), 1 env, 200 envs × ${runs} runs (interleaved)`);
    const m = medians([base, here, cold, one, many], runs);
    const tNode = m.get('node')!;
    const tRepo = m.get('repo')!;
    const tCold = m.get('repo-cold')!;
    const t1 = m.get('gen1')!;
    const t200 = m.get('gen200')!;
    const rows: Row[] = [];
    // BENCH_NODE=/path/to/node (e.g. Node 22): the same row on that Node, whose module compile cache
    // (module.enableCompileCache, called by the CLI) is warm after the first run.
    const other = process.env.BENCH_NODE;
    if (other) {
      const version = spawnSync(other, ['--version'], { encoding: 'utf8' }).stdout.trim();
      const oNode: Command = { label: 'other-node', argv: [other, '-e', ''], env };
      const oRepo: Command = { label: 'other-repo', argv: [other, cli, ...args], cwd: root, env };
      const o = medians([oNode, oRepo], runs);
      rows.push({ what: `validate:envs aws --render=off (this repo, 4 envs) on Node ${version}`, value: `${o.get('other-repo')!.toFixed(1)} ms (${(o.get('other-repo')! / o.get('other-node')!).toFixed(2)}× its node)`, target: '≤ 3× node' });
    }
    return [
      ...rows,
      { what: `validate:envs aws --render=off (this repo, 4 envs) on Node ${process.versions.node}`, value: fmt(tRepo, tNode), target: '≤ 3× node' },
      { what: 'validate:envs aws --render=off --no-cache (this repo, nothing cached)', value: fmt(tCold, tNode) },
      { what: 'validate:envs aws --render=off (1 generated env)', value: fmt(t1, tNode) },
      { what: 'validate:envs aws --render=off (200 generated envs)', value: fmt(t200, tNode) },
      {
        what: 'validate:envs per environment, offline',
        value: `${((t200 - t1) / 199).toFixed(2)} ms/env (t200−t1)/199; ${((t200 - tRepo) / 196).toFixed(2)} ms/env (t200−t_repo)/196`,
      },
    ];
  } finally {
    await rm(repo1, { recursive: true, force: true });
    await rm(repo200, { recursive: true, force: true });
  }
}

async function rendering(runs: number): Promise<Row[]> {
  const helm = await ensureHelm(log);
  await vendorStandinSubcharts({ helm, chartDir, log });
  const count = 8;
  const cores = availableParallelism();
  const repo = await makeRepo(count, true);
  try {
    const tgz = (await readdir(join(repo, 'charts', 'jetscale', 'charts'))).filter((f) => f.endsWith('.tgz'));
    if (tgz.length === 0) throw new Error('no subchart tarballs copied into the temp chart');
    const env = benchEnv({ JETSCALE_HELM: helm });
    // --no-cache: these rows measure rendering itself, not the render cache (which has its own row).
    const args = ['validate:envs', 'aws', '--render=require', '--no-cache'];
    const base: Command = { label: 'node', argv: [node, '-e', ''], env };
    const serial: Command = { label: 'serial', argv: [node, cli, ...args, '--jobs', '1'], cwd: repo, env };
    const parallel: Command = { label: 'parallel', argv: [node, cli, ...args, '--jobs', String(cores)], cwd: repo, env };
    // The same run without rendering: subtracting it isolates the render phase from start-up and offline checks.
    const offlineOnly: Command = { label: 'off', argv: [node, cli, 'validate:envs', 'aws', '--render=off'], cwd: repo, env };
    log(`verifying --render=require exits 0 on ${count} environments (subcharts ${tgz.join(', ')})`);
    verify(serial, count);
    verify(parallel, count);
    log(`timing --render=require: --jobs 1 vs --jobs ${cores} × ${runs} runs (interleaved)`);
    const m = medians([base, serial, parallel, offlineOnly], runs);
    const tOff = m.get('off')!;
    const tNode = m.get('node')!;
    const tSerial = m.get('serial')!;
    const tParallel = m.get('parallel')!;
    return [
      { what: `validate:envs --render=require, ${count} envs, --jobs 1`, value: fmt(tSerial, tNode) },
      { what: `validate:envs --render=require, ${count} envs, --jobs ${cores}`, value: fmt(tParallel, tNode) },
      { what: `whole run parallel/serial (${cores} cores)`, value: `${(tParallel / tSerial).toFixed(2)}×` },
      {
        what: `render phase parallel/serial (${cores} cores)`,
        value: `${((tParallel - tOff) / (tSerial - tOff)).toFixed(2)}× (${(tParallel - tOff).toFixed(0)} vs ${(tSerial - tOff).toFixed(0)} ms, minus the ${tOff.toFixed(0)} ms --render=off run)`,
        target: '≤ 0.7×',
      },
    ];
  } finally {
    await rm(repo, { recursive: true, force: true });
  }
}

/** The serial `helm template` loop validate:envs replaces, over the same environments and layers. */
function helmLoop(helm: string, repo: string, count: number): string {
  const files = Array.from({ length: count }, (_, i) => `envs/gen/tenant${String(i + 1).padStart(3, '0')}.yaml`);
  return files.map((f) => `'${helm}' template jetscale charts/jetscale --values envs/aws.yaml --values envs/gen/default.yaml --values ${f} > /dev/null || exit 1`).join('\n');
}

/** Issue targets: the full run against the serial helm loop it replaces (cold: --no-cache), and a warm run after
 * editing one environment against `--render=off` plus one helm render. */
async function versusLoop(runs: number): Promise<Row[]> {
  const helm = await ensureHelm(log);
  await vendorStandinSubcharts({ helm, chartDir, log });
  const rows: Row[] = [];
  for (const count of [8, 40]) {
    const repo = await makeRepo(count, true);
    try {
      const env = benchEnv({ JETSCALE_HELM: helm, JETSCALE_CACHE_DIR: join(repo, '.cache') });
      const loop: Command = { label: 'loop', argv: ['/bin/sh', '-c', helmLoop(helm, repo, count)], cwd: repo, env };
      const full: Command = { label: 'full', argv: [node, cli, 'validate:envs', 'aws', '--render=require', '--no-cache'], cwd: repo, env };
      verify(full, count);
      log(`timing ${count} envs: serial helm loop vs validate:envs --no-cache × ${runs} runs (interleaved)`);
      const m = medians([loop, full], runs);
      const target = count === 8 ? '≤ 1.2×' : '≤ 0.7×';
      rows.push({ what: `validate:envs (every env rendered, --no-cache) vs serial helm loop, ${count} envs`, value: `${(m.get('full')! / m.get('loop')!).toFixed(2)}× (${m.get('full')!.toFixed(0)} vs ${m.get('loop')!.toFixed(0)} ms)`, target });
      if (count === 8) {
        // One environment edited before each warm run: the cache serves the other seven.
        const edit = `echo "# edit $(date +%s%N)" >> envs/gen/tenant001.yaml && exec '${node}' '${cli}' validate:envs aws --render=require`;
        const warm: Command = { label: 'warm', argv: ['/bin/sh', '-c', edit], cwd: repo, env };
        const off: Command = { label: 'off', argv: [node, cli, 'validate:envs', 'aws', '--render=off'], cwd: repo, env };
        const one: Command = { label: 'one', argv: ['/bin/sh', '-c', helmLoop(helm, repo, 1)], cwd: repo, env };
        verify({ ...warm, argv: [node, cli, 'validate:envs', 'aws', '--render=require'] }, count);
        const w = medians([warm, off, one], runs);
        const budget = w.get('off')! + w.get('one')!;
        rows.push({ what: 'validate:envs after editing 1 of 8 envs (cache warm) vs --render=off + one helm render', value: `${(w.get('warm')! / budget).toFixed(2)}× (${w.get('warm')!.toFixed(0)} vs ${w.get('off')!.toFixed(0)} + ${w.get('one')!.toFixed(0)} ms)`, target: '≤ 1.5×' });
      }
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
  }
  return rows;
}

/** BENCH_ONLY=offline,loop (comma-separated section names) runs a subset; unset runs all. */
const wanted = (name: string): boolean => {
  const only = process.env.BENCH_ONLY;
  return !only || only.split(',').map((s) => s.trim()).includes(name);
};

/** Rows for scripts/bench.ts; `runs` per command for the offline rows, fewer for the slower render rows. */
export async function benchValidate(runs: number): Promise<Row[]> {
  const rows: Row[] = [];
  // Each section reports its own failure so one broken part does not hide the other's numbers.
  const section = async (what: string, fn: () => Promise<Row[]>): Promise<void> => {
    try {
      rows.push(...(await fn()));
    } catch (error) {
      rows.push({ what, value: `FAILED: ${error instanceof Error ? error.message : String(error)}` });
      process.exitCode = 1;
    }
  };
  if (wanted('offline')) await section('validate:envs offline', () => offline(runs));
  if (wanted('render')) await section('validate:envs render', () => rendering(Math.max(5, Math.ceil(runs / 3))));
  if (wanted('loop')) await section('validate:envs vs helm loop', () => versusLoop(Math.max(3, Math.ceil(runs / 5))));
  return rows;
}
