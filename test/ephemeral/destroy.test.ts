// ephemeral:destroy end to end (the CLI in-process, the real SDK against aws-sim over HTTP): guards before
// anything else, plan by default, apply deletes exactly pr-7's two-signal resources in dependency order,
// --dry-run and the plan mode leave the simulator byte-identical, and plan files are checked before any delete.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planHash, type Plan } from '../../src/ephemeral/cleanup-plan.js';
import { startAwsSim, type AwsFixture, type AwsSim } from '../support/aws-sim/index.js';
import { CLEANUP_CONFIG, calls, cli, repoPerFile, stateBytes, writeRequests } from './support/cli.js';
import { ACCOUNT, PR7_OWNED, account } from './fixtures.js';

const repos = repoPerFile();
let sim: AwsSim | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

async function setup(fixture: AwsFixture = account(), configExtra = ''): Promise<{ sim: AwsSim; dir: string }> {
  sim = await startAwsSim({ fixture, deletingReads: 1 });
  return { sim, dir: await repos.make(CLEANUP_CONFIG(ACCOUNT, configExtra)) };
}

/** Names of what is left, per kind. */
function left(s: AwsSim) {
  return {
    clusters: s.list('eks:cluster').map((c) => c.name),
    nodegroups: s.list('eks:nodegroup').map((n) => `${n.cluster}/${n.name}`),
    loadBalancers: s.list('elbv2:loadbalancer').map((l) => l.name),
    targetGroups: s.list('elbv2:targetgroup').map((t) => t.name),
    secrets: s.list('secretsmanager:secret').map((x) => x.name),
    objects: s.list('s3:object').map((o) => `${o.bucket}/${o.key}`),
  };
}

type Left = ReturnType<typeof left>;
const minus = (a: Left, b: typeof PR7_OWNED): Left =>
  Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v.filter((x) => !(b[k as keyof typeof PR7_OWNED] as string[]).includes(x))])) as Left;

