// The pure rules of the cleanup: env ids and protected names, ownership signals and refusals, dependency edges and
// blocking, the blast radius, the plan hash, residue reasons, the caller allow lists and the janitor's orphan rule.
import { describe, expect, it } from 'vitest';
import { callerProblems } from '../../src/ephemeral/caller-guard.js';
import { blastRadius, buildPlan, planHash } from '../../src/ephemeral/cleanup-plan.js';
import { blockedBy, dependencyEdges } from '../../src/ephemeral/delete-order.js';
import { typeOfArn } from '../../src/ephemeral/discover.js';
import { parseEnvId, protectedMatch } from '../../src/ephemeral/env-id.js';
import { stateKeyRegex, statePrefix } from '../../src/ephemeral/janitor-candidates.js';
import { decideOrphan, formatAge, parseAge } from '../../src/ephemeral/orphans.js';
import { judge, judgeAll, type JudgeContext } from '../../src/ephemeral/ownership.js';
import { classifyResidue } from '../../src/ephemeral/residue.js';
import type { Found, PlanResource } from '../../src/ephemeral/resources.js';
import { managedResourceCount } from '../../src/ephemeral/sweep-ops.js';
import { CONFIG } from './support/engine.js';

const ctx = (env = 'pr-1', extra: Partial<JudgeContext> = {}): JudgeContext => ({ env, tags: CONFIG.tags, protectedNames: [], state: { bucket: 'state', key: `ephemeral/${env}/terraform.tfstate` }, ...extra });
const r = (type: Found['type'], name: string, tags: Record<string, string> = {}, more: Partial<Found> = {}): Found => ({ id: `id:${type}:${name}`, type, name, tags, foundBy: ['test'], ...more });

describe('env ids and protected names', () => {
  it('accepts pr-<n> only (no leading zero, at most six digits)', () => {
    for (const ok of ['pr-1', 'pr-12', 'pr-999999']) expect(parseEnvId(ok)).toBe(ok);
    for (const bad of ['pr-0', 'pr-01', 'pr-1234567', 'pr-', 'PR-1', ' pr-1', 'pr-1\n', 'pr-1a', 'jetscale-prod']) expect(() => parseEnvId(bad)).toThrow(expect.objectContaining({ code: 'E_ENV_ID', exitCode: 2 }));
    expect(() => parseEnvId('pr-13', ['pr-13'])).toThrow(expect.objectContaining({ code: 'E_PROTECTED_NAME', exitCode: 3 }));
  });

  it('protects production words by token (delivery is not live) and configured names anywhere', () => {
    expect(protectedMatch('jetscale-prod', [])).toBe('prod');
    expect(protectedMatch('Production-DB', [])).toBe('prod');
    expect(protectedMatch('k8s-staging-api', [])).toBe('staging');
    expect(protectedMatch('pr-7-ephemeral/tools/x', [])).toBe('tools');
    expect(protectedMatch('k8s-pr7-delivery', [])).toBeUndefined();
    expect(protectedMatch('pr-7-ephemeral/app', ['demo'])).toBeUndefined();
    expect(protectedMatch('jetscale-demo-api', ['Demo'])).toBe('Demo');
  });
});

