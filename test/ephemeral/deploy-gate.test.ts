// The health gate through the CLI, resuming a deployed pr-7 with --from health: each scenario breaks one layer (the
// ALB's HTTPS listener, the certificate, the backend endpoint, an ExternalSecret, a crash-looping pod) and the gate
// must fail with exit 5 naming the cause, print the evidence and write the diagnostics bundle.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsSim } from '../support/aws-sim/index.js';
import { awsFixture, ENV, freshlySynced, HOST, makeWorld, type World } from './deploy-support/world.js';
import { skipReason } from './deploy-support/skip.js';
import { startSite } from './deploy-support/tls.js';

const SKIP = skipReason();
if (SKIP) console.warn(`ephemeral:deploy gate tests skipped: ${SKIP}`);
const BACKEND = '/api/v2/system/ready';

describe.skipIf(SKIP !== '')('ephemeral:deploy health gate', () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld({ gateSeconds: 1.5 });
    const first = await w.run([]);
    expect(first.code, first.stderr).toBe(0);
  });
  afterAll(async () => w?.close());

  const failure = (r: Awaited<ReturnType<World['run']>>) => {
    const e = r.json().error;
    return { code: r.code, errorCode: e?.code, text: `${e?.message ?? ''}\n${e?.tail ?? ''}` };
  };

  it('an HTTP-only ALB fails the gate (exit 5): no listener on 443', async () => {
    const httpOnly = await startAwsSim({ fixture: awsFixture({ https: false }) });
    try {
      const f = failure(await w.run(['--from', 'health'], { aws: httpOnly }));
      expect(f).toMatchObject({ code: 5, errorCode: 'E_HEALTH_GATE' });
      expect(f.text).toContain('no listener on port 443');
    } finally {
      await httpOnly.stop();
    }
  });

  it('a certificate that does not cover the host fails the gate, though the CA is trusted', async () => {
    const wrong = await startSite(['other.jetscale.ai']);
    try {
      const f = failure(await w.run(['--from', 'health'], { site: wrong }));
      expect(f.code).toBe(5);
      expect(f.text).toContain(`the certificate does not cover ${HOST}`);
      expect(wrong.hits).toEqual([]);
    } finally {
      await wrong.close();
    }
  });

  it('frontend fine but backend not ready: exit 5 naming the backend endpoint and its status', async () => {
    w.site.status = (path) => (path === BACKEND ? 503 : 200);
    try {
      const f = failure(await w.run(['--from', 'health']));
      expect(f.code).toBe(5);
      expect(f.text).toContain(`GET https://${HOST}${BACKEND} → 503`);
      expect(f.text).not.toContain(`https://${HOST}/ → `);
      expect(w.site.hits.some((h) => h.path === '/' && h.status === 200)).toBe(true);
    } finally {
      w.site.status = () => 200;
    }
  });

  it('an ExternalSecret that cannot sync fails the gate naming it and ESO\'s reason', async () => {
    w.kube.externalSecretStatus(ENV, `${ENV}-db-secret`, { ready: false, reason: 'SecretSyncedError', message: `could not get secret data from provider: ${ENV}-ephemeral/database/console not found` });
    try {
      const r = await w.run(['--from', 'health']);
      const f = failure(r);
      expect(f.code).toBe(5);
      expect(f.text).toContain(`ExternalSecret ${ENV}-db-secret: SecretSyncedError: could not get secret data from provider`);
      const bundle = JSON.parse(await readFile(`${w.root}/.jetscale/ephemeral/${ENV}/diagnostics.json`, 'utf8')) as { explanation: string[]; externalSecrets: Array<{ subject: string; reason: string }> };
      expect(bundle.explanation[0]).toContain('SecretSyncedError');
      expect(bundle.externalSecrets.find((e) => e.subject.endsWith(`${ENV}-db-secret`))?.reason).toBe('SecretSyncedError');
    } finally {
      w.kube.script('ExternalSecret', ENV, `${ENV}-db-secret`, freshlySynced);
    }
  });

  it('a crash-looping pod behind unhealthy targets: exit 5 with the causal chain and its last log lines', async () => {
    const unhealthy = await startAwsSim({ fixture: awsFixture({ targets: 'unhealthy' }) });
    const podObj = w.kube.list('Pod', ENV).find((p) => p.metadata.name.startsWith(`${ENV}-backend-api-`))!;
    const pod = podObj.metadata.name;
    const container = (podObj.spec as { containers: Array<{ name: string }> }).containers[0]!.name;
    w.kube.crashLoop(ENV, pod, { container, restartCount: 7, logs: 'starting', previousLogs: 'INFO booting\nFATAL: password authentication failed for user "jetscale"' });
    w.site.status = () => 503;
    try {
      const r = await w.run(['--from', 'health'], { aws: unhealthy });
      const f = failure(r);
      expect(f.code).toBe(5);
      const chain = r.json().error?.message ?? '';
      expect(chain).toMatch(new RegExp(`→ 503 ← .*0 of 1 targets healthy.* ← .*${pod}.*CrashLoopBackOff`));
      expect(f.text).toContain('FATAL: password authentication failed for user "jetscale"');
      const bundle = await readFile(`${w.root}/.jetscale/ephemeral/${ENV}/diagnostics.json`, 'utf8');
      expect(bundle).toContain('FATAL: password authentication failed');
      expect(bundle).toContain('Target.ResponseCodeMismatch');
    } finally {
      w.site.status = () => 200;
      await unhealthy.stop();
    }
  });
});
