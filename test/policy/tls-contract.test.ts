// The TLS contract of the cloud layer's ingress controller, as data (cloud-contracts.ts): ALB's listen-ports,
// ssl-redirect, ACM certificate and pinned policy; Application Gateway's redirect, certificate and frontend
// ports. Findings at the line that set (or deleted, or dropped with its parent map) the value.
import { describe, expect, it } from 'vitest';
import { ACM_ARN, ALB_CONTRACT, APPGW_CONTRACT, CLOUD_CONTRACTS, judge } from '../../src/policy/cloud-contracts.js';
import { checkTlsContract, contractFor } from '../../src/policy/tls-contract.js';
import { A, AZURE_LAYER, CERT, CLOUD_FILE, OPTS, albValues, cloudLayerLines, goodAnnotations, layeredEnv, lineIn, makeEnv } from './fixtures.js';

const lines = cloudLayerLines(goodAnnotations());
const lineOf = (name: string) => lines.find(([p]) => p[2] === A + name)?.[1].line;
const G = 'appgw.ingress.kubernetes.io/';
const CONSOLE = 'global:\n  client_name: jetscale\ningress:\n  annotations:\n    external-dns.alpha.kubernetes.io/hostname: console.jetscale.ai\n  hosts:\n    console.jetscale.ai: {}\n';

describe('contractFor', () => {
  it.each([
    { ingress: { enabled: true, className: 'alb' }, want: 'alb' },
    { ingress: { enabled: true, className: 'azure-application-gateway' }, want: 'azure-application-gateway' },
    { ingress: { enabled: true, className: 'nginx' }, want: undefined },
    { ingress: undefined, want: undefined },
  ])('$ingress → $want', ({ ingress, want }) => {
    expect(contractFor(makeEnv('live/x', ingress ? { ingress } : {})).contract?.ingressClass).toBe(want);
  });

  it('takes the class the cloud layer declares, not the one an environment switched to', () => {
    const env = layeredEnv('live/console', { env: `${CONSOLE.replace('ingress:\n', 'ingress:\n  className: nginx\n')}` });
    expect(env.values).toMatchObject({ ingress: { className: 'nginx' } });
    expect(contractFor(env).contract).toBe(ALB_CONTRACT);
  });
});

