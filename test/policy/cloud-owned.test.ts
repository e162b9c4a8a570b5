// Keys the cloud layer owns (cloud-contracts.ts `owns`) may not be changed, deleted or dropped by a type default
// or an environment; nulling or replacing a parent map is one finding at that line listing what it dropped.
import { describe, expect, it } from 'vitest';
import { checkCloudOwned } from '../../src/policy/cloud-owned.js';
import { AZURE_LAYER, OPTS, layeredEnv, lineIn } from './fixtures.js';

const HOSTS = 'ingress:\n  hosts:\n    console.jetscale.ai: {}\n';
const ENV = 'envs/live/console.yaml';

describe('checkCloudOwned', () => {
  it('passes an environment that only adds its own keys, or repeats the cloud value', () => {
    expect(checkCloudOwned(layeredEnv('live/console', { env: HOSTS }), OPTS)).toEqual([]);
    const same = `${HOSTS}  annotations:\n    alb.ingress.kubernetes.io/ssl-redirect: "443"\n`;
    expect(checkCloudOwned(layeredEnv('live/console', { env: same }), OPTS)).toEqual([]);
  });

  it.each([
    { name: 'className changed', yaml: `${HOSTS}  className: nginx\n`, needle: 'className', message: /ingress\.className .*owned by envs\/aws\.yaml \("alb"\).*changes it to "nginx"/ },
    { name: 'ssl-policy nulled', yaml: `${HOSTS}  annotations:\n    alb.ingress.kubernetes.io/ssl-policy: null\n`, needle: 'ssl-policy', message: /changes it to null/ },
    { name: 'scheme changed', yaml: `${HOSTS}  annotations:\n    alb.ingress.kubernetes.io/scheme: internal\n`, needle: 'scheme', message: /changes it to "internal"/ },
  ])('$name → tls/cloud-owned at that line', ({ yaml, needle, message }) => {
    const got = checkCloudOwned(layeredEnv('live/console', { env: yaml }), OPTS);
    expect(got).toEqual([expect.objectContaining({ rule: 'tls/cloud-owned', severity: 'error', env: 'live/console', file: ENV, line: lineIn(yaml, needle) })]);
    expect(got[0]?.message).toMatch(message);
  });

  it('an owned key the cloud layer leaves unset is still owned', () => {
    const yaml = `${HOSTS}  annotations:\n    appgw.ingress.kubernetes.io/appgw-ssl-profile: strict\n`;
    const got = checkCloudOwned(layeredEnv('live/console', { cloud: AZURE_LAYER, cloudFile: 'envs/azure.yaml', env: yaml }), OPTS);
    expect(got).toEqual([expect.objectContaining({ rule: 'tls/cloud-owned', file: ENV, line: lineIn(yaml, 'appgw-ssl-profile') })]);
    expect(got[0]?.message).toMatch(/owned by envs\/azure\.yaml, which does not set it/);
  });

  // The class: a whole parent map nulled or replaced, by the environment or by the type default.
  it.each([
    { name: 'ingress.annotations: null', where: 'env', yaml: 'ingress:\n  annotations: null\n', needle: 'annotations', dropped: 6, path: 'ingress.annotations', as: 'null' },
    { name: 'ingress.annotations: [] (a list)', where: 'env', yaml: 'ingress:\n  annotations: []\n', needle: 'annotations', dropped: 6, path: 'ingress.annotations', as: 'a list' },
    { name: 'ingress: null', where: 'env', yaml: 'global:\n  env: prod\ningress: null\n', needle: 'ingress', dropped: 7, path: 'ingress', as: 'null' },
    { name: 'ingress: "off"', where: 'env', yaml: 'ingress: "off"\n', needle: 'ingress', dropped: 7, path: 'ingress', as: '"off"' },
    { name: 'ingress.annotations: null in live/default.yaml', where: 'default', yaml: 'ingress:\n  annotations: null\n', needle: 'annotations', dropped: 6, path: 'ingress.annotations', as: 'null' },
  ])('$name → one finding at that line naming every dropped key', ({ where, yaml, needle, dropped, path, as }) => {
    // The environment re-adds an annotation map after the type default's null: still dropped, still the default's line.
    const env = where === 'env' ? layeredEnv('live/console', { env: yaml }) : layeredEnv('live/console', { typeDefault: yaml, env: `${HOSTS}  annotations:\n    external-dns.alpha.kubernetes.io/hostname: console.jetscale.ai\n` });
    const file = where === 'env' ? ENV : 'envs/live/default.yaml';
    const got = checkCloudOwned(env, OPTS);
    expect(got).toEqual([expect.objectContaining({ rule: 'tls/cloud-owned', severity: 'error', file, line: lineIn(yaml, needle) })]);
    expect(got[0]?.message).toContain(`sets ${path} to ${as}`);
    expect(got[0]?.message.split('owns there: ')[1]?.split(', ')).toHaveLength(dropped);
    expect(got[0]?.message).toContain('"alb.ingress.kubernetes.io/certificate-arn"');
  });

  it('ingress.annotations: {} is a merge, not a replacement (as in Helm): nothing to report', () => {
    expect(checkCloudOwned(layeredEnv('live/console', { env: 'ingress:\n  annotations: {}\n' }), OPTS)).toEqual([]);
  });

  it('nothing owned without a contract (tls/contract reports that)', () => {
    const cloud = 'ingress:\n  enabled: true\n  className: nginx\n';
    expect(checkCloudOwned(layeredEnv('live/console', { cloud, env: 'ingress: null\n' }), OPTS)).toEqual([]);
  });
});
