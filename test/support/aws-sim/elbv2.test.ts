// ELBv2 against the real SDK client: pagination, the 20-ARN DescribeTags limit, deletion rules and stale reads.
import {
  DeleteListenerCommand, DeleteLoadBalancerCommand, DeleteTargetGroupCommand, DescribeListenerCertificatesCommand, DescribeListenersCommand,
  DescribeLoadBalancersCommand, DescribeRulesCommand, DescribeTagsCommand, DescribeTargetGroupsCommand, DescribeTargetHealthCommand,
  ListenerNotFoundException, LoadBalancerNotFoundException, ResourceInUseException, RuleNotFoundException, paginateDescribeLoadBalancers,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import type { AwsSim } from './index.js';
import { EXAMPLE_FIXTURE as EXAMPLE, simPerTest } from './per-test.js';
import type { SimClients } from './sdk-clients.js';

let sim: AwsSim;
let c: SimClients;
const start = simPerTest((s, clients) => ((sim = s), (c = clients)));

const manyLbs = (n: number) => ({ elbv2: { loadBalancers: Array.from({ length: n }, (_, i) => ({ name: `lb-${i}`, tags: { i: String(i) } })) } });

describe('ELBv2', () => {
  it('pages DescribeLoadBalancers with Marker and returns every load balancer once, in order', async () => {
    await start({ fixture: manyLbs(7) });
    const names: string[] = [];
    for await (const page of paginateDescribeLoadBalancers({ client: c.elbv2 }, { PageSize: 3 })) names.push(...(page.LoadBalancers ?? []).map((lb) => lb.LoadBalancerName ?? ''));
    expect(names).toEqual(['lb-0', 'lb-1', 'lb-2', 'lb-3', 'lb-4', 'lb-5', 'lb-6']);
    const calls = sim.requests.filter((r) => r.operation === 'DescribeLoadBalancers');
    expect(calls).toHaveLength(3);
    expect(calls[1]?.params.Marker).toEqual(expect.any(String));
  });

  it('rejects PageSize above the real maximum of 400', async () => {
    await start({ fixture: manyLbs(1) });
    await expect(c.elbv2.send(new DescribeLoadBalancersCommand({ PageSize: 401 }))).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it('describes by name and fails with LoadBalancerNotFound for an unknown one', async () => {
    await start({ fixture: EXAMPLE });
    const out = await c.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['k8s-pr7-jetscale-5e2b8d41c0'] }));
    const lb = out.LoadBalancers?.[0];
    expect(lb?.LoadBalancerArn).toMatch(/^arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer\/app\/k8s-pr7-jetscale-5e2b8d41c0\/[0-9a-f]{16}$/);
    expect(lb?.DNSName).toMatch(/^k8s-pr7-jetscale-5e2b8d41c0-\d{10}\.us-east-1\.elb\.amazonaws\.com$/);
    expect(lb?.CreatedTime).toEqual(new Date('2026-02-20T10:25:00Z'));
    const err = await c.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['nope'] })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LoadBalancerNotFoundException);
  });

  it('limits DescribeTags to 20 ARNs with a ValidationError and answers batches of 20', async () => {
    await start({ fixture: manyLbs(25) });
    const arns = sim.list('elbv2:loadbalancer').map((lb) => lb.arn);
    const err = (await c.elbv2.send(new DescribeTagsCommand({ ResourceArns: arns.slice(0, 21) })).catch((e: unknown) => e)) as Error;
    expect(err.name).toBe('ValidationError');
    expect(err.message).toContain('less than or equal to 20');
    const out = await c.elbv2.send(new DescribeTagsCommand({ ResourceArns: arns.slice(0, 20) }));
    expect(out.TagDescriptions).toHaveLength(20);
    expect(out.TagDescriptions?.[19]?.Tags).toEqual([{ Key: 'i', Value: '19' }]);
  });

  it('describes listeners, certificates, target groups and target health of the example ALB', async () => {
    await start({ fixture: EXAMPLE });
    const lbArn = sim.list('elbv2:loadbalancer')[0]?.arn;
    const { Listeners = [] } = await c.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lbArn }));
    expect(Listeners.map((l) => l.Port)).toEqual([80, 443]);
    expect(Listeners[0]?.DefaultActions?.[0]?.RedirectConfig).toMatchObject({ Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' });
    const certs = await c.elbv2.send(new DescribeListenerCertificatesCommand({ ListenerArn: Listeners[1]?.ListenerArn }));
    expect(certs.Certificates?.[0]).toMatchObject({ IsDefault: true, CertificateArn: expect.stringContaining(':certificate/') });
    const { TargetGroups = [] } = await c.elbv2.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: lbArn }));
    expect(TargetGroups.map((t) => t.TargetGroupName)).toEqual(['k8s-pr7-frontend-3f9a1c2b7d']);
    expect(TargetGroups[0]?.LoadBalancerArns).toEqual([lbArn]);
    const health = await c.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: TargetGroups[0]?.TargetGroupArn }));
    expect(health.TargetHealthDescriptions?.map((d) => d.TargetHealth?.State)).toEqual(['healthy', 'unhealthy']);
    expect(health.TargetHealthDescriptions?.[1]?.TargetHealth?.Reason).toBe('Target.ResponseCodeMismatch');
  });

  it('refuses DeleteTargetGroup with ResourceInUse while a listener forwards, then deletes it after DeleteLoadBalancer', async () => {
    await start({ fixture: EXAMPLE });
    const lbArn = sim.list('elbv2:loadbalancer')[0]?.arn;
    const tgArn = sim.list('elbv2:targetgroup')[0]?.arn;
    const err = await c.elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: tgArn })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResourceInUseException);
    expect(sim.list('elbv2:targetgroup')).toHaveLength(1);
    await c.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: lbArn }));
    expect(sim.list('elbv2:listener')).toHaveLength(0);
    await c.elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: tgArn }));
    expect(sim.list('elbv2:targetgroup')).toHaveLength(0);
    // Deleting an LB that is already gone succeeds, as documented.
    await expect(c.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: lbArn }))).resolves.toBeDefined();
  });

  it('keeps a deleted load balancer visible for K reads when staleReads is armed', async () => {
    await start({ fixture: manyLbs(2) });
    const arn = sim.list('elbv2:loadbalancer')[0]?.arn;
    sim.fault('elbv2:DeleteLoadBalancer', { staleReads: 2 });
    await c.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: arn }));
    expect(sim.list('elbv2:loadbalancer')).toHaveLength(1);
    const count = async () => (await c.elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers?.length;
    expect([await count(), await count(), await count()]).toEqual([2, 2, 1]);
  });

  it('answers LoadBalancerNotFound for DescribeListeners on a deleted load balancer', async () => {
    await start({ fixture: EXAMPLE });
    const lbArn = sim.list('elbv2:loadbalancer')[0]?.arn;
    await c.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: lbArn }));
    await expect(c.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lbArn }))).rejects.toBeInstanceOf(LoadBalancerNotFoundException);
  });
});

