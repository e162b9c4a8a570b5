// TLS parity: every preview and live ALB environment serves the preview's certificate; the finding sits on
// the environment that differs, at the line that set its certificate.
import { describe, expect, it } from 'vitest';
import { checkTlsParity } from '../../src/policy/tls-parity.js';
import type { EnvUnderTest } from '../../src/policy/env-under-test.js';
import { A, CERT, CLOUD_FILE, OTHER_CERT, albValues, makeEnv } from './fixtures.js';

const CERT_PATH = ['ingress', 'annotations', `${A}certificate-arn`] as const;

/** An ALB environment whose certificate is `cert`, set in its own file (line 40) or inherited from the cloud layer. */
function env(id: string, cert: string | undefined, own = cert !== CERT): EnvUnderTest {
  const at = own ? { file: `envs/${id}.yaml`, line: 40, layer: 3 } : { file: CLOUD_FILE, line: 17 };
  return makeEnv(id, albValues({ [`${A}certificate-arn`]: cert }), [[CERT_PATH, at]]);
}

describe('checkTlsParity', () => {
  it.each([
    { name: 'preview and live share the cloud certificate', envs: [env('preview/preview', CERT), env('live/console', CERT)], want: [] },
    { name: 'staging may differ (not a parity type)', envs: [env('preview/preview', CERT), env('staging/acme', OTHER_CERT)], want: [] },
    { name: 'no preview/live environments', envs: [env('staging/acme', CERT)], want: [] },
    { name: 'nothing at all', envs: [], want: [] },
    { name: 'live overrides the certificate', envs: [env('preview/preview', CERT), env('live/console', OTHER_CERT)], want: [['live/console', 'envs/live/console.yaml', 40]] },
    {
      name: 'preview overrides it: every live environment is reported against the preview',
      envs: [env('live/a', CERT), env('preview/preview', OTHER_CERT), env('live/b', CERT)],
      want: [['live/a', CLOUD_FILE, 17], ['live/b', CLOUD_FILE, 17]],
    },
    { name: 'without a preview the first live environment is the reference', envs: [env('live/a', CERT), env('live/b', OTHER_CERT)], want: [['live/b', 'envs/live/b.yaml', 40]] },
    { name: 'a live environment without a certificate is left to tls/certificate', envs: [env('preview/preview', CERT), env('live/a', undefined)], want: [] },
  ])('$name', ({ envs, want }) => {
    const got = checkTlsParity(envs);
    expect(got.map((f) => [f.env, f.file, f.line])).toEqual(want);
    for (const f of got) expect(f).toMatchObject({ rule: 'tls/parity', severity: 'error' });
  });

  it('names both certificates and the reference environment, and hints at the cloud file', () => {
    const [f] = checkTlsParity([env('preview/preview', CERT), env('live/console', OTHER_CERT)]);
    expect(f?.message).toContain(OTHER_CERT);
    expect(f?.message).toContain(CERT);
    expect(f?.message).toContain('preview/preview');
    expect(f?.hint).toContain(CLOUD_FILE);
  });

  it('ignores a live environment that is not on ALB', () => {
    const azure = makeEnv('live/az', { ingress: { enabled: true, className: 'azure-application-gateway', annotations: { [`${A}certificate-arn`]: OTHER_CERT } } });
    expect(checkTlsParity([env('preview/preview', CERT), azure])).toEqual([]);
  });
});