describe('ownership', () => {
  it('matches tag values exactly: pr-1 is not pr-12, PR-1 or "pr-1 "', () => {
    expect(judge(r('elbv2:targetgroup', 'tg', { 'jetscale.env_id': 'pr-1', 'elbv2.k8s.aws/cluster': 'pr-1' }), ctx()).action).toBe('delete');
    for (const v of ['pr-12', 'PR-1', 'pr-1 ', 'pr-']) {
      const j = judge(r('elbv2:targetgroup', 'tg', { 'jetscale.env_id': v, 'elbv2.k8s.aws/cluster': 'pr-1' }), ctx());
      expect([v, j.action, j.reason]).toEqual([v, 'refused', `refused: tagged jetscale.env_id=${v}: it names another environment`]);
    }
  });

  it('needs two independent signals; one is a suspect; an ELBv2 name is never a signal', () => {
    expect(judge(r('elbv2:loadbalancer', 'k8s-pr1-app', { 'elbv2.k8s.aws/cluster': 'pr-1' }), ctx())).toMatchObject({ action: 'suspect', signals: ['controller-tag'] });
    expect(judge(r('elbv2:loadbalancer', 'pr-1', {}), ctx())).toMatchObject({ action: 'suspect', signals: [] });
    expect(judge(r('secretsmanager:secret', 'pr-1-ephemeral/app', {}), ctx())).toMatchObject({ action: 'suspect', signals: ['name'] });
    expect(judge(r('secretsmanager:secret', 'pr-1-ephemeral/app', { 'jetscale.cluster_id': 'pr-1' }), ctx())).toMatchObject({ action: 'delete', signals: ['env-tag', 'name'] });
    // The name rule has the slash: pr-1-ephemeralx/… and pr-12-ephemeral/… are not pr-1's by name.
    expect(judge(r('secretsmanager:secret', 'pr-1-ephemeralx/app', { 'jetscale.env_id': 'pr-1' }), ctx()).signals).toEqual(['env-tag']);
    expect(judge(r('secretsmanager:secret', 'pr-12-ephemeral/app', { 'jetscale.env_id': 'pr-1', 'elbv2.k8s.aws/cluster': 'pr-1' }), ctx())).toMatchObject({ action: 'refused', reason: 'refused: its name belongs to the environment pr-12' });
  });

  it('anchors membership only on a cluster named after the env that has two signals itself', () => {
    const cluster = r('eks:cluster', 'pr-1', { 'jetscale.env_id': 'pr-1' }, { vpcId: 'vpc-1' });
    const ng = r('eks:nodegroup', 'pr-1-default', { 'jetscale.env_id': 'pr-1' }, { cluster: 'pr-1' });
    const lb = r('elbv2:loadbalancer', 'k8s', { 'elbv2.k8s.aws/cluster': 'pr-1' }, { vpcId: 'vpc-1' });
    const owned = judgeAll([cluster, ng, lb], ctx()).resources;
    expect(owned.map((x) => [x.type, x.action, x.signals.join('+')])).toEqual([['eks:cluster', 'delete', 'env-tag+name'], ['eks:nodegroup', 'delete', 'env-tag+member'], ['elbv2:loadbalancer', 'delete', 'controller-tag+member']]);
    const untagged = judgeAll([{ ...cluster, tags: {} }, ng, lb], ctx()).resources;
    expect(untagged.map((x) => x.action)).toEqual(['suspect', 'suspect', 'suspect']);
  });

  it('refuses protection tags (except false), other lifecycles, protected names, and what runs in a refused cluster', () => {
    const two = { 'jetscale.env_id': 'pr-1', 'elbv2.k8s.aws/cluster': 'pr-1' };
    expect(judge(r('elbv2:targetgroup', 'tg', { ...two, 'jetscale.protected': 'yes' }), ctx()).action).toBe('refused');
    expect(judge(r('elbv2:targetgroup', 'tg', { ...two, 'jetscale.protected': 'False' }), ctx()).action).toBe('delete');
    expect(judge(r('elbv2:targetgroup', 'tg', { ...two, 'jetscale.lifecycle': 'persistent' }), ctx()).action).toBe('refused');
    expect(judge(r('elbv2:loadbalancer', 'jetscale-prod-public', two), ctx()).reason).toBe('refused: its name matches the protected name "prod"');
    expect(judge(r('elbv2:loadbalancer', 'k8s-demo', two), ctx('pr-1', { protectedNames: ['demo'] })).action).toBe('refused');
    const cluster = r('eks:cluster', 'pr-1', { 'jetscale.env_id': 'pr-1', 'jetscale.protected': 'true' });
    const ng = r('eks:nodegroup', 'ng', two, { cluster: 'pr-1' });
    expect(judgeAll([cluster, ng], ctx()).resources.map((x) => x.action)).toEqual(['refused', 'refused']);
  });

  it('never deletes a cluster not named after the env, nor a nodegroup of another cluster', () => {
    const two = { 'jetscale.env_id': 'pr-1', 'elbv2.k8s.aws/cluster': 'pr-1' };
    expect(judge(r('eks:cluster', 'odd', two), ctx()).action).toBe('suspect');
    expect(judge(r('eks:cluster', 'pr-12', two), ctx()).action).toBe('refused');
    expect(judge(r('eks:nodegroup', 'ng', two, { cluster: 'pr-12' }), ctx()).reason).toBe('refused: it belongs to the cluster pr-12, not to pr-1');
  });

  it('owns the state object only at its exact key in the configured bucket', () => {
    expect(judge(r('s3:object', 'ephemeral/pr-1/terraform.tfstate', {}, { id: 's3://state/ephemeral/pr-1/terraform.tfstate' }), ctx())).toMatchObject({ action: 'delete', signals: ['name', 'state-bucket'] });
    expect(judge(r('s3:object', 'ephemeral/pr-1/terraform.tfstate', {}, { id: 's3://other/ephemeral/pr-1/terraform.tfstate' }), ctx()).action).toBe('suspect');
    expect(managedResourceCount('{"version":4,"resources":[{"mode":"data"},{"mode":"managed"}]}')).toBe(1);
    expect(managedResourceCount('{"version":4,"resources":[]}')).toBe(0);
    expect(managedResourceCount('not json')).toBeUndefined();
  });
});

