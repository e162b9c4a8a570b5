// ALB TLS rule: listen-ports 80+443, ssl-redirect "443", an ACM certificate, a pinned ssl-policy; findings
// at the line that set the value, or at the cloud file when the annotation is missing altogether.
import { describe, expect, it } from 'vitest';
import { ACM_ARN, certificateOf, checkAlbTls, usesAlb } from '../../src/policy/alb-tls.js';
import { A, CERT, CLOUD_FILE, albValues, cloudLayerLines, goodAnnotations, makeEnv } from './fixtures.js';

const lines = cloudLayerLines(goodAnnotations());
const lineOf = (name: string) => lines.find(([p]) => p[2] === A + name)?.[1].line;

describe('usesAlb', () => {
  it.each([
    { ingress: { enabled: true, className: 'alb' }, want: true },
    { ingress: { enabled: true, className: 'azure-application-gateway' }, want: false },
    { ingress: { enabled: false, className: 'alb' }, want: false },
    { ingress: { enabled: 'true', className: 'alb' }, want: false },
    { ingress: undefined, want: false },
  ])('$ingress → $want', ({ ingress, want }) => {
    expect(usesAlb(makeEnv('live/x', ingress ? { ingress } : {}))).toBe(want);
  });
});

describe('checkAlbTls', () => {
  it('accepts the compliant cloud layer', () => {
    expect(checkAlbTls(makeEnv('live/console', albValues(), lines))).toEqual([]);
  });

  it('ignores non-ALB environments, however incomplete', () => {
    const env = makeEnv('live/console', { ingress: { enabled: true, className: 'azure-application-gateway', annotations: {} } });
    expect(checkAlbTls(env)).toEqual([]);
  });

  // A present but wrong value is reported at the line that set it.
  it.each([
    { name: 'listen-ports', value: '[{"HTTP":80}]', rule: 'tls/listen-ports', message: /HTTP 80 and HTTPS 443/ },
    { name: 'listen-ports', value: '[{"HTTPS":443}]', rule: 'tls/listen-ports', message: /HTTP 80 and HTTPS 443/ },
    { name: 'listen-ports', value: '[{"HTTP":"80"},{"HTTPS":"443"}]', rule: 'tls/listen-ports', message: /HTTP 80 and HTTPS 443/ },
    { name: 'listen-ports', value: '[{"HTTP":80},{"HTTPS":443}', rule: 'tls/listen-ports', message: /HTTP 80 and HTTPS 443/ },
    { name: 'listen-ports', value: '{"HTTP":80,"HTTPS":443}', rule: 'tls/listen-ports', message: /HTTP 80 and HTTPS 443/ },
    { name: 'ssl-redirect', value: 443, rule: 'tls/ssl-redirect', message: /the string "443", got 443/ },
    { name: 'ssl-redirect', value: '80', rule: 'tls/ssl-redirect', message: /got "80"/ },
    { name: 'certificate-arn', value: 'arn:aws:iam::111111111111:server-certificate/wild', rule: 'tls/certificate', message: /not an ACM certificate ARN/ },
    { name: 'certificate-arn', value: 'arn:aws:acm:us-east-1:111:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', rule: 'tls/certificate', message: /not an ACM/ },
    { name: 'ssl-policy', value: 'TLS13', rule: 'tls/ssl-policy', message: /must name an ELBSecurityPolicy-\*, got "TLS13"/ },
  ])('$name = $value → $rule at envs/aws.yaml:<line>', ({ name, value, rule, message }) => {
    const env = makeEnv('preview/preview', albValues({ [A + name]: value }), lines);
    const findings = checkAlbTls(env);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule, severity: 'error', env: 'preview/preview', file: CLOUD_FILE, line: lineOf(name) });
    expect(findings[0]?.message).toMatch(message);
    expect(findings[0]?.hint).toContain(CLOUD_FILE);
  });

  // A missing annotation is reported against the cloud file (there is no line to point at).
  it.each([
    { name: 'listen-ports', rule: 'tls/listen-ports', message: /got null/ },
    { name: 'ssl-redirect', rule: 'tls/ssl-redirect', message: /got null/ },
    { name: 'certificate-arn', rule: 'tls/certificate', message: /is missing/ },
    { name: 'ssl-policy', rule: 'tls/ssl-policy', message: /not pinned/ },
  ])('missing $name → $rule at envs/aws.yaml', ({ name, rule, message }) => {
    const env = makeEnv('staging/acme', albValues({ [A + name]: undefined }), cloudLayerLines(albValues({ [A + name]: undefined })));
    const findings = checkAlbTls(env);
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
    const got = checkAlbTls(env).map((f) => [f.rule, f.file, f.line]);
    expect(got).toEqual([
      ['tls/listen-ports', CLOUD_FILE, lineOf('listen-ports')],
      ['tls/ssl-redirect', CLOUD_FILE, lineOf('ssl-redirect')],
      ['tls/certificate', 'envs/live/console.yaml', 36],
      ['tls/ssl-policy', CLOUD_FILE, undefined],
    ]);
  });

  it('falls back to the environment file when a value comes from the chart defaults (layer 0)', () => {
    const env = makeEnv('live/console', albValues({ [`${A}ssl-policy`]: 'nope' }), [[['ingress'], { file: 'charts/jetscale/values.yaml', line: 70, layer: 0 }]]);
    expect(checkAlbTls(env)).toEqual([expect.objectContaining({ rule: 'tls/ssl-policy', file: 'envs/live/console.yaml' })]);
    expect(checkAlbTls(env)[0]?.line).toBeUndefined();
  });
});

describe('ACM_ARN and certificateOf', () => {
  it.each([
    [CERT, true],
    ['arn:aws-us-gov:acm:us-gov-west-1:111111111111:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', true],
    ['arn:aws:acm:us-east-1:111111111111:certificate/short', false],
    [`${CERT},${CERT}`, false],
    [` ${CERT}`, false],
  ])('%s → %s', (arn, ok) => {
    expect(ACM_ARN.test(arn)).toBe(ok);
  });

  it('returns string certificates only', () => {
    expect(certificateOf(makeEnv('live/a', albValues()))).toBe(CERT);
    expect(certificateOf(makeEnv('live/a', albValues({ [`${A}certificate-arn`]: 42 })))).toBeUndefined();
    expect(certificateOf(makeEnv('live/a', albValues({ [`${A}certificate-arn`]: undefined })))).toBeUndefined();
  });
});