describe('ephemeral:destroy guards', () => {
  it.each(['pr-0', 'pr-01', 'pr-1234567', 'PR-7', 'pr-7 ', 'jetscale-prod', 'pr-7/../prod', 'staging'])('refuses the env id %j with exit 2 before any AWS call', async (env) => {
    const { sim, dir } = await setup();
    const r = await cli(sim, dir, ['ephemeral:destroy', env, '--apply']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not an ephemeral environment id|invalid <env>/);
    expect(sim.requests).toEqual([]);
  });

  it('refuses an env id on the protected list with exit 3 before any AWS call', async () => {
    const { sim, dir } = await setup(account(), 'protectedNames: [pr-7]\n');
    const r = await cli(sim, dir, ['ephemeral:destroy', 'pr-7', '--apply']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('protected name');
    expect(sim.requests).toEqual([]);
  });

  it('with no allowed account configured deletes nothing and makes no AWS call (exit 3 with the fix)', async () => {
    sim = await startAwsSim({ fixture: account() });
    const dir = await repos.make('terraform:\n  stateBucket: jetscale-tfstate-test\n');
    const r = await cli(sim, dir, ['ephemeral:destroy', 'pr-7', '--apply']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('no AWS account is allowed');
    expect(r.stderr).toContain('aws.accounts');
    expect(sim.requests).toEqual([]);
  });

  it.each([
    ['another account', { JETSCALE_AWS_ACCOUNTS: '222222222222' }, /account 111111111111 is not in aws.accounts/],
    ['another region', { AWS_REGION: 'eu-west-1' }, /region eu-west-1 is not in aws.regions/],
    ['another caller', { JETSCALE_AWS_CALLER_ARN_PATTERNS: '^arn:aws:sts::\\d{12}:assumed-role/janitor/' }, /matches none of aws.callerArnPatterns/],
  ])('in %s: exit 3 and no call after GetCallerIdentity', async (_what, env, message) => {
    const { sim, dir } = await setup();
    const r = await cli(sim, dir, ['ephemeral:destroy', 'pr-7', '--apply'], env);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(message);
    expect(calls(sim)).toEqual(['sts:GetCallerIdentity']);
  });
});

describe('ephemeral:destroy plan (the default) and --dry-run', () => {
  it('without --apply prints the plan, deletes nothing and sends only reads', async () => {
    const { sim, dir } = await setup();
    const before = await stateBytes(sim);
    const r = await cli(sim, dir, ['ephemeral:destroy', 'pr-7']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/pr-7: plan: 9 to delete/);
    expect(r.stdout).toMatch(/elbv2:targetgroup\s+k8s-pr7-stray\s+suspect \(controller-tag\)/);
    expect(r.stdout).toMatch(/secretsmanager:secret\s+pr-7-ephemeral\/keep\s+refused \(env-tag\+name\)\s+refused: tagged jetscale.protected=true/);
    expect(r.stdout).toMatch(/elbv2:loadbalancer\s+jetscale-prod-public\s+refused/);
    expect(r.stdout).not.toMatch(/pr-70|prod-frontend|k8s-prod-jetscale/);
    expect(writeRequests(sim)).toEqual([]);
    expect(await stateBytes(sim)).toBe(before);
  });

  it('--apply --dry-run goes through every step, records each delete and sends none', async () => {
    const { sim, dir } = await setup();
    const before = await stateBytes(sim);
    const r = await cli(sim, dir, ['ephemeral:destroy', 'pr-7', '--apply', '--dry-run', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { data: { mode: string; outcomes: Array<{ result: string }> }; transcript: Array<{ channel: string; operation: string; status: string; effect: string }> };
    expect(doc.data.mode).toBe('dry-run');
    expect(doc.data.outcomes.map((o) => o.result)).toEqual(Array(9).fill('would-delete'));
    const recorded = doc.transcript.filter((t) => t.status === 'recorded' && t.channel === 'aws').map((t) => t.operation);
    // The journal is not written either: a dry run never marks a step done.
    expect(doc.transcript.filter((t) => t.channel === 'file').every((t) => t.status === 'recorded')).toBe(true);
    expect(recorded).toEqual(['eks:DeleteNodegroup', 'eks:DeleteNodegroup', 'elbv2:DeleteLoadBalancer', 'elbv2:DeleteTargetGroup', 'elbv2:DeleteTargetGroup', 'eks:DeleteCluster', 'secretsmanager:DeleteSecret', 'secretsmanager:DeleteSecret', 's3:DeleteObject']);
    expect(writeRequests(sim)).toEqual([]);
    expect(await stateBytes(sim)).toBe(before);
  });
});

describe('ephemeral:destroy --apply', () => {
  it('deletes exactly pr-7\'s two-signal resources in dependency order, verifies, and lists what is left with why (exit 6)', async () => {
    const { sim, dir } = await setup();
    const before = left(sim);
    const r = await cli(sim, dir, ['ephemeral:destroy', 'pr-7', '--apply', '--json']);
    expect(r.code).toBe(6);
    expect(left(sim)).toEqual(minus(before, PR7_OWNED));
    const deletes = writeRequests(sim);
    expect(deletes).toEqual(['eks:DeleteNodegroup', 'eks:DeleteNodegroup', 'elbv2:DeleteLoadBalancer', 'elbv2:DeleteTargetGroup', 'elbv2:DeleteTargetGroup', 'eks:DeleteCluster', 'secretsmanager:DeleteSecret', 'secretsmanager:DeleteSecret', 's3:DeleteObject']);
    // The cluster is deleted only after EKS reports both nodegroups gone.
    const log = calls(sim);
    const clusterDelete = log.indexOf('eks:DeleteCluster');
    expect(sim.requests.slice(0, clusterDelete).filter((q) => q.operation === 'DescribeNodegroup' && q.status === 404)).toHaveLength(2);
    const doc = JSON.parse(r.stdout) as { data: { residue: Array<{ name: string; kind: string; why: string }> } };
    expect(doc.data.residue.map((x) => [x.name, x.kind])).toEqual([
      ['jetscale-prod-public', 'refused'],
      ['k8s-pr7-stray', 'suspect'],
      ['pr-7-ephemeral/keep', 'refused'],
      ['pr-7-ephemeral/untagged', 'suspect'],
    ]);
    expect(doc.data.residue.find((x) => x.name === 'pr-7-ephemeral/untagged')?.why).toContain('only one ownership signal (name)');
  });

  it('is clean (exit 0) when everything found carries two signals, and a re-run finds nothing to do', async () => {
    const fixture = account();
    fixture.elbv2!.targetGroups = fixture.elbv2!.targetGroups!.filter((t) => t.name !== 'k8s-pr7-stray');
    fixture.elbv2!.loadBalancers = fixture.elbv2!.loadBalancers!.filter((l) => l.name !== 'jetscale-prod-public');
    fixture.secretsManager!.secrets = fixture.secretsManager!.secrets!.filter((x) => !['pr-7-ephemeral/untagged', 'pr-7-ephemeral/keep'].includes(x.name));
    const { sim, dir } = await setup(fixture);
    const r = await cli(sim, dir, ['ephemeral:destroy', 'pr-7', '--apply']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('pr-7: 9 deleted, clean');
    sim.clearRequests();
    const again = await cli(sim, dir, ['ephemeral:destroy', 'pr-7', '--apply']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing found');
    expect(writeRequests(sim)).toEqual([]);
  });

  it('refuses the whole apply when it would delete more load balancers than the cap (exit 6, nothing deleted)', async () => {
    const { sim, dir } = await setup(account({ extraLbs: 5 }));
    const before = await stateBytes(sim);
    const r = await cli(sim, dir, ['ephemeral:destroy', 'pr-7', '--apply']);
    expect(r.code).toBe(6);
    expect(r.stdout).toContain('apply refused, nothing deleted: the plan would delete 6 load balancers; the cap is 5');
    expect(writeRequests(sim)).toEqual([]);
    expect(await stateBytes(sim)).toBe(before);
  });

  it('keeps a state object that still tracks resources and says why (exit 6)', async () => {
    const { sim, dir } = await setup(account({ pr7State: 'full' }));
    const r = await cli(sim, dir, ['ephemeral:destroy', 'pr-7', '--apply', '--json']);
    expect(r.code).toBe(6);
    expect(sim.list('s3:object').map((o) => o.key)).toContain('ephemeral/pr-7/terraform.tfstate');
    const doc = JSON.parse(r.stdout) as { data: { residue: Array<{ name: string; kind: string; why: string }> } };
    expect(doc.data.residue.find((x) => x.name === 'ephemeral/pr-7/terraform.tfstate')).toMatchObject({ kind: 'state-not-empty', why: expect.stringContaining('still tracks 1 resource') });
  });

  it('writes the report as a Markdown step summary under GitHub Actions', async () => {
    const { sim, dir } = await setup();
    const summary = join(dir, 'summary.md');
    await writeFile(summary, '');
    const r = await cli(sim, dir, ['ephemeral:destroy', 'pr-7'], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary });
    expect(r.code).toBe(0);
    const md = await readFile(summary, 'utf8');
    expect(md).toContain('### ephemeral:destroy pr-7: plan: 9 to delete');
    expect(md).toContain('| eks:cluster | pr-7 | delete (env-tag+name) | would delete |');
  });
});

describe('ephemeral:destroy --plan-out / --apply --plan', () => {
  async function planned(dir: string, s: AwsSim): Promise<{ file: string; plan: Plan }> {
    const file = join(dir, 'plan.json');
    const r = await cli(s, dir, ['ephemeral:destroy', 'pr-7', '--plan-out', file]);
    expect(r.code).toBe(0);
    return { file, plan: JSON.parse(await readFile(file, 'utf8')) as Plan };
  }

  it('writes a hashed plan with identity, evidence and edges, and applies exactly it', async () => {
    const { sim, dir } = await setup();
    const { file, plan } = await planned(dir, sim);
    expect(plan.identity).toEqual({ account: ACCOUNT, callerArn: `arn:aws:sts::${ACCOUNT}:assumed-role/github-actions-deployer/GitHubActions`, region: 'us-east-1', env: 'pr-7' });
    expect(plan.hash).toBe(planHash(plan));
    expect(plan.toolVersion).toMatch(/^jetscale \d+\.\d+\.\d+/);
    expect(plan.edges).toContainEqual({ before: expect.stringContaining('nodegroup/pr-7/pr-7-default'), after: expect.stringContaining('cluster/pr-7') });
    const tg = plan.resources.find((x) => x.name === 'k8s-pr7-frontend');
    expect(tg).toMatchObject({ action: 'delete', signals: ['controller-tag', 'member'], foundBy: ['elbv2:DescribeTags'] });
    expect(writeRequests(sim)).toEqual([]);
    const before = left(sim);
    const r = await cli(sim, dir, ['ephemeral:destroy', 'pr-7', '--apply', '--plan', file]);
    expect(r.code).toBe(6);
    expect(left(sim)).toEqual(minus(before, PR7_OWNED));
  });

  it('deletes only what is both in the plan and still matches it', async () => {
    const { sim, dir } = await setup();
    const { file } = await planned(dir, sim);
    // After the plan: a secret loses its protection tag (now deletable, but not planned), and a planned target
    // group gains production's controller tag (planned, but no longer matching).
    delete sim.state.secrets.get('pr-7-ephemeral/keep')!.tags['jetscale.protected'];
    const tgArn = sim.state.tgByName.get('k8s-pr7-backend')!;
    sim.state.targetGroups.get(tgArn)!.tags['jetscale.env_id'] = 'jetscale-prod';
    const r = await cli(sim, dir, ['ephemeral:destroy', 'pr-7', '--apply', '--plan', file, '--json']);
    expect(r.code).toBe(6);
    const names = left(sim);
    expect(names.secrets).toContain('pr-7-ephemeral/keep');
    expect(names.targetGroups).toContain('k8s-pr7-backend');
    expect(names.clusters).not.toContain('pr-7');
    const doc = JSON.parse(r.stdout) as { data: { residue: Array<{ name: string; kind: string }> } };
    expect(doc.data.residue).toContainEqual(expect.objectContaining({ name: 'pr-7-ephemeral/keep', kind: 'not-in-plan' }));
    // The load balancer forwarding to the kept target group goes; the target group stays, refused as production's now.
    expect(doc.data.residue).toContainEqual(expect.objectContaining({ name: 'k8s-pr7-backend', kind: 'refused' }));
  });

  const tamper = {
    'a corrupt file': () => '{"version": 1, "identity": ',
    'an edited resource': (p: Plan) => JSON.stringify({ ...p, resources: p.resources.map((x) => (x.name === 'k8s-pr70-jetscale' ? x : { ...x, action: 'delete' })) }),
    'an added field': (p: Plan) => JSON.stringify({ ...p, note: 'harmless?' }),
    'an expired plan (hash recomputed)': (p: Plan) => JSON.stringify(rehash({ ...p, expiresAt: '2020-01-01T00:00:00.000Z' })),
    'another account (hash recomputed)': (p: Plan) => JSON.stringify(rehash({ ...p, identity: { ...p.identity, account: '222222222222' } })),
    'another environment (hash recomputed)': (p: Plan) => JSON.stringify(rehash({ ...p, identity: { ...p.identity, env: 'pr-70' } })),
    'another region (hash recomputed)': (p: Plan) => JSON.stringify(rehash({ ...p, identity: { ...p.identity, region: 'eu-west-1' } })),
  } as const;

  it.each(Object.keys(tamper) as Array<keyof typeof tamper>)('refuses %s with exit 2 and deletes nothing', async (what) => {
    const { sim, dir } = await setup();
    const { file, plan } = await planned(dir, sim);
    await writeFile(file, tamper[what](plan));
    const before = await stateBytes(sim);
    sim.clearRequests();
    const r = await cli(sim, dir, ['ephemeral:destroy', 'pr-7', '--apply', '--plan', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing the plan .*plan\.json: .*nothing was deleted/);
    expect(writeRequests(sim)).toEqual([]);
    expect(calls(sim)).toEqual(['sts:GetCallerIdentity']);
    expect(await stateBytes(sim)).toBe(before);
  });

  it('refuses a plan file that does not exist (exit 2)', async () => {
    const { sim, dir } = await setup();
    const r = await cli(sim, dir, ['ephemeral:destroy', 'pr-7', '--apply', '--plan', join(dir, 'missing.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('it cannot be read (ENOENT)');
  });
});

function rehash(p: Plan): Plan {
  return { ...p, hash: planHash(p) };
}

