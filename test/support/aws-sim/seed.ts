// Turn a validated fixture into state: generate ARNs and DNS names, resolve forward actions to target groups.
import { createHash } from 'node:crypto';
import { FixtureError } from './fixture-load.js';
import type { FixtureAction, ParsedFixture } from './fixture-schema.js';
import * as ids from './ids.js';
import type { Bucket, LbAction } from './model.js';
import { SimState } from './state.js';

const EPOCH = new Date('2026-01-01T00:00:00.000Z');

/** Defaults the fixture may override (account, region), and the EKS countdown that overrides the fixture's when given. */
export interface SeedOptions {
  account: string;
  region: string;
  deletingReads?: number | undefined;
  deletingSeconds?: number | undefined;
}

/** Build the simulator state described by a fixture. */
export function seedState(f: ParsedFixture, opts: SeedOptions): SimState {
  const scope = { account: f.account ?? opts.account, region: f.region ?? opts.region };
  const caller = {
    account: scope.account,
    arn: f.caller?.arn ?? `arn:aws:sts::${scope.account}:assumed-role/github-actions-deployer/jetscale-test`,
    userId: f.caller?.userId ?? 'AROAEXAMPLEFAKEID0001:jetscale-test',
  };
  // Options win over the fixture as a whole, so a fixture's deletingReads never mixes with an option's deletingSeconds.
  const countdown: { deletingReads?: number | undefined; deletingSeconds?: number | undefined } = opts.deletingReads !== undefined || opts.deletingSeconds !== undefined ? opts : (f.eks ?? {});
  const st = new SimState(scope.account, scope.region, caller, countdown.deletingReads ?? 2, countdown.deletingSeconds);
  seedElbv2(st, f, scope);
  seedEks(st, f, scope);
  seedSecrets(st, f, scope);
  seedS3(st, f);
  return st;
}

function seedElbv2(st: SimState, f: ParsedFixture, scope: ids.Scope): void {
  (f.elbv2?.targetGroups ?? []).forEach((tg, i) => {
    if (st.tgByName.has(tg.name)) throw new FixtureError(`elbv2.targetGroups.${i}.name: duplicate target group '${tg.name}'`);
    const arn = tg.arn ?? ids.targetGroupArn(scope, tg.name);
    st.tgByName.set(tg.name, arn);
    const targets = tg.targets.map((t) => ({ id: t.id, port: t.port ?? tg.port, availabilityZone: t.availabilityZone, health: t.health, reason: t.reason, description: t.description }));
    st.targetGroups.set(arn, { arn, name: tg.name, protocol: tg.protocol, port: tg.port, targetType: tg.targetType, vpcId: tg.vpcId, healthCheckPath: tg.healthCheckPath, createdAt: tg.createdAt ?? EPOCH, tags: tg.tags, targets });
  });
  (f.elbv2?.loadBalancers ?? []).forEach((lb, i) => {
    if (st.lbByName.has(lb.name)) throw new FixtureError(`elbv2.loadBalancers.${i}.name: duplicate load balancer '${lb.name}'`);
    const arn = lb.arn ?? ids.loadBalancerArn(scope, lb.type, lb.name);
    st.lbByName.set(lb.name, arn);
    const dnsName = lb.dnsName ?? ids.loadBalancerDns(scope, lb.type, lb.scheme, lb.name);
    st.loadBalancers.set(arn, { arn, name: lb.name, type: lb.type, scheme: lb.scheme, state: lb.state, vpcId: lb.vpcId, dnsName, securityGroups: lb.securityGroups, createdAt: lb.createdAt ?? EPOCH, tags: lb.tags });
    lb.listeners.forEach((l, j) => {
      const where = `elbv2.loadBalancers.${i}.listeners.${j}`;
      const lArn = ids.listenerArn(arn, l.port);
      if (st.listeners.has(lArn)) throw new FixtureError(`${where}.port: duplicate listener port ${l.port}`);
      l.rules.forEach((r, k) => {
        if (l.rules.findIndex((x) => x.priority === r.priority) !== k) throw new FixtureError(`${where}.rules.${k}.priority: duplicate priority ${r.priority}`);
      });
      const rules = l.rules.map((r, k) => ({ arn: ids.ruleArn(lArn, r.priority), priority: r.priority, conditions: r.conditions, actions: r.actions.map((a, m) => toAction(st, a, `${where}.rules.${k}.actions.${m}`)) }));
      const defaultActions = l.defaultActions.map((a, m) => toAction(st, a, `${where}.defaultActions.${m}`));
      st.putListener({ arn: lArn, lbArn: arn, port: l.port, protocol: l.protocol, certificates: l.certificates, sslPolicy: l.sslPolicy ?? (l.protocol === 'HTTPS' ? 'ELBSecurityPolicy-2016-08' : undefined), defaultActions, rules });
    });
  });
}