describe('order, blocking, blast radius and the plan hash', () => {
  const j = (f: Found, action: PlanResource['action'] = 'delete'): PlanResource => ({ ...f, signals: [], action, reason: '' });
  const cluster = j(r('eks:cluster', 'pr-1'));
  const ng = j(r('eks:nodegroup', 'ng', {}, { cluster: 'pr-1' }));
  const lb = j(r('elbv2:loadbalancer', 'lb'));
  const tg = j(r('elbv2:targetgroup', 'tg', {}, { usedBy: [lb.id, 'arn:outside'] }));

  it('puts nodegroups before their cluster and load balancers before the target groups they use', () => {
    expect(dependencyEdges([cluster, ng, lb, tg])).toEqual([
      { before: 'arn:outside', after: tg.id }, { before: ng.id, after: cluster.id }, { before: lb.id, after: tg.id },
    ]);
  });

  it('blocks a delete whose dependency stays (a suspect nodegroup, a load balancer outside the env)', () => {
    const suspectNg = { ...ng, action: 'suspect' as const };
    const blocked = blockedBy([cluster, suspectNg, lb, tg], dependencyEdges([cluster, suspectNg, lb, tg]));
    expect(Object.fromEntries(blocked)).toEqual({
      [cluster.id]: 'it depends on eks:nodegroup ng, which is suspect',
      [tg.id]: 'it is used by arn:outside, which is not part of this environment',
    });
  });

  it('refuses more than one cluster or more load balancers than the cap', () => {
    expect(blastRadius([cluster, j(r('eks:cluster', 'pr-1-b'))], 5)).toMatch(/2 EKS clusters/);
    expect(blastRadius([lb, j(r('elbv2:loadbalancer', 'lb2'))], 1)).toMatch(/2 load balancers; the cap is 1/);
    expect(blastRadius([lb, j(r('elbv2:loadbalancer', 'lb2'), 'suspect')], 1)).toBeUndefined();
  });

  it('hashes the plan canonically: input order does not matter, any content change does', () => {
    const meta = { identity: { account: '111111111111', callerArn: 'arn', region: 'us-east-1', env: 'pr-1' }, now: new Date('2026-03-01T00:00:00Z'), ttlMinutes: 60, toolVersion: 't', maxLoadBalancers: 5 };
    const a = buildPlan([cluster, ng, lb, tg], meta);
    const b = buildPlan([tg, lb, ng, cluster], meta);
    expect(a.hash).toBe(b.hash);
    expect(a.expiresAt).toBe('2026-03-01T01:00:00.000Z');
    expect(planHash({ ...a, resources: a.resources.map((x) => (x.id === lb.id ? { ...x, tags: { x: 'y' } } : x)) })).not.toBe(a.hash);
    expect(planHash({ ...a, extra: 1 } as never)).not.toBe(a.hash);
  });
});

describe('residue reasons', () => {
  it('says why each leftover is there', () => {
    const p = (name: string, action: PlanResource['action'], more: Partial<PlanResource> = {}): PlanResource => ({ ...r('elbv2:targetgroup', name), signals: [], action, reason: `${action} reason`, ...more });
    const residue = classifyResidue([
      p('a', 'refused'), p('b', 'suspect'), p('c', 'delete'), p('d', 'delete'), p('e', 'delete'), p('f', 'delete', { status: 'DELETING', type: 'eks:cluster' }),
      p('g', 'delete'), { ...p('h', 'delete'), type: 'secretsmanager:secret', status: 'scheduled' },
    ], {
      outcomes: new Map([
        ['id:elbv2:targetgroup:c', { id: 'id:elbv2:targetgroup:c', type: 'elbv2:targetgroup', name: 'c', result: 'failed', errorCode: 'AccessDenied', reason: 'denied' }],
        ['id:elbv2:targetgroup:d', { id: 'id:elbv2:targetgroup:d', type: 'elbv2:targetgroup', name: 'd', result: 'deleted' }],
        ['id:elbv2:targetgroup:e', { id: 'id:elbv2:targetgroup:e', type: 'elbv2:targetgroup', name: 'e', result: 'failed', errorCode: 'ResourceInUse', reason: 'in use' }],
      ]),
      blocked: {},
      targeted: new Set(['id:elbv2:targetgroup:c', 'id:elbv2:targetgroup:d', 'id:elbv2:targetgroup:e']),
    });
    expect(residue.map((x) => [x.name, x.kind])).toEqual([['f', 'still-deleting'], ['a', 'refused'], ['b', 'suspect'], ['c', 'access-denied'], ['d', 'still-deleting'], ['e', 'dependency'], ['g', 'not-in-plan']]);
  });
});