describe('checkTlsContract on ALB', () => {
  it('accepts the compliant cloud layer', () => {
    expect(checkTlsContract(makeEnv('live/console', albValues(), lines), OPTS)).toEqual([]);
    expect(checkTlsContract(layeredEnv('live/console', { env: CONSOLE }), OPTS)).toEqual([]);
  });

  it('ignores environments with the ingress off', () => {
    expect(checkTlsContract(makeEnv('live/console', { ingress: { enabled: false, className: 'alb', annotations: {} } }), OPTS)).toEqual([]);
  });

  // A present but wrong value is reported at the line that set it.
  it.each([
    { name: 'listen-ports', value: '[{"HTTP":80}]', rule: 'tls/listen-ports', message: /HTTP 80 and HTTPS 443, got/ },
    { name: 'listen-ports', value: '[{"HTTPS":443}]', rule: 'tls/listen-ports', message: /HTTP 80 and HTTPS 443/ },
    { name: 'listen-ports', value: '[{"HTTP":"80"},{"HTTPS":"443"}]', rule: 'tls/listen-ports', message: /HTTP 80 and HTTPS 443/ },
    { name: 'listen-ports', value: '[{"HTTP":80},{"HTTPS":443}', rule: 'tls/listen-ports', message: /HTTP 80 and HTTPS 443/ },
    { name: 'listen-ports', value: '{"HTTP":80,"HTTPS":443}', rule: 'tls/listen-ports', message: /HTTP 80 and HTTPS 443/ },
    { name: 'ssl-redirect', value: 443, rule: 'tls/ssl-redirect', message: /the string "443", got 443/ },
    { name: 'ssl-redirect', value: '80', rule: 'tls/ssl-redirect', message: /got "80"/ },
    { name: 'certificate-arn', value: 'arn:aws:iam::111111111111:server-certificate/wild', rule: 'tls/certificate', message: /an ACM certificate ARN/ },
    { name: 'certificate-arn', value: 'arn:aws:acm:us-east-1:111:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', rule: 'tls/certificate', message: /an ACM/ },
    { name: 'ssl-policy', value: 'TLS13', rule: 'tls/ssl-policy', message: /must be an ELBSecurityPolicy-\* name, got "TLS13"/ },
  ])('$name = $value → $rule at envs/aws.yaml:<line>', ({ name, value, rule, message }) => {
    const findings = checkTlsContract(makeEnv('preview/preview', albValues({ [A + name]: value }), lines), OPTS);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule, severity: 'error', env: 'preview/preview', file: CLOUD_FILE, line: lineOf(name) });
    expect(findings[0]?.message).toMatch(message);
    expect(findings[0]?.hint).toContain(CLOUD_FILE);
  });

  // A missing annotation is reported against the cloud file (there is no line to point at).
  it.each([
    { name: 'listen-ports', rule: 'tls/listen-ports', message: /is missing: the ALB would listen on HTTP 80 only/ },
    { name: 'ssl-redirect', rule: 'tls/ssl-redirect', message: /is missing: HTTP would not redirect/ },
    { name: 'certificate-arn', rule: 'tls/certificate', message: /is missing/ },
    { name: 'ssl-policy', rule: 'tls/ssl-policy', message: /not pinned/ },
  ])('missing $name → $rule at envs/aws.yaml', ({ name, rule, message }) => {
    const env = makeEnv('staging/acme', albValues({ [A + name]: undefined }), cloudLayerLines(albValues({ [A + name]: undefined })));
    const findings = checkTlsContract(env, OPTS);
    expect(findings.map((f) => f.rule)).toEqual([rule]);
    expect(findings[0]).toMatchObject({ severity: 'error', env: 'staging/acme', file: CLOUD_FILE });
    expect(findings[0]?.line).toBeUndefined();
    expect(findings[0]?.message).toMatch(message);
  });

  it('reports every broken annotation at once, each at its own line and file', () => {
    const env = makeEnv('live/console', albValues({ [`${A}listen-ports`]: '[]', [`${A}ssl-redirect`]: 'true', [`${A}certificate-arn`]: 'x', [`${A}ssl-policy`]: undefined }), [
      ...lines.filter(([p]) => p[2] !== `${A}certificate-arn`),
      [['ingress', 'annotations', `${A}certificate-arn`], { file: 'envs/live/console.yaml', line: 36, layer: 3 }],
    ]);
    expect(checkTlsContract(env, OPTS).map((f) => [f.rule, f.file, f.line])).toEqual([
      ['tls/listen-ports', CLOUD_FILE, lineOf('listen-ports')],
      ['tls/ssl-redirect', CLOUD_FILE, lineOf('ssl-redirect')],
      ['tls/certificate', 'envs/live/console.yaml', 36],
      ['tls/ssl-policy', CLOUD_FILE, undefined],
    ]);
  });

  // The class of mistake: a layer nulls or replaces a parent map; every dropped promise points at that line.
  it.each([
    { name: 'ingress.annotations: null in the environment', where: 'env', yaml: 'ingress:\n  annotations: null\n  hosts:\n    console.jetscale.ai: {}\n', needle: 'annotations: null' },
    { name: 'ingress.annotations: "" in the environment', where: 'env', yaml: 'ingress:\n  annotations: ""\n  hosts:\n    console.jetscale.ai: {}\n', needle: 'annotations: ""' },
    { name: 'ingress.annotations: null in the type default', where: 'default', yaml: 'ingress:\n  annotations: null\n', needle: 'annotations: null' },
  ])('$name → all four promises at that line', ({ where, yaml, needle }) => {
    const env = where === 'env' ? layeredEnv('live/console', { env: yaml }) : layeredEnv('live/console', { typeDefault: yaml, env: CONSOLE });
    const file = where === 'env' ? 'envs/live/console.yaml' : 'envs/live/default.yaml';
    const got = checkTlsContract(env, OPTS);
    expect(got.map((f) => f.rule).sort()).toEqual(['tls/certificate', 'tls/listen-ports', 'tls/ssl-policy', 'tls/ssl-redirect']);
    for (const f of got) expect(f).toMatchObject({ file, line: lineIn(yaml, needle) });
    expect(got[0]?.hint).toMatch(/remove the override of ingress\.annotations from/);
  });

  it('ingress.annotations: {} merges like Helm (nothing dropped, nothing reported)', () => {
    expect(checkTlsContract(layeredEnv('live/console', { env: 'ingress:\n  annotations: {}\n  hosts:\n    console.jetscale.ai: {}\n' }), OPTS)).toEqual([]);
  });

  it('a cloud layer with an unknown ingress class, or none, is tls/contract at the cloud layer, not a silent pass', () => {
    const nginx = bareCloudLayer('  className: nginx\n');
    const unknown = checkTlsContract(layeredEnv('live/console', { cloud: nginx, env: CONSOLE }), OPTS);
    expect(unknown).toEqual([expect.objectContaining({ rule: 'tls/contract', severity: 'error', file: CLOUD_FILE, line: lineIn(nginx, 'className'), message: expect.stringContaining('"nginx"') })]);
    expect(unknown[0]?.hint).toContain('alb, azure-application-gateway');
    const none = checkTlsContract(layeredEnv('live/console', { cloud: bareCloudLayer(''), env: CONSOLE }), OPTS);
    expect(none).toEqual([expect.objectContaining({ rule: 'tls/contract', file: CLOUD_FILE, message: expect.stringContaining('declares no ingress.className') })]);
  });

  it('takes its contracts as a parameter (a new cloud is a new row)', () => {
    const nginx = { ...ALB_CONTRACT, ingressClass: 'nginx', tls: [{ rule: 'tls/ssl-redirect', annotation: 'nginx.ingress.kubernetes.io/ssl-redirect', check: { kind: 'one-of' as const, values: ['true'] }, expect: '"true"' }] };
    const env = layeredEnv('live/console', { cloud: bareCloudLayer('  className: nginx\n'), env: CONSOLE });
    expect(checkTlsContract(env, { ...OPTS, contracts: { ...CLOUD_CONTRACTS, nginx } })).toEqual([expect.objectContaining({ rule: 'tls/ssl-redirect', message: expect.stringContaining('nginx.ingress.kubernetes.io/ssl-redirect is missing') })]);
  });
});