// A forward names a target group by name or ARN; an unknown one is a fixture error, not a dangling reference.
function toAction(st: SimState, a: FixtureAction, where: string): LbAction {
  if ('forward' in a) {
    const arn = st.tgByName.get(a.forward) ?? (st.targetGroups.has(a.forward) ? a.forward : undefined);
    if (arn === undefined) throw new FixtureError(`${where}.forward: unknown target group '${a.forward}'`);
    return { Type: 'forward', TargetGroupArn: arn };
  }
  if ('redirect' in a) {
    const r = a.redirect;
    return { Type: 'redirect', RedirectConfig: { Protocol: r.protocol, Port: r.port, Host: r.host, Path: r.path, Query: r.query, StatusCode: r.statusCode } };
  }
  const fr = a.fixedResponse;
  return { Type: 'fixed-response', FixedResponseConfig: { StatusCode: fr.statusCode, ContentType: fr.contentType, MessageBody: fr.messageBody } };
}

function seedEks(st: SimState, f: ParsedFixture, scope: ids.Scope): void {
  // A cluster that starts DELETING counts its seconds from the start of the simulator.
  const until = st.deletingSeconds === undefined ? undefined : Date.now() + st.deletingSeconds * 1000;
  (f.eks?.clusters ?? []).forEach((c, i) => {
    if (st.clusters.has(c.name)) throw new FixtureError(`eks.clusters.${i}.name: duplicate cluster '${c.name}'`);
    const id = ids.hexOf(32, 'eks', c.name).toUpperCase();
    st.clusters.set(c.name, {
      name: c.name, arn: ids.clusterArn(scope, c.name), version: c.version, status: c.status, vpcId: c.vpcId,
      roleArn: c.roleArn ?? `arn:aws:iam::${scope.account}:role/${c.name}-cluster-role`,
      endpoint: `https://${id}.gr7.${scope.region}.eks.amazonaws.com`,
      oidcIssuer: `https://oidc.eks.${scope.region}.amazonaws.com/id/${id}`,
      createdAt: c.createdAt ?? EPOCH, tags: c.tags, deletingReads: st.deletingReads, deletingUntil: c.status === 'DELETING' ? until : undefined,
    });
    for (const n of c.nodegroups) {
      st.nodegroups.set(`${c.name}/${n.name}`, { name: n.name, arn: ids.nodegroupArn(scope, c.name, n.name), cluster: c.name, status: n.status, instanceTypes: n.instanceTypes, desiredSize: n.desiredSize, createdAt: n.createdAt ?? EPOCH, tags: n.tags, deletingReads: st.deletingReads, deletingUntil: n.status === 'DELETING' ? until : undefined });
    }
  });
}

function seedSecrets(st: SimState, f: ParsedFixture, scope: ids.Scope): void {
  (f.secretsManager?.secrets ?? []).forEach((s, i) => {
    if (st.secrets.has(s.name)) throw new FixtureError(`secretsManager.secrets.${i}.name: duplicate secret '${s.name}'`);
    const createdAt = s.createdAt ?? EPOCH;
    const value = typeof s.value === 'object' ? JSON.stringify(s.value) : s.value;
    const versions = value === undefined ? [] : [{ id: ids.hexOf(32, 'v', s.name), value, stages: ['AWSCURRENT'], createdAt }];
    const deletionDate = s.deletedAt ? new Date(s.deletedAt.getTime() + 30 * 86_400_000) : undefined;
    st.secrets.set(s.name, { name: s.name, arn: ids.secretArn(scope, s.name), description: s.description, createdAt, lastChangedAt: createdAt, deletedAt: s.deletedAt, deletionDate, tags: s.tags, versions });
  });
}

function seedS3(st: SimState, f: ParsedFixture): void {
  (f.s3?.buckets ?? []).forEach((b, i) => {
    if (st.buckets.has(b.name)) throw new FixtureError(`s3.buckets.${i}.name: duplicate bucket '${b.name}'`);
    const createdAt = b.createdAt ?? EPOCH;
    const bucket: Bucket = { name: b.name, createdAt, versioning: b.versioning, tags: b.tags, objects: new Map() };
    for (const [key, value] of Object.entries(b.objects)) {
      const body = Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
      const contentType = typeof value === 'string' ? 'binary/octet-stream' : 'application/json';
      bucket.objects.set(key, { key, body, etag: `"${createHash('md5').update(body).digest('hex')}"`, lastModified: createdAt, contentType, metadata: {}, checksum: undefined });
    }
    st.buckets.set(b.name, bucket);
  });
}
