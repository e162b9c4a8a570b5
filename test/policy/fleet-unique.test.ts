// Two environments may not share a host, a secret prefix, an External Secrets role or a client+project pair:
// one error per environment, at the line that set its value, naming every environment (file:line) that shares it.
import { describe, expect, it } from 'vitest';
import { checkUnique } from '../../src/policy/fleet-unique.js';
import type { EnvUnderTest } from '../../src/policy/env-under-test.js';
import { OPTS, layeredEnv, lineIn } from './fixtures.js';

interface Ident {
  client?: string;
  project?: string;
  prefix?: string;
  role?: string;
  host?: string;
  dns?: string;
  eso?: boolean;
}

function envYaml(i: Ident): string {
  return [
    'global:',
    `  client_name: ${i.client ?? 'acme'}`,
    `  project_name: ${i.project ?? 'console'}`,
    '  env: staging',
    'externalSecret:',
    `  enabled: ${i.eso ?? true}`,
    `  awsSecretPrefix: "${i.prefix ?? ''}"`,
    `  irsaRoleArn: "${i.role ?? ''}"`,
    'ingress:',
    ...(i.dns ? ['  annotations:', `    external-dns.alpha.kubernetes.io/hostname: ${i.dns}`] : []),
    '  hosts:',
    `    ${i.host ?? 'acme.jetscale.ai'}: {}`,
    '',
  ].join('\n');
}

function env(id: string, i: Ident): { env: EnvUnderTest; yaml: string } {
  const yaml = envYaml(i);
  return { env: layeredEnv(id, { env: yaml }), yaml };
}

const A = { client: 'acme', prefix: 'acme-staging', role: 'arn:aws:iam::111111111111:role/acme', host: 'acme.jetscale.ai' };
const B = { client: 'globex', prefix: 'globex-staging', role: 'arn:aws:iam::111111111111:role/globex', host: 'globex.jetscale.ai' };

describe('checkUnique', () => {
  it('passes distinct environments', () => {
    expect(checkUnique([env('staging/acme', A).env, env('staging/globex', B).env], OPTS)).toEqual([]);
  });

  it.each([
    { name: 'same host', b: { ...B, host: A.host }, rule: 'unique/host', needle: A.host },
    { name: 'same host, other case', b: { ...B, host: 'ACME.jetscale.ai' }, rule: 'unique/host', needle: 'ACME' },
    { name: 'host claimed by external-dns only', b: { ...B, dns: A.host }, rule: 'unique/host', needle: 'external-dns' },
    { name: 'same secret prefix', b: { ...B, prefix: A.prefix }, rule: 'unique/secret-prefix', needle: 'awsSecretPrefix' },
    { name: 'same IRSA role, other case', b: { ...B, role: A.role.toUpperCase().replace('ARN:AWS:IAM', 'arn:aws:iam') }, rule: 'unique/irsa-role', needle: 'irsaRoleArn' },
    { name: 'same client and project', b: { ...B, client: A.client }, rule: 'unique/client-project', needle: 'client_name' },
  ])('$name → $rule on both, naming both files and lines', ({ b, rule, needle }) => {
    const a = env('staging/acme', A);
    const g = env('staging/globex', b);
    const got = checkUnique([a.env, g.env], OPTS);
    expect(got.map((f) => [f.rule, f.env, f.file])).toEqual([
      [rule, 'staging/acme', 'envs/staging/acme.yaml'],
      [rule, 'staging/globex', 'envs/staging/globex.yaml'],
    ]);
    expect(got[1]?.line).toBe(lineIn(g.yaml, needle));
    for (const f of got) {
      expect(f.severity).toBe('error');
      expect(f.message).toContain('envs/staging/acme.yaml:');
      expect(f.message).toContain(`envs/staging/globex.yaml:${lineIn(g.yaml, needle)}`);
    }
  });

  it('the pair names the project line too; the prefix fallback <client>-<env> counts', () => {
    const got = checkUnique([env('staging/acme', { ...A, prefix: '' }).env, env('staging/acme2', { ...B, client: 'acme', prefix: 'acme-staging' }).env], OPTS);
    expect(got.map((f) => f.rule)).toEqual(['unique/secret-prefix', 'unique/secret-prefix', 'unique/client-project', 'unique/client-project']);
    expect(got[0]?.message).toMatch(/secret prefix acme-staging \(the fallback <client_name>-<env>\)/);
    expect(got[2]?.message).toMatch(/staging\/acme \(envs\/staging\/acme\.yaml:2, envs\/staging\/acme\.yaml:3\)/);
  });

  it('secret prefix and role only count with External Secrets on', () => {
    expect(checkUnique([env('staging/acme', { ...A, eso: false }).env, env('staging/globex', { ...B, eso: false, prefix: A.prefix, role: A.role }).env], OPTS)).toEqual([]);
  });

  it('three environments on one host: each finding lists all three', () => {
    const got = checkUnique(['a', 'b', 'c'].map((n, i) => env(`staging/${n}`, { client: n, prefix: `p${i}`, role: `arn:aws:iam::111111111111:role/${n}`, host: 'same.jetscale.ai' }).env), OPTS);
    expect(got).toHaveLength(3);
    expect(new Set(got.map((f) => f.message)).size).toBe(1);
    expect(got[0]?.message).toMatch(/used by 3 environments: staging\/a .* and staging\/b .* and staging\/c/);
  });
});
