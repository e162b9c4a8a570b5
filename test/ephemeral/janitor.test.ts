// ephemeral:janitor end to end: 50 simulated environments whose PRs are closed (long ago or within the grace),
// open with or without the preview label, or unknown (500, broken JSON, 404, no answer) on a loopback GitHub API.
// --apply deletes exactly the orphans; the plan mode and --dry-run leave the simulator byte-identical.
import { afterEach, describe, expect, it } from 'vitest';
import { startAwsSim, type AwsFixture, type AwsSim } from '../support/aws-sim/index.js';
import { CLEANUP_CONFIG, cli, repoPerFile, stateBytes, writeRequests } from './support/cli.js';
import { startGitHubFake, type GitHubFake, type PrAnswer } from './support/github-fake.js';
import { ACCOUNT, STATE_BUCKET } from './fixtures.js';

const REPO = 'Jetscale-ai/Stack';
const TOKEN = 'ghs_fakeJanitorToken0123456789';
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

type Scenario = 'closed-long-ago' | 'closed-recently' | 'open-preview' | 'open-unlabelled-old' | 'open-unlabelled-young' | 'api-500' | 'api-garbage' | 'api-404';
const SCENARIOS: Scenario[] = ['closed-long-ago', 'closed-recently', 'open-preview', 'open-unlabelled-old', 'open-unlabelled-young', 'api-500', 'api-garbage', 'api-404'];
const ORPHAN: ReadonlySet<Scenario> = new Set(['closed-long-ago', 'open-unlabelled-old']);

const scenarioOf = (n: number): Scenario => SCENARIOS[n % SCENARIOS.length]!;

function answer(s: Scenario): PrAnswer | undefined {
  switch (s) {
    case 'closed-long-ago': return { state: 'closed', closedAt: ago(72 * HOUR), labels: ['preview'] };
    case 'closed-recently': return { state: 'closed', closedAt: ago(HOUR / 2), labels: ['preview'] };
    case 'open-preview': return { state: 'open', labels: ['bug', 'preview'] };
    case 'open-unlabelled-old':
    case 'open-unlabelled-young': return { state: 'open', labels: ['bug'] };
    case 'api-500': return { status: 500 };
    case 'api-garbage': return 'garbage';
    case 'api-404': return undefined;
  }
}

