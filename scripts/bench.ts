// `npm run bench`: medians and ratios measured in one run. Targets are reported, never asserted in tests.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { medians, type Command } from './bench/measure.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const root = process.cwd();
const cli = join(root, 'bin/jetscale.js');
const node = process.execPath;

interface Row {
  what: string;
  value: string;
  target?: string;
}
const rows: Row[] = [];

/** BENCH_ONLY=startup,offline,render,loop,sims,ephemeral,discovery selects sections; unset runs all. */
const wanted = (name: string): boolean => {
  const only = process.env.BENCH_ONLY;
  return !only || only.split(',').map((s) => s.trim()).includes(name);
};

function startup(): void {
  // Two environments: this shell's (here NODE_EXTRA_CA_CERTS adds ~36 ms to every Node start, which flatters
  // ratios) and a clean one without it, the stricter comparison. Both are measured in this same run.
  const { NODE_EXTRA_CA_CERTS: _ca, ...clean } = process.env;
  for (const [name, env] of [['shell env', process.env], ['clean env', clean]] as const) {
    const cmds: Command[] = [
      { label: "node -e ''", argv: [node, '-e', ''], env },
      { label: 'jetscale --help', argv: [node, cli, '--help'], env },
      { label: 'jetscale list', argv: [node, cli, 'list'], env },
    ];
    const m = medians(cmds, RUNS);
    const base = m.get("node -e ''")!;
    for (const [label, ms] of m) {
      rows.push({ what: `${label} (${name})`, value: `${ms.toFixed(1)} ms (${(ms / base).toFixed(2)}× node)`, target: label === 'jetscale --help' ? '≤ 1.5×' : undefined });
    }
  }
}

async function optional(name: string, path: string, fn: (mod: Record<string, unknown>) => Promise<void>): Promise<void> {
  if (!existsSync(join(root, path))) return;
  try {
    await fn((await import(join(root, path))) as Record<string, unknown>);
  } catch (error) {
    rows.push({ what: name, value: `FAILED: ${error instanceof Error ? error.message : String(error)}` });
    process.exitCode = 1;
  }
}

async function main(): Promise<void> {
  if (!existsSync(join(root, 'dist/cli.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  console.error(`bench: ${RUNS} runs per command, medians`);
  if (wanted('startup')) startup();
  if (['offline', 'render', 'loop'].some(wanted)) await optional('validate:envs', 'scripts/bench/validate.ts', async (m) => {
    for (const r of await (m.benchValidate as (runs: number) => Promise<Row[]>)(RUNS)) rows.push(r);
  });
  if (wanted('sims')) await optional('aws simulator', 'test/support/aws-sim/bench.ts', async (m) => {
    const r = await (m.benchAwsSim as () => Promise<{ startStopMs: number; fullListingMs: number; loadBalancers: number; targetGroups: number }>)();
    rows.push({ what: 'aws-sim start+stop', value: `${r.startStopMs.toFixed(1)} ms`, target: '< 50 ms' });
    rows.push({ what: `aws-sim full listing (${r.loadBalancers} LBs + ${r.targetGroups} TGs, real SDK)`, value: `${r.fullListingMs.toFixed(0)} ms`, target: '< 1000 ms' });
  });
  if (wanted('sims')) await optional('kube simulator', 'test/support/kube-sim/bench.ts', async (m) => {
    const r = await (m.benchKubeSim as () => Promise<{ startStopMs: number }>)();
    rows.push({ what: 'kube-sim start+stop', value: `${r.startStopMs.toFixed(1)} ms`, target: '< 50 ms' });
  });
  if (wanted('ephemeral')) await optional('ephemeral:deploy', 'scripts/bench/ephemeral.ts', async (m) => {
    for (const r of await (m.benchEphemeral as () => Promise<Row[]>)()) rows.push(r);
  });
  if (wanted('discovery')) await optional('ephemeral:destroy discovery', 'test/ephemeral/support/discovery-bench.ts', async (m) => {
    const b = await (m.benchDiscovery as (total: number) => Promise<{ loadBalancers: number; targetGroups: number; tagLookups: number; pages: number; calls: Record<string, number>; wallMs: number }>)(5000);
    const n = b.loadBalancers + b.targetGroups;
    const total = Object.values(b.calls).reduce((a, c) => a + c, 0);
    rows.push({ what: `ephemeral:destroy discovery of one env among ${b.loadBalancers} LBs + ${b.targetGroups} TGs`, value: `${total} API calls (${b.tagLookups} DescribeTags + ${b.pages} pages), ${b.wallMs} ms`, target: `tag look-ups ≤ ${Math.ceil(n / 20)} + pages` });
  });
  const width = Math.max(...rows.map((r) => r.what.length));
  for (const r of rows) console.log(`${r.what.padEnd(width)}  ${r.value}${r.target ? `   target ${r.target}` : ''}`);
}

await main();