const withRules = {
  elbv2: {
    targetGroups: [{ name: 'api' }, { name: 'web' }],
    loadBalancers: [{
      name: 'k8s-pr7-jetscale',
      listeners: [{
        port: 443, protocol: 'HTTPS' as const, certificates: ['arn:aws:acm:us-east-1:111111111111:certificate/fake'], defaultActions: [{ forward: 'web' }],
        rules: [
          { priority: 20, conditions: [{ field: 'host-header' as const, values: ['pr-7.example.test'] }], actions: [{ forward: 'web' }] },
          { priority: 10, conditions: [{ field: 'path-pattern' as const, values: ['/api/*'] }, { field: 'http-request-method' as const, values: ['GET'] }], actions: [{ forward: 'api' }] },
        ],
      }],
    }],
  },
};

describe('ELBv2 rules and ARN validation', () => {
  it('DescribeRules lists a listener\'s rules by priority with the default rule last, pages, and finds rules by ARN', async () => {
    await start({ fixture: withRules });
    const listenerArn = sim.list('elbv2:listener')[0]?.arn;
    const [api, web] = sim.list('elbv2:targetgroup').map((t) => t.arn);
    const { Rules = [] } = await c.elbv2.send(new DescribeRulesCommand({ ListenerArn: listenerArn }));
    expect(Rules.map((r) => [r.Priority, r.IsDefault, r.Actions?.[0]?.TargetGroupArn])).toEqual([['10', false, api], ['20', false, web], ['default', true, web]]);
    expect(Rules[0]?.Conditions).toEqual([
      { Field: 'path-pattern', Values: ['/api/*'], PathPatternConfig: { Values: ['/api/*'] } },
      { Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['GET'] } },
    ]);
    expect(Rules[2]?.Conditions).toEqual([]);
    const page1 = await c.elbv2.send(new DescribeRulesCommand({ ListenerArn: listenerArn, PageSize: 2 }));
    const page2 = await c.elbv2.send(new DescribeRulesCommand({ ListenerArn: listenerArn, PageSize: 2, Marker: page1.NextMarker }));
    expect([...(page1.Rules ?? []), ...(page2.Rules ?? [])].map((r) => r.RuleArn)).toEqual(Rules.map((r) => r.RuleArn));
    expect(page2.NextMarker).toBeUndefined();
    const byArn = await c.elbv2.send(new DescribeRulesCommand({ RuleArns: [Rules[2]?.RuleArn ?? '', Rules[0]?.RuleArn ?? ''] }));
    expect(byArn.Rules?.map((r) => r.Priority)).toEqual(['default', '10']);
    const tags = await c.elbv2.send(new DescribeTagsCommand({ ResourceArns: [Rules[0]?.RuleArn ?? ''] }));
    expect(tags.TagDescriptions).toEqual([{ ResourceArn: Rules[0]?.RuleArn, Tags: [] }]);
    const gone = (Rules[0]?.RuleArn ?? '').replace(/[0-9a-f]{16}$/, '0000000000000000');
    await expect(c.elbv2.send(new DescribeRulesCommand({ RuleArns: [gone] }))).rejects.toBeInstanceOf(RuleNotFoundException);
    await c.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: sim.list('elbv2:loadbalancer')[0]?.arn }));
    await expect(c.elbv2.send(new DescribeRulesCommand({ ListenerArn: listenerArn }))).rejects.toBeInstanceOf(ListenerNotFoundException);
  });

  it('answers a malformed or wrong-kind ARN with ValidationError in every ARN-taking operation, changing nothing', async () => {
    await start({ fixture: EXAMPLE });
    const tg = sim.list('elbv2:targetgroup')[0]?.arn ?? '';
    const before = [sim.list('elbv2:loadbalancer'), sim.list('elbv2:listener'), sim.list('elbv2:targetgroup')];
    const calls: [string, () => Promise<unknown>, string][] = [
      ['DeleteLoadBalancer', () => c.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: 'nope' })), "'nope' is not a valid load balancer ARN"],
      ['DeleteLoadBalancer', () => c.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: tg })), 'is not a valid load balancer ARN'],
      ['DeleteListener', () => c.elbv2.send(new DeleteListenerCommand({ ListenerArn: 'nope' })), "'nope' is not a valid listener ARN"],
      ['DeleteTargetGroup', () => c.elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/x' })), 'is not a valid target group ARN'],
      ['DescribeLoadBalancers', () => c.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: ['nope'] })), "'nope' is not a valid load balancer ARN"],
      ['DescribeListeners', () => c.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: 'nope' })), "'nope' is not a valid load balancer ARN"],
      ['DescribeListeners', () => c.elbv2.send(new DescribeListenersCommand({ ListenerArns: [tg] })), 'is not a valid listener ARN'],
      ['DescribeListenerCertificates', () => c.elbv2.send(new DescribeListenerCertificatesCommand({ ListenerArn: 'nope' })), "'nope' is not a valid listener ARN"],
      ['DescribeTargetGroups', () => c.elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: ['nope'] })), "'nope' is not a valid target group ARN"],
      ['DescribeTargetGroups', () => c.elbv2.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: 'nope' })), "'nope' is not a valid load balancer ARN"],
      ['DescribeTargetHealth', () => c.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: 'nope' })), "'nope' is not a valid target group ARN"],
      ['DescribeTags', () => c.elbv2.send(new DescribeTagsCommand({ ResourceArns: [tg, 'nope'] })), "'nope' is not a valid load balancer, target group, listener or listener rule ARN"],
      ['DescribeRules', () => c.elbv2.send(new DescribeRulesCommand({ ListenerArn: 'nope' })), "'nope' is not a valid listener ARN"],
      ['DescribeRules', () => c.elbv2.send(new DescribeRulesCommand({ RuleArns: ['nope'] })), "'nope' is not a valid listener rule ARN"],
    ];
    for (const [op, call, message] of calls) {
      const err = (await call().catch((e: unknown) => e)) as Error & { $metadata: { httpStatusCode: number } };
      expect([op, err.name, err.$metadata.httpStatusCode], op).toEqual([op, 'ValidationError', 400]);
      expect(err.message).toContain(message);
    }
    expect(sim.requests.map((r) => `${r.operation} ${r.status} ${r.errorCode}`)).toEqual(calls.map(([op]) => `${op} 400 ValidationError`));
    expect([sim.list('elbv2:loadbalancer'), sim.list('elbv2:listener'), sim.list('elbv2:targetgroup')]).toEqual(before);
  });

  it('rejects a fixture ARN of the wrong shape, naming its path', async () => {
    await expect(start({ fixture: { elbv2: { targetGroups: [{ name: 'x', arn: 'arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/x/1' }] } } }))
      .rejects.toThrow('elbv2.targetGroups.0.arn: not a valid ELBv2 targetgroup ARN');
  });
});
