// Hosts are concrete lowercase DNS names, one label under dns.domain (the wildcard certificate covers one level);
// without a configured domain only the DNS shape is checked, and the run says so once.
import { describe, expect, it } from 'vitest';
import { checkHostNames, hostProblem, hostsOf, normalizeDomain } from '../../src/policy/host-names.js';
import { OPTS, layeredEnv, lineIn, makeEnv } from './fixtures.js';

describe('hostProblem', () => {
  it.each([
    ['console.jetscale.ai', 'jetscale.ai', undefined],
    ['acme-staging.jetscale.ai', 'jetscale.ai', undefined],
    ['a.staging.jetscale.ai', 'jetscale.ai', /2 labels under jetscale\.ai.*covers one level/],
    ['jetscale.ai', 'jetscale.ai', /apex/],
    ['console.jetscale.io', 'jetscale.ai', /not under the configured domain jetscale\.ai/],
    ['consolejetscale.ai', 'jetscale.ai', /not under/],
    ['*.jetscale.ai', 'jetscale.ai', /wildcard/],
    ['Console.jetscale.ai', 'jetscale.ai', /lowercase DNS name/],
    ['console.jetscale.ai.', 'jetscale.ai', /lowercase DNS name/],
    ['-x.jetscale.ai', 'jetscale.ai', /lowercase DNS name/],
    ['x_y.jetscale.ai', '', /lowercase DNS name/],
    [`${'a'.repeat(64)}.jetscale.ai`, '', /lowercase DNS name/],
    ['a.b.c.example.com', '', undefined],
  ])('%s under %j', (host, domain, want) => {
    const got = hostProblem(host, domain);
    if (want) expect(got).toMatch(want);
    else expect(got).toBeUndefined();
  });

  it.each([['jetscale.ai', 'jetscale.ai'], ['.jetscale.ai', 'jetscale.ai'], ['*.JetScale.AI.', 'jetscale.ai'], ['', '']])('normalizeDomain(%j) = %j', (raw, want) => {
    expect(normalizeDomain(raw)).toBe(want);
  });
});

describe('checkHostNames', () => {
  const yaml = 'ingress:\n  annotations:\n    external-dns.alpha.kubernetes.io/hostname: console.jetscale.ai,api.console.jetscale.ai\n  hosts:\n    console.jetscale.ai: {}\n    deep.console.jetscale.ai: {}\n';

  it('checks ingress.hosts keys and external-dns hostnames, each at the line that set it', () => {
    const env = layeredEnv('live/console', { env: yaml });
    expect(hostsOf(env).map((h) => h.host)).toEqual(['console.jetscale.ai', 'deep.console.jetscale.ai', 'console.jetscale.ai', 'api.console.jetscale.ai']);
    const got = checkHostNames([env], { ...OPTS, domain: 'jetscale.ai' });
    expect(got.map((f) => [f.rule, f.severity, f.line, f.message.split(' ')[1]])).toEqual([
      ['ingress/host-name', 'error', lineIn(yaml, 'deep.console'), '"deep.console.jetscale.ai"'],
      ['ingress/host-name', 'error', lineIn(yaml, 'external-dns'), '"api.console.jetscale.ai"'],
    ]);
    expect(got[0]?.hint).toContain('<name>.jetscale.ai');
  });

  it('without dns.domain: the DNS shape only, and one info for the whole run', () => {
    const envs = [layeredEnv('live/console', { env: yaml }), makeEnv('live/other', { ingress: { enabled: true, hosts: { 'UPPER.example.com': {} } } })];
    const got = checkHostNames(envs, OPTS);
    expect(got.map((f) => [f.severity, f.env])).toEqual([['error', 'live/other'], ['info', undefined]]);
    expect(got[1]?.message).toMatch(/dns\.domain is not configured/);
  });

  it('ignores environments with the ingress off', () => {
    expect(checkHostNames([makeEnv('live/x', { ingress: { enabled: false, hosts: { 'a.b.c': {} } } })], { ...OPTS, domain: 'jetscale.ai' })).toEqual([]);
  });
});
