// The edge judges with plain facts: DNS (CNAME or same addresses), TLS (coverage, trust, expiry at an injected now),
// HTTP answers and the redirect, ALB listeners against the values' promises, target health, the client secret.
import { describe, expect, it } from 'vitest';
import {
  judgeCertificate, judgeClientSecret, judgeConnect, judgeHttp, judgeListeners, judgePointsAtAlb, judgeRedirect, judgeResolves, judgeTargets,
  type DnsFacts, type ListenerFacts, type TlsFacts,
} from '../../src/health/index.js';

const ALB = 'k8s-pr7-jetscale-5e2b8d41c0-1234567890.us-east-1.elb.amazonaws.com';
const dns = (o: Partial<DnsFacts>): DnsFacts => ({ host: 'pr-7-x.jetscale.test', source: 'dns', addresses: [], cnames: [], ...o });

describe('DNS', () => {
  it.each([
    ['CNAME to the ALB (dualstack, trailing dot)', dns({ addresses: ['1.1.1.1'], cnames: [`dualstack.${ALB.toUpperCase()}.`] }), undefined, 'Current', 'CnameToAlb'],
    ['alias A records equal to the ALB addresses', dns({ addresses: ['1.1.1.1', '2.2.2.2'] }), dns({ host: ALB, addresses: ['2.2.2.2'] }), 'Current', 'SameAddresses'],
    ['addresses of something else', dns({ addresses: ['9.9.9.9'] }), dns({ host: ALB, addresses: ['2.2.2.2'] }), 'Failed', 'PointsElsewhere'],
    ['the ALB name does not resolve', dns({ addresses: ['9.9.9.9'] }), dns({ host: ALB, error: { code: 'ENOTFOUND', message: 'x' } }), 'Unknown', 'NotChecked'],
  ] as const)('%s', (_n, host, alb, status, reason) => {
    expect(judgePointsAtAlb(host, ALB, alb).health).toMatchObject({ status, reason });
  });
  it('NXDOMAIN fails, a resolver timeout is not checked, no address fails', () => {
    expect(judgeResolves(dns({ error: { code: 'ENOTFOUND', message: 'x' } })).health).toMatchObject({ status: 'Failed', reason: 'NXDOMAIN' });
    expect(judgeResolves(dns({ error: { code: 'ETIMEOUT', message: 'x' } })).health.reason).toBe('NotChecked');
    expect(judgeResolves(dns({})).health.reason).toBe('NoAddress');
  });
});