/** A cloud layer with the ingress on and the given className line, nothing else. */
function bareCloudLayer(classLine: string): string {
  return `# test cloud layer\ningress:\n  enabled: true\n${classLine}  annotations:\n    x: "y"\n`;
}

describe('checkTlsContract on Application Gateway', () => {
  const azure = (env: string, cloud = AZURE_LAYER) => layeredEnv('live/console', { cloud, cloudFile: 'envs/azure.yaml', env });

  it('accepts envs/azure.yaml', () => {
    expect(checkTlsContract(azure(CONSOLE), OPTS)).toEqual([]);
  });

  it.each([
    { name: 'ssl-redirect "false"', edit: (t: string) => t.replace('ssl-redirect: "true"', 'ssl-redirect: "false"'), rule: 'tls/ssl-redirect', needle: 'ssl-redirect', message: /the string "true", got "false"/ },
    { name: 'ssl-redirect deleted', edit: (t: string) => t.replace(/.*ssl-redirect.*\n/, ''), rule: 'tls/ssl-redirect', needle: undefined, message: /is missing: HTTP would not redirect/ },
    { name: 'certificate deleted', edit: (t: string) => t.replace(/.*appgw-ssl-certificate.*\n/, ''), rule: 'tls/certificate', needle: undefined, message: /no HTTPS listener/ },
    { name: 'certificate name invalid', edit: (t: string) => t.replace('appgw-ssl-certificate: jetscale-wildcard', 'appgw-ssl-certificate: "-bad name"'), rule: 'tls/certificate', needle: 'appgw-ssl-certificate', message: /certificate installed on the gateway/ },
    { name: 'frontend port overridden', edit: (t: string) => `${t}    ${G}override-frontend-port: "8443"\n`, rule: 'tls/listen-ports', needle: 'override-frontend-port', message: /must be unset/ },
    { name: 'SSL profile invalid', edit: (t: string) => `${t}    ${G}appgw-ssl-profile: "bad profile"\n`, rule: 'tls/ssl-policy', needle: 'appgw-ssl-profile', message: /SSL profile/ },
  ])('$name in envs/azure.yaml → $rule', ({ edit, rule, needle, message }) => {
    const cloud = edit(AZURE_LAYER);
    expect(cloud).not.toBe(AZURE_LAYER);
    const got = checkTlsContract(azure(CONSOLE, cloud), OPTS);
    expect(got).toEqual([expect.objectContaining({ rule, severity: 'error', file: 'envs/azure.yaml' })]);
    expect(got[0]?.line).toBe(needle ? lineIn(cloud, needle) : undefined);
    expect(got[0]?.message).toMatch(message);
  });

  it('an environment nulling the annotations is reported at its null, like on ALB', () => {
    const yaml = 'ingress:\n  annotations: null\n  hosts:\n    console.jetscale.ai: {}\n';
    const got = checkTlsContract(azure(yaml), OPTS);
    expect(got.map((f) => [f.rule, f.file, f.line])).toEqual([
      ['tls/ssl-redirect', 'envs/live/console.yaml', 2],
      ['tls/certificate', 'envs/live/console.yaml', 2],
    ]);
  });
});

describe('judge and ACM_ARN', () => {
  it.each([
    [CERT, true],
    ['arn:aws-us-gov:acm:us-gov-west-1:111111111111:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', true],
    ['arn:aws:acm:us-east-1:111111111111:certificate/short', false],
    [`${CERT},${CERT}`, false],
    [` ${CERT}`, false],
  ])('ACM_ARN %s → %s', (arn, ok) => {
    expect(ACM_ARN.test(arn)).toBe(ok);
  });

  it('accepts several comma-separated certificates, as the controller does', () => {
    const cert = ALB_CONTRACT.tls.find((p) => p.rule === 'tls/certificate')!;
    expect(judge(cert, `${CERT}, ${CERT}`)).toBeUndefined();
    expect(judge(cert, `${CERT},nope`)).toMatch(/ACM certificate ARN/);
  });

  it('an optional promise passes when unset; an absent-check fails when set', () => {
    const profile = APPGW_CONTRACT.tls.find((p) => p.rule === 'tls/ssl-policy')!;
    const port = APPGW_CONTRACT.tls.find((p) => p.rule === 'tls/listen-ports')!;
    expect(judge(profile, undefined)).toBeUndefined();
    expect(judge(port, undefined)).toBeUndefined();
    expect(judge(port, '443')).toMatch(/must be unset/);
  });
});
