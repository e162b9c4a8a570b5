// The identity of a preview: its public host is one DNS label of at most 63 characters ([a-z0-9-], no leading,
// trailing or doubled dash), deterministic, under the configured domain; checked on examples and on generated branch
// names (JETSCALE_PROPERTY_RUNS sets how many; 300 by default).
import { describe, expect, it } from 'vitest';
import { cutSlug, hostLabel, resolveIdentity, slugifyBranch } from '../../src/ephemeral/identity.js';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const RUNS = Number(process.env.JETSCALE_PROPERTY_RUNS ?? 300);

/** A small deterministic PRNG (mulberry32) so a failing case can be reproduced from its seed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = ['a', 'Z', '9', '-', '_', '/', '.', ' ', 'é', 'Å', 'ß', '日', '🚀', '--', '\u0301', 'x'];
function branchOf(next: () => number): string {
  const n = Math.floor(next() * 120);
  return Array.from({ length: n }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('');
}

describe('public host identity', () => {
  it('names cluster, namespace and release after the env and builds the host from the branch', () => {
    expect(resolveIdentity('pr-123', 'Feature/Login_Page', { domain: 'jetscale.ai', suffix: 'unstable' })).toEqual({
      envId: 'pr-123', cluster: 'pr-123', namespace: 'pr-123', release: 'pr-123', slug: 'feature-login-page',
      host: 'pr-123-feature-login-page-unstable.jetscale.ai', url: 'https://pr-123-feature-login-page-unstable.jetscale.ai/',
    });
  });

  it('folds accents, drops other non-ASCII and collapses dashes', () => {
    expect(slugifyBranch('Fix/Ünïcödé — Straße  Café')).toBe('fix-unicode-stra-e-cafe');
    expect(slugifyBranch('--a___b--')).toBe('a-b');
    expect(hostLabel('pr-7', '日本語のブランチ', 'unstable').label).toBe('pr-7-branch-unstable');
  });

  it('cuts a long branch to fit 63 characters and trims the dash the cut leaves', () => {
    // 63 - "pr-1234-" - "-unstable" leaves 46 for the slug: the cut lands right after the dash.
    const { label } = hostLabel('pr-1234', `${'a'.repeat(45)}-${'b'.repeat(40)}`, 'unstable');
    expect(label).toBe(`pr-1234-${'a'.repeat(45)}-unstable`);
    expect(hostLabel('pr-1234', `${'a'.repeat(40)}-${'b'.repeat(40)}`, 'unstable').label).toBe(`pr-1234-${'a'.repeat(40)}-bbbbb-unstable`);
    expect(cutSlug('abc-def', 4)).toBe('abc');
  });

  it('refuses a suffix that leaves no room, an id that is not pr-<n>, a protected id and a missing domain', () => {
    expect(() => hostLabel('pr-7', 'x', 'u'.repeat(60))).toThrow(/leave no room/);
    expect(() => resolveIdentity('prod', 'x', { domain: 'jetscale.ai', suffix: '' })).toThrow(/not an ephemeral environment id/);
    expect(() => resolveIdentity('pr-7', 'x', { domain: 'jetscale.ai', suffix: '', protectedNames: ['pr-7'] })).toThrow(/protected/);
    expect(() => resolveIdentity('pr-7', 'x', { domain: ' ', suffix: '' })).toThrow(/dns.domain is not configured/);
  });

  it(`is one valid DNS label ≤ 63, deterministic, for ${RUNS} generated branch names`, () => {
    const next = rng(20260225);
    for (let i = 0; i < RUNS; i++) {
      const branch = branchOf(next);
      const env = `pr-${1 + Math.floor(next() * 999_999)}`;
      const suffix = next() < 0.5 ? 'unstable' : '';
      const { label } = hostLabel(env, branch, suffix);
      const ctx = `branch ${JSON.stringify(branch)} env ${env}`;
      expect(label, ctx).toMatch(LABEL);
      expect(label.length, ctx).toBeLessThanOrEqual(63);
      expect(label, ctx).not.toContain('--');
      expect(label.startsWith(`${env}-`), ctx).toBe(true);
      if (suffix) expect(label.endsWith(`-${suffix}`), ctx).toBe(true);
      expect(hostLabel(env, branch, suffix).label, ctx).toBe(label);
    }
  });
});
