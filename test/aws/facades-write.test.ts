// Facade writes and deletes that the gate lets run: the simulator's final state shows each effect, the transcript
// shows each call as `ran`.
import { describe, expect, it } from 'vitest';
import { handlers } from '../support/aws-sim/services/registry.js';
import { awsPerTest, EXAMPLE } from './harness.js';

const start = awsPerTest();
const hasRules = 'DescribeRules' in handlers.elbv2;

describe('AWS facades: deletes that run', () => {
  it('deletes a listener, the load balancer, then its target group', async () => {
    const { aws, sim, gate } = await start({ fixture: EXAMPLE });
    const [lb] = await aws.elbv2.describeLoadBalancers();
    const listeners = await aws.elbv2.describeListeners(lb?.arn ?? '');
    expect(await aws.elbv2.deleteListener(listeners[0]?.arn ?? '')).toEqual({ skipped: false, value: undefined });
    expect(sim.list('elbv2:listener').map((l) => l.port)).toEqual([443]);
    expect((await aws.elbv2.deleteLoadBalancer(lb?.arn ?? '')).skipped).toBe(false);
    expect(sim.list('elbv2:loadbalancer')).toEqual([]);
    const [tg] = await aws.elbv2.describeTargetGroups();
    expect((await aws.elbv2.deleteTargetGroup(tg?.arn ?? '')).skipped).toBe(false);
    expect(sim.list('elbv2:targetgroup')).toEqual([]);
    expect(gate.transcript.filter((r) => r.effect === 'destroy').map((r) => [r.operation, r.status])).toEqual([
      ['elbv2:DeleteListener', 'ran'], ['elbv2:DeleteLoadBalancer', 'ran'], ['elbv2:DeleteTargetGroup', 'ran'],
    ]);
  });

  it.skipIf(!hasRules)(`describes listener rules${hasRules ? '' : ' (skipped: aws-sim does not implement elbv2:DescribeRules yet)'}`, async () => {
    const { aws, sim } = await start({
      fixture: {
        elbv2: {
          targetGroups: [{ name: 'tg-api' }],
          loadBalancers: [{ name: 'lb', listeners: [{ port: 443, protocol: 'HTTPS', defaultActions: [{ fixedResponse: { statusCode: '404' } }], rules: [{ priority: 10, conditions: [{ field: 'host-header', values: ['api.example.test'] }], actions: [{ forward: 'tg-api' }] }] }] }],
        },
      },
    });
    const [listener] = await aws.elbv2.describeListeners(sim.list('elbv2:loadbalancer')[0]?.arn ?? '');
    const rules = await aws.elbv2.describeRules(listener?.arn ?? '');
    const tg = sim.list('elbv2:targetgroup')[0]?.arn;
    expect(rules.find((r) => !r.isDefault)).toMatchObject({ priority: '10', conditions: [{ field: 'host-header', values: ['api.example.test'] }], actions: [{ type: 'forward', targetGroupArns: [tg] }] });
    expect(rules.find((r) => r.isDefault)?.actions[0]).toMatchObject({ type: 'fixed-response', fixedResponse: { statusCode: '404' } });
  });

  it('deletes the nodegroup, then the cluster, answering DELETING', async () => {
    const { aws, sim } = await start({ fixture: EXAMPLE, deletingReads: 0 });
    expect(await aws.eks.deleteNodegroup('pr-7', 'pr-7-default')).toEqual({ skipped: false, value: { status: 'DELETING' } });
    expect(await aws.eks.listNodegroups('pr-7')).toEqual([]);
    expect(await aws.eks.deleteCluster('pr-7')).toEqual({ skipped: false, value: { status: 'DELETING' } });
    // The next read finds it gone (deletingReads: 0), which the facade reports as a typed not-found.
    await expect(aws.eks.describeCluster('pr-7')).rejects.toMatchObject({ code: 'E_AWS_NOT_FOUND', awsCode: 'ResourceNotFoundException' });
    expect(sim.list('eks:cluster')).toEqual([]);
  });

  it('schedules a secret for deletion with a recovery window, or deletes it at once with force', async () => {
    const { aws, sim } = await start({ fixture: { secretsManager: { secrets: [{ name: 'pr-7/a', value: 'x-value-a' }, { name: 'pr-7/b', value: 'x-value-b' }] } } });
    const scheduled = await aws.secretsManager.deleteSecret('pr-7/a', { recoveryWindowInDays: 7 });
    expect(scheduled.skipped).toBe(false);
    const days = scheduled.skipped ? 0 : ((scheduled.value.deletionDate?.getTime() ?? 0) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect((await aws.secretsManager.describeSecret('pr-7/a')).deletedAt).toBeInstanceOf(Date);
    await aws.secretsManager.deleteSecret('pr-7/b', { force: true });
    expect(sim.list('secretsmanager:secret').map((s) => [s.name, s.deletedAt instanceof Date])).toEqual([['pr-7/a', true]]);
    expect(sim.requests.find((r) => r.operation === 'DeleteSecret' && r.params.SecretId === 'pr-7/b')?.params).toMatchObject({ ForceDeleteWithoutRecovery: true });
  });
});