describe('caller allow lists', () => {
  it('checks account, region and caller ARN patterns', () => {
    const allow = { accounts: ['111111111111'], regions: ['us-east-1'], callerArnPatterns: ['^arn:aws:sts::\\d{12}:assumed-role/github-actions-deployer/'] };
    expect(callerProblems({ account: '111111111111', region: 'us-east-1', callerArn: 'arn:aws:sts::111111111111:assumed-role/github-actions-deployer/x' }, allow)).toEqual([]);
    expect(callerProblems({ account: '222222222222', region: 'eu-west-1', callerArn: 'arn:aws:iam::222222222222:user/alice' }, allow)).toHaveLength(3);
    expect(callerProblems({ account: '111111111111', region: 'eu-west-1', callerArn: 'x' }, { ...allow, regions: [], callerArnPatterns: [] })).toEqual([]);
  });
});

describe('janitor rules', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  const rule = { graceMs: parseAge('2h')!, olderThanMs: parseAge('24h')!, now };
  it('orphans a PR closed past the grace, or an unlabelled open PR older than --older-than; never an unknown one', () => {
    expect(decideOrphan({ kind: 'closed', closedAt: '2026-03-10T09:00:00Z', labels: [] }, undefined, rule)).toMatchObject({ orphan: true });
    expect(decideOrphan({ kind: 'closed', closedAt: '2026-03-10T11:00:00Z', labels: [] }, undefined, rule)).toMatchObject({ orphan: false, why: 'PR closed 60m ago, within the grace of 2h' });
    expect(decideOrphan({ kind: 'open', labels: ['preview'] }, 10 * 86_400_000, rule).orphan).toBe(false);
    expect(decideOrphan({ kind: 'open', labels: [] }, 25 * 3_600_000, rule).orphan).toBe(true);
    expect(decideOrphan({ kind: 'open', labels: [] }, 23 * 3_600_000, rule).orphan).toBe(false);
    expect(decideOrphan({ kind: 'open', labels: [] }, undefined, rule).orphan).toBe(false);
    expect(decideOrphan({ kind: 'unknown', why: 'GitHub answered 500' }, 99 * 86_400_000, rule)).toMatchObject({ orphan: false, why: expect.stringContaining('never treated as an orphan') });
  });

  it('parses durations and finds env ids in state keys exactly', () => {
    expect([parseAge('90s'), parseAge('30m'), parseAge('2h'), parseAge('7d'), parseAge('1.5h'), parseAge('2'), parseAge('h')]).toEqual([90_000, 1_800_000, 7_200_000, 604_800_000, 5_400_000, undefined, undefined]);
    expect(formatAge(3 * 86_400_000 + 5 * 3_600_000)).toBe('3d5h');
    expect(statePrefix('ephemeral/{env}/terraform.tfstate')).toBe('ephemeral/');
    const re = stateKeyRegex('ephemeral/{env}/terraform.tfstate');
    expect(re.exec('ephemeral/pr-12/terraform.tfstate')?.[1]).toBe('pr-12');
    for (const k of ['ephemeral/pr-12/terraform.tfstate.tflock', 'ephemeral/pr-012/terraform.tfstate', 'ephemeral/jetscale-prod/terraform.tfstate', 'xephemeral/pr-1/terraform.tfstate']) expect(re.test(k)).toBe(false);
  });

  it('types ARNs from the Tagging API', () => {
    expect(typeOfArn('arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/x/1')).toBe('elbv2:targetgroup');
    expect(typeOfArn('arn:aws:eks:us-east-1:1:nodegroup/pr-1/ng/abc')).toBe('eks:nodegroup');
    expect(typeOfArn('arn:aws:secretsmanager:us-east-1:1:secret:pr-1-ephemeral/x-AbCdEf')).toBe('secretsmanager:secret');
    expect(typeOfArn('arn:aws:ec2:us-east-1:1:security-group/sg-1')).toBe('other');
  });
});