describe('TLS and HTTP', () => {
  const tls = (o: Partial<TlsFacts>): TlsFacts => ({
    host: 'pr-7-x.jetscale.test', address: '1.1.1.1', port: 443, authorized: true,
    certificate: { subject: 'CN=*.jetscale.test', issuer: 'CN=ca', sans: ['DNS:*.jetscale.test'], validFrom: '2026-01-01T00:00:00.000Z', validTo: '2026-04-01T00:00:00.000Z' }, ...o,
  });
  it.each([
    ['valid', tls({}), new Date('2026-03-01T00:00:00Z'), 'Current', 'Valid'],
    ['host not covered wins over a chain error', tls({ authorized: false, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT', hostnameError: "Host: x. is not in the cert's altnames" }), new Date('2026-03-01T00:00:00Z'), 'Failed', 'HostNotCovered'],
    ['untrusted', tls({ authorized: false, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), new Date('2026-03-01T00:00:00Z'), 'Failed', 'Untrusted'],
    ['expires in 3 days', tls({}), new Date('2026-03-29T00:00:00Z'), 'Failed', 'ExpiresSoon'],
    ['expired', tls({}), new Date('2026-04-02T00:00:00Z'), 'Failed', 'Expired'],
    ['no connection', tls({ error: { code: 'ECONNREFUSED', message: 'x' }, certificate: undefined }), new Date(), 'Unknown', 'NotChecked'],
  ] as const)('certificate: %s', (_n, facts, now, status, reason) => {
    expect(judgeCertificate(facts, now).health).toMatchObject({ status, reason });
  });
  it('connection refused is Failed with a readable reason', () => {
    expect(judgeConnect(tls({ error: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' } })).health).toMatchObject({ status: 'Failed', reason: 'ConnectionRefused' });
  });
  it('HTTP statuses and the redirect', () => {
    const h = (status: number, headers: Record<string, string> = {}) => ({ method: 'HEAD', url: 'http://pr-7-x.jetscale.test/', status, headers });
    expect(judgeHttp('http.root', h(302)).health.status).toBe('Current');
    expect(judgeHttp('http.backend', h(302)).health.status).toBe('Failed');
    expect(judgeHttp('http.root', h(503)).health).toMatchObject({ status: 'Failed', reason: 'Http503' });
    expect(judgeRedirect(h(301, { location: 'https://pr-7-x.jetscale.test:443/' }), 'pr-7-x.jetscale.test').health.reason).toBe('RedirectsToHttps');
    expect(judgeRedirect(h(200), 'pr-7-x.jetscale.test').health.reason).toBe('NoRedirect');
    expect(judgeRedirect(h(301, { location: 'http://elsewhere/' }), 'pr-7-x.jetscale.test').health.reason).toBe('RedirectsElsewhere');
  });
});

describe('ALB', () => {
  const CERT = 'arn:aws:acm:us-east-1:111111111111:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
  const l = (o: Partial<ListenerFacts>): ListenerFacts => ({ arn: `l-${o.port}`, port: 443, protocol: 'HTTPS', sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', certificateArns: [CERT], defaultActions: [{ type: 'fixed-response', targetGroupArns: [] }], ruleActions: [{ type: 'forward', targetGroupArns: ['tg'] }], ...o });
  const http = l({ port: 80, protocol: 'HTTP', certificateArns: [], sslPolicy: undefined, defaultActions: [{ type: 'redirect', targetGroupArns: [], redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }], ruleActions: [] });
  const expect2 = { certificateArn: CERT, sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' };
  const verdicts = (ls: ListenerFacts[], e = expect2) => Object.fromEntries(judgeListeners('lb', ls, e).map((c) => [c.id, c.health.reason]));

  it('the parity contract kept: forwards via rules, redirect on 80, expected cert and policy', () => {
    expect(verdicts([l({}), http])).toEqual({ 'alb.listener-https': 'Forwards', 'alb.listener-http': 'RedirectsToHttps', 'alb.certificate': 'Expected', 'alb.ssl-policy': 'Pinned' });
  });
  it('HTTP only: no 443 listener, certificate and policy not checked', () => {
    expect(verdicts([http])).toEqual({ 'alb.listener-https': 'NoHttpsListener', 'alb.listener-http': 'RedirectsToHttps', 'alb.certificate': 'NotChecked', 'alb.ssl-policy': 'NotChecked' });
  });
  it('wrong certificate, default policy, 80 forwarding instead of redirecting', () => {
    const v = verdicts([l({ certificateArns: ['arn:aws:acm:us-east-1:111111111111:certificate/other'], sslPolicy: 'ELBSecurityPolicy-2016-08' }), l({ ...http, defaultActions: [{ type: 'forward', targetGroupArns: ['tg'] }] })]);
    expect(v).toMatchObject({ 'alb.certificate': 'WrongCertificate', 'alb.ssl-policy': 'WrongPolicy', 'alb.listener-http': 'NoRedirect' });
  });
  it('target health: none registered, none healthy (with reasons), some, all, still registering', () => {
    const t = (state: string, reason?: string) => ({ id: `10.0.0.${Math.random()}`, port: 80, state, reason, description: undefined });
    const r = judgeTargets([
      { arn: 'a', name: 'empty', targets: [] },
      { arn: 'b', name: 'down', targets: [t('unhealthy', 'Target.FailedHealthChecks'), t('unhealthy', 'Target.Timeout'), t('draining')] },
      { arn: 'c', name: 'half', targets: [t('healthy'), t('unhealthy', 'Target.ResponseCodeMismatch')] },
      { arn: 'd', name: 'up', targets: [t('healthy')] },
      { arn: 'e', name: 'new', targets: [t('initial', 'Elb.RegistrationInProgress')] },
    ], 'lb');
    expect(r.map((c) => c.health.reason)).toEqual(['NoTargets', 'NoHealthyTargets', 'SomeUnhealthy', 'Healthy', 'Registering']);
    expect(r[1]!.health.message).toBe('down has 0 of 2 targets healthy (Target.FailedHealthChecks, Target.Timeout)');
    expect(judgeTargets([], 'lb')[0]!.health.reason).toBe('NoTargetGroups');
  });
});

describe('client secret (key names only)', () => {
  const name = 'pr-7-ephemeral/application/aws/client';
  it.each([
    [{ name, exists: false }, 'NotFound', 'SecretMissing'],
    [{ name, exists: true, deletedAt: new Date('2026-03-01T00:00:00Z') }, 'Failed', 'ScheduledForDeletion'],
    [{ name, exists: true, format: 'not-json' as const }, 'Failed', 'NotJson'],
    [{ name, exists: true, format: 'json' as const, keys: ['JETSCALE_CLIENT_AWS_REGION'], emptyKeys: [] }, 'Failed', 'MissingKeys'],
    [{ name, exists: true, format: 'json' as const, keys: ['JETSCALE_CLIENT_AWS_REGION', 'JETSCALE_CLIENT_AWS_ROLE_ARN', 'JETSCALE_CLIENT_AWS_ROLE_EXTERNAL_ID'], emptyKeys: ['JETSCALE_CLIENT_AWS_ROLE_EXTERNAL_ID'] }, 'Failed', 'EmptyKeys'],
    [{ name, exists: true, format: 'json' as const, keys: ['JETSCALE_CLIENT_AWS_REGION', 'JETSCALE_CLIENT_AWS_ROLE_ARN', 'JETSCALE_CLIENT_AWS_ROLE_EXTERNAL_ID', 'EXTRA'], emptyKeys: [] }, 'Current', 'Complete'],
  ])('%j → %s %s', (facts, status, reason) => {
    expect(judgeClientSecret(facts).health).toMatchObject({ status, reason });
  });
});