/** 50 environments pr-1…pr-50 (cluster, nodegroup, ALB, target group, secret, state), plus production and noise. */
function fiftyEnvs(): AwsFixture {
  const f: Required<Pick<AwsFixture, 'eks' | 'elbv2' | 'secretsManager' | 's3'>> & AwsFixture = {
    account: ACCOUNT,
    caller: { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/github-actions-deployer/janitor` },
    eks: { clusters: [{ name: 'jetscale-prod', vpcId: 'vpc-prod', tags: { 'jetscale.env_id': 'jetscale-prod' } }] },
    elbv2: { targetGroups: [], loadBalancers: [{ name: 'k8s-prod-jetscale', vpcId: 'vpc-prod', tags: { 'elbv2.k8s.aws/cluster': 'jetscale-prod' } }] },
    secretsManager: { secrets: [{ name: 'jetscale-prod/database/admin', tags: { 'jetscale.env_id': 'jetscale-prod' }, value: 'fake' }, { name: 'odd', tags: { 'jetscale.env_id': 'pr-01' }, value: 'fake' }] },
    s3: { buckets: [{ name: STATE_BUCKET, objects: { 'live/terraform.tfstate': { version: 4, resources: [] } } }] },
  };
  for (let n = 1; n <= 50; n++) {
    const env = `pr-${n}`;
    const s = scenarioOf(n);
    const tags = { 'jetscale.env_id': env, 'jetscale.lifecycle': 'ephemeral' };
    const createdAt = s === 'open-unlabelled-old' ? ago(48 * HOUR) : s === 'open-unlabelled-young' ? ago(HOUR) : ago(240 * HOUR);
    f.eks.clusters!.push({ name: env, vpcId: `vpc-${n}`, createdAt, tags, nodegroups: [{ name: `${env}-default`, tags }] });
    f.elbv2.targetGroups!.push({ name: `k8s-pr${n}-frontend`, vpcId: `vpc-${n}`, tags: { 'elbv2.k8s.aws/cluster': env } });
    f.elbv2.loadBalancers!.push({ name: `k8s-pr${n}-jetscale`, vpcId: `vpc-${n}`, tags: { 'elbv2.k8s.aws/cluster': env }, listeners: [{ port: 443, protocol: 'HTTPS', defaultActions: [{ forward: `k8s-pr${n}-frontend` }] }] });
    f.secretsManager.secrets!.push({ name: `${env}-ephemeral/application/aws/client`, tags: { 'jetscale.env_id': env }, value: 'fake' });
    // The state object's write time is old; a young environment has none yet (its age comes from the cluster).
    if (s !== 'open-unlabelled-young') f.s3.buckets![0]!.objects![`ephemeral/${env}/terraform.tfstate`] = { version: 4, terraform_version: '1.11.4', serial: 1, lineage: env, outputs: {}, resources: [] };
  }
  return f;
}

const repos = repoPerFile();
let sim: AwsSim | undefined;
let github: GitHubFake | undefined;
afterEach(async () => {
  await sim?.stop();
  await github?.stop();
  sim = undefined;
  github = undefined;
});

async function setup(prs?: Map<number, PrAnswer>): Promise<{ sim: AwsSim; github: GitHubFake; dir: string; env: Record<string, string> }> {
  sim = await startAwsSim({ fixture: fiftyEnvs(), deletingReads: 0 });
  const answers = prs ?? new Map(Array.from({ length: 50 }, (_, i) => [i + 1, answer(scenarioOf(i + 1))] as const).filter((e): e is [number, PrAnswer] => e[1] !== undefined));
  github = await startGitHubFake(REPO, answers);
  const dir = await repos.make(CLEANUP_CONFIG(ACCOUNT));
  return { sim, github, dir, env: { GITHUB_API_URL: github.url, GITHUB_REPOSITORY: REPO, GITHUB_TOKEN: TOKEN } };
}

/** Which of pr-1…pr-50 still have any resource left. */
function envsWithResources(s: AwsSim): number[] {
  const names = [
    ...s.list('eks:cluster').map((c) => c.name), ...s.list('eks:nodegroup').map((n) => n.cluster),
    ...s.list('elbv2:loadbalancer').map((l) => l.name.replace(/^k8s-pr(\d+)-.*/, 'pr-$1')), ...s.list('elbv2:targetgroup').map((t) => t.name.replace(/^k8s-pr(\d+)-.*/, 'pr-$1')),
    ...s.list('secretsmanager:secret').map((x) => x.name.split('-ephemeral/')[0]!), ...s.list('s3:object').map((o) => o.key.split('/')[1] ?? ''),
  ];
  return [...new Set(names.flatMap((n) => (/^pr-\d+$/.test(n) ? [Number(n.slice(3))] : [])))].sort((a, b) => a - b);
}

interface JanitorDoc {
  data: { mode: string; candidates: number; orphans: number; rows: Array<{ env: string; pr: { kind: string; why?: string }; orphan: boolean; action: string; result: string; why: string }> };
}

const ALL = Array.from({ length: 50 }, (_, i) => i + 1);
const ORPHANS = ALL.filter((n) => ORPHAN.has(scenarioOf(n)));

describe('ephemeral:janitor over 50 environments', () => {
  it('--apply deletes exactly the orphans, leaves every other environment and production alone', async () => {
    const { sim, github, dir, env } = await setup();
    const r = await cli(sim, dir, ['ephemeral:janitor', '--apply', '--max-envs', '50', '--json'], env);
    expect(r.code).toBe(0);
    expect(envsWithResources(sim)).toEqual(ALL.filter((n) => !ORPHANS.includes(n)));
    expect(sim.list('eks:cluster').map((c) => c.name)).toContain('jetscale-prod');
    expect(sim.list('secretsmanager:secret').map((x) => x.name)).toEqual(expect.arrayContaining(['jetscale-prod/database/admin', 'odd']));
    const doc = JSON.parse(r.stdout) as JanitorDoc;
    expect(doc.data.candidates).toBe(50);
    expect(doc.data.rows.filter((x) => x.orphan).map((x) => x.env)).toEqual(ORPHANS.map((n) => `pr-${n}`));
    expect(doc.data.rows.filter((x) => x.action === 'destroyed').every((x) => x.result === 'clean')).toBe(true);
    for (const row of doc.data.rows) {
      const s = scenarioOf(Number(row.env.slice(3)));
      if (s.startsWith('api-')) expect(row.pr.kind, row.env).toBe('unknown');
      if (s === 'closed-recently') expect(row.why).toMatch(/within the grace of 2h/);
      if (s === 'open-unlabelled-young') expect(row.why).toMatch(/only \d+m old/);
    }
    // Every PR was asked for once, with the token; the token appears in no output.
    expect(github.requests).toHaveLength(50);
    expect(github.requests.every((q) => q.method === 'GET' && q.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it.each([
    ['without --apply', [] as string[]],
    ['with --apply --dry-run', ['--apply', '--dry-run']],
  ])('%s leaves the simulator byte-identical and sends no write', async (_what, flags) => {
    const { sim, dir, env } = await setup();
    const before = await stateBytes(sim);
    const r = await cli(sim, dir, ['ephemeral:janitor', '--max-envs', '50', '--json', ...flags], env);
    expect(r.code).toBe(0);
    expect(writeRequests(sim)).toEqual([]);
    expect(await stateBytes(sim)).toBe(before);
    const doc = JSON.parse(r.stdout) as JanitorDoc;
    expect(doc.data.rows.filter((x) => x.action !== 'kept').map((x) => x.env)).toEqual(ORPHANS.map((n) => `pr-${n}`));
    expect(doc.data.rows.filter((x) => x.action !== 'kept').every((x) => /^\d+ (to delete|delete\(s\) recorded)$/.test(x.result))).toBe(true);
  });

  it('never touches an environment on the protected list, orphan or not', async () => {
    const { sim, dir, env } = await setup();
    expect(ORPHANS).toContain(8);
    const r = await cli(sim, dir, ['ephemeral:janitor', '--apply', '--max-envs', '50', '--json'], { ...env, JETSCALE_PROTECTED_NAMES: 'pr-8' });
    expect(r.code).toBe(0);
    expect(envsWithResources(sim)).toEqual(ALL.filter((n) => n === 8 || !ORPHANS.includes(n)));
    const doc = JSON.parse(r.stdout) as JanitorDoc;
    expect(doc.data.rows.find((x) => x.env === 'pr-8')).toMatchObject({ orphan: false, action: 'kept', why: 'protected name "pr-8" (protectedNames)' });
  });

  it('takes at most --max-envs orphans per run and says which wait for the next', async () => {
    const { sim, dir, env } = await setup();
    const r = await cli(sim, dir, ['ephemeral:janitor', '--apply', '--max-envs', '2'], env);
    expect(r.code).toBe(0);
    expect(envsWithResources(sim)).toEqual(ALL.filter((n) => !ORPHANS.slice(0, 2).includes(n)));
    expect(r.stdout).toMatch(new RegExp(`pr-${ORPHANS[2]}\\s.*skipped\\s+over --max-envs 2`));
  });
});

describe('ephemeral:janitor and a failing GitHub API', () => {
  it('a PR whose API call answers 500 or times out is unknown, never an orphan', async () => {
    const prs = new Map<number, PrAnswer>([[1, { state: 'closed', closedAt: ago(72 * HOUR) }], [9, 'hang'], [17, { status: 500 }], [25, { status: 502 }]]);
    const { sim, dir, env } = await setup(prs);
    const started = Date.now();
    const r = await cli(sim, dir, ['ephemeral:janitor', '--max-envs', '50', '--timeout', '300ms', '--json'], env);
    expect(Date.now() - started).toBeLessThan(20_000);
    const doc = JSON.parse(r.stdout) as JanitorDoc;
    const row = (n: number) => doc.data.rows.find((x) => x.env === `pr-${n}`)!;
    expect(row(9).pr).toEqual({ kind: 'unknown', why: 'GitHub did not answer within 300 ms' });
    expect(row(17).pr).toEqual({ kind: 'unknown', why: 'GitHub answered 500 for PR #17' });
    expect(row(25).pr).toEqual({ kind: 'unknown', why: 'GitHub answered 502 for PR #25' });
    for (const n of [9, 17, 25]) expect(row(n)).toMatchObject({ orphan: false, action: 'kept' });
    expect(doc.data.rows.filter((x) => x.action === 'planned').map((x) => x.env)).toEqual(['pr-1']);
    expect(doc.data.orphans).toBe(1);
  });

  it('refuses to run without GITHUB_REPOSITORY (exit 3, no AWS call)', async () => {
    const { sim, dir, env } = await setup();
    const r = await cli(sim, dir, ['ephemeral:janitor'], { ...env, GITHUB_REPOSITORY: undefined });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('GITHUB_REPOSITORY is not set');
    expect(sim.requests).toEqual([]);
  });
});
