// ephemeral:deploy end to end through the CLI: real terraform (state in aws-sim's S3), real helm 4 against kube-sim,
// and the gate's HTTPS checks against a real TLS server on loopback (test CA via --ca-file). A fresh deploy converges
// and is green only once every endpoint answers; a re-run changes nothing; --from resumes; --dry-run writes nothing.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUCKET, CLIENT_SECRET, ENV, HOST, makeWorld, PULL_TOKEN, stateOf, STATE_KEY, TERRAFORM_MISSING, type World } from './deploy-support/world.js';
import { skipReason } from './deploy-support/skip.js';

const SKIP = skipReason() || (TERRAFORM_MISSING ? 'terraform is not on PATH' : '');
if (SKIP) console.warn(`ephemeral:deploy convergence tests skipped: ${SKIP}`);

describe.skipIf(SKIP !== '')('ephemeral:deploy converges', () => {
  let w: World;
  let backendReadyAt = 0;
  beforeAll(async () => {
    // The backend endpoint answers 503 for its first few probes, as a backend still migrating would.
    let backendProbes = 0;
    w = await makeWorld({ iac: true, site: (path) => (path === '/api/v2/system/ready' && ++backendProbes <= 3 ? 503 : (path === '/api/v2/system/ready' && backendProbes === 4 ? ((backendReadyAt = performance.now()), 200) : 200)) });
  });
  afterAll(async () => w?.close());

  it('a fresh deploy applies terraform, satisfies preflight, installs the release and turns green only when every endpoint answers', async () => {
    const r = await w.run([]);
    const doc = r.json();
    expect(r.code, r.stderr).toBe(0);
    expect(doc.data?.url).toBe(`https://${HOST}/`);
    expect(doc.data?.steps.map((s) => `${s.name}:${s.status}`)).toEqual(['identity:ok', 'guards:ok', 'stale-state:ok', 'adopt:ok', 'terraform:ok', 'preflight:ok', 'helm:ok', 'health:ok']);
    // Terraform's state is in S3, with the environment's variables.
    expect(stateOf(w.aws)?.resources.map((x) => [x.type, x.name, (x.instances[0]?.attributes.input as { value?: string } | undefined)?.value])).toEqual([['terraform_data', 'cluster', ENV]]);
    // The release is deployed in its namespace; preflight created the pull secret from the env var, and the placeholder.
    expect(w.kube.list('Secret', ENV).filter((s) => s.type === 'helm.sh/release.v1').map((s) => (s.metadata.labels as Record<string, string>).status)).toEqual(['deployed']);
    const pull = w.kube.get('Secret', ENV, 'jetscale-registry-secret');
    expect(pull?.type).toBe('kubernetes.io/dockerconfigjson');
    expect(Buffer.from(String((pull?.data as Record<string, string>)['.dockerconfigjson']), 'base64').toString()).toContain(PULL_TOKEN);
    expect(w.kube.get('Secret', ENV, `${ENV}-app-secrets`)).toBeDefined();
    expect(w.kube.get('Ingress', ENV, ENV)?.spec).toMatchObject({ rules: [{ host: HOST }] });
    // The token never appears in argv, output or the transcript.
    expect(r.stdout + r.stderr).not.toContain(PULL_TOKEN);
    // Both endpoints were probed with verified TLS; the gate went green only after the backend stopped answering 503.
    const probes = w.site.hits.map((h) => `${h.path}:${h.status}`);
    expect(probes).toContain('/api/v2/system/ready:503');
    expect(probes).toContain('/:200');
    const green = doc.events?.find((e) => e.step === 'health' && /all \d+ checks pass \(1\//.test(e.message));
    expect(green).toBeDefined();
    expect(w.site.hits.filter((h) => h.at < backendReadyAt).every((h) => h.path === '/' || h.status === 503)).toBe(true);
    // GitHub outputs were appended, not overwritten.
    expect(await readFile(w.githubOutput, 'utf8')).toBe(`earlier=line\nenv_id=${ENV}\nurl=https://${HOST}/\npublic_host=${HOST}\n`);
    const journal = JSON.parse(await readFile(join(w.root, '.jetscale/journal/ephemeral_deploy', `${ENV}.json`), 'utf8')) as { steps: Array<{ name: string; status: string }> };
    expect(journal.steps.every((s) => s.status === 'ok')).toBe(true);
  });

  it('a re-run after success changes nothing and still passes the gate', async () => {
    const serial = stateOf(w.aws)?.serial;
    const generations = w.kube.list('Deployment', ENV).map((d) => `${d.metadata.name}@${String(d.metadata.generation)}`);
    const secretsBefore = w.kube.list('Secret', ENV).map((x) => x.metadata.name);
    w.aws.clearRequests();
    w.kube.clearRequests();
    const r = await w.run([]);
    expect(r.code, r.stderr).toBe(0);
    expect((r.json().data?.results.terraform as { summary?: { add: number; change: number; remove: number } }).summary).toMatchObject({ add: 0, change: 0, remove: 0 });
    expect(stateOf(w.aws)?.serial).toBe(serial);
    expect(w.kube.list('Deployment', ENV).map((d) => `${d.metadata.name}@${String(d.metadata.generation)}`)).toEqual(generations);
    // Nothing was created again: no secret in AWS, no secret or namespace in the cluster.
    expect(w.aws.requests.map((q) => q.operation)).not.toContain('CreateSecret');
    expect(w.kube.requests.filter((q) => q.verb === 'create' && q.resource === 'namespaces')).toEqual([]);
    // helm records each upgrade as a new revision Secret; nothing else is new.
    expect(w.kube.list('Secret', ENV).map((x) => x.metadata.name).filter((n) => !secretsBefore.includes(n))).toEqual([`sh.helm.release.v1.${ENV}.v2`]);
    expect(w.aws.list('secretsmanager:secret').map((s) => s.name)).toEqual([CLIENT_SECRET]);
    expect(w.aws.list('s3:object').map((o) => o.key)).toEqual([STATE_KEY]);
    expect(w.aws.list('s3:bucket').map((b) => b.name)).toEqual([BUCKET]);
  });

  it('--from health resumes: earlier steps are taken from the journal and nothing is deployed again', async () => {
    w.kube.clearRequests();
    const r = await w.run(['--from', 'health']);
    expect(r.code, r.stderr).toBe(0);
    const doc = r.json();
    expect(doc.data?.steps.map((s) => `${s.name}:${s.status}`)).toEqual(['identity:ok', 'guards:ok', 'stale-state:skipped', 'adopt:skipped', 'terraform:skipped', 'preflight:skipped', 'helm:skipped', 'health:ok']);
    expect(doc.transcript.filter((t) => t.effect !== 'read' && !t.output && t.operation !== 'write-journal').map((t) => t.operation)).toEqual([]);
    expect(w.kube.requests.every((q) => ['get', 'list', 'watch'].includes(q.verb) || q.resource === 'selfsubjectaccessreviews')).toBe(true);
  });
});
