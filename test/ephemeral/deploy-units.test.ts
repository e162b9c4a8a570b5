// The pure parts of ephemeral:deploy: which state resources need the cluster and how they are pruned, Terraform
// failure classification from -json diagnostics (lock holder, webhook), the pending-release decision, adoption's
// import blocks, the generated values layer, the client secret payload check and the step summary.
import { describe, expect, it } from 'vitest';
import { importIdOf, planImports, renderImports } from '../../src/ephemeral/adopt.js';
import { renderSummary, retriesOf } from '../../src/ephemeral/deploy-summary.js';
import { resolveIdentity } from '../../src/ephemeral/identity.js';
import { decidePendingRecovery } from '../../src/ephemeral/pending-release.js';
import { defaultClientSecret, payloadProblems } from '../../src/ephemeral/preflight-secret.js';
import { CLEAR_HOSTS_YAML, runtimeOverrides } from '../../src/ephemeral/runtime-values.js';
import { backupKey, clusterBoundAddresses, providerType, pruneState } from '../../src/ephemeral/state-prune.js';
import { classifyDiagnostics, describeHolder, parseLockInfo, parseLockTime } from '../../src/ephemeral/tf-failure.js';

const state = (resources: unknown[]) => JSON.stringify({ version: 4, serial: 3, lineage: 'l-1', resources });
const res = (type: string, name: string, provider: string, extra: Record<string, unknown> = {}) => ({ mode: 'managed', type, name, provider: `provider["${provider}"]`, instances: [], ...extra });

describe('stale state', () => {
  it('finds the resources of cluster-bound providers, in modules, aliased and as data sources', () => {
    const text = state([
      res('aws_vpc', 'main', 'registry.terraform.io/hashicorp/aws'),
      res('kubernetes_namespace', 'this', 'registry.terraform.io/hashicorp/kubernetes'),
      res('helm_release', 'alb', 'registry.terraform.io/hashicorp/helm', { module: 'module.addons' }),
      { ...res('kubectl_manifest', 'crd', 'registry.terraform.io/gavinbunney/kubectl'), provider: 'provider["registry.terraform.io/gavinbunney/kubectl"].eks' },
      res('kubernetes_config_map', 'aws_auth', 'registry.terraform.io/hashicorp/kubernetes', { mode: 'data' }),
    ]);
    expect(clusterBoundAddresses(text, ['kubernetes', 'helm', 'kubectl'])).toEqual(['data.kubernetes_config_map.aws_auth', 'kubectl_manifest.crd', 'kubernetes_namespace.this', 'module.addons.helm_release.alb']);
    expect(providerType('module.x.provider["registry.terraform.io/hashicorp/helm"].alias')).toBe('helm');
    expect(() => clusterBoundAddresses('{"nope":1}', ['kubernetes'])).toThrow(/not a Terraform state/);
  });

  it('prunes exactly those, keeps lineage and bumps the serial; backups are named by time and serial', () => {
    const pruned = JSON.parse(pruneState(state([res('aws_vpc', 'main', 'a/b/aws'), res('helm_release', 'x', 'a/b/helm', { module: 'module.m' })]), ['module.m.helm_release.x'])) as { serial: number; lineage: string; resources: Array<{ type: string }> };
    expect(pruned).toMatchObject({ serial: 4, lineage: 'l-1', resources: [{ type: 'aws_vpc' }] });
    expect(backupKey('ephemeral/pr-7/terraform.tfstate', new Date('2026-02-25T10:11:12.345Z'), 9)).toBe('ephemeral/pr-7/terraform.tfstate.backups/2026-02-25T10-11-12-345Z-serial-9.tfstate');
  });
});

describe('terraform failures', () => {
  const lockDetail = 'Error message: operation error S3: PutObject, https response error StatusCode: 412\nLock Info:\n  ID:        3f2b7c1e-0000-4000-8000-00000000a7e5\n  Path:      b/k\n  Operation: OperationTypeApply\n  Who:       ci@runner\n  Version:   1.11.4\n  Created:   2026-02-20 10:00:00.5 +0000 UTC\n  Info:      \n\n\nTerraform acquires a state lock…';

  it('a lock error names its holder from the diagnostic, never from a stray UUID', () => {
    const f = classifyDiagnostics([{ severity: 'error', summary: 'Error acquiring the state lock', detail: lockDetail }]);
    expect(f).toMatchObject({ kind: 'lock', holder: { id: '3f2b7c1e-0000-4000-8000-00000000a7e5', who: 'ci@runner', operation: 'OperationTypeApply', created: new Date('2026-02-20T10:00:00.500Z') } });
    expect(describeHolder(f.kind === 'lock' ? f.holder : undefined, new Date('2026-02-20T13:00:00Z'))).toBe('lock 3f2b7c1e-0000-4000-8000-00000000a7e5 held by ci@runner (OperationTypeApply) since 2026-02-20T10:00:00.500Z (3 h ago)');
    expect(parseLockInfo('no lock info here 3f2b7c1e-0000-4000-8000-00000000a7e5')).toBeUndefined();
    expect(parseLockTime('2026-02-20T10:00:00Z')).toEqual(new Date('2026-02-20T10:00:00Z'));
  });

  it('the ALB webhook is recognised in a diagnostic\'s detail; anything else is "other" with its summary', () => {
    const webhook = 'Internal error occurred: failed calling webhook "mservice.elbv2.k8s.aws": no endpoints available for service "aws-load-balancer-webhook-service"';
    expect(classifyDiagnostics([{ severity: 'error', summary: 'local-exec provisioner error', detail: `Output: ${webhook}` }]).kind).toBe('webhook');
    expect(classifyDiagnostics([{ severity: 'warning', summary: webhook }, { severity: 'error', summary: 'Invalid reference', file: 'main.tf', line: 3, column: 7 }])).toEqual({ kind: 'other', summary: 'Error: Invalid reference (main.tf:3:7)' });
  });
});

describe('a release stuck in pending-*', () => {
  const rev = (revision: number, status: string, updated: string) => ({ revision, status, chart: 'jetscale-0.1.0', updated });
  const now = new Date('2026-02-25T12:00:00Z');
  it('rolls back to the last deployed revision when old enough or forced, uninstalls when none ever deployed, refuses otherwise', () => {
    const history = [rev(1, 'superseded', '2026-02-25T10:00:00Z'), rev(2, 'deployed', '2026-02-25T11:00:00Z'), rev(3, 'pending-upgrade', '2026-02-25T11:50:00Z')];
    expect(decidePendingRecovery(history, { now, minAgeMs: 15 * 60_000, force: false })).toMatchObject({ action: 'refuse' });
    expect(decidePendingRecovery(history, { now, minAgeMs: 5 * 60_000, force: false })).toMatchObject({ action: 'rollback', revision: 2 });
    expect(decidePendingRecovery(history, { now, minAgeMs: 60 * 60_000, force: true })).toMatchObject({ action: 'rollback', revision: 2 });
    expect(decidePendingRecovery([rev(1, 'pending-install', '2026-02-25T11:00:00Z')], { now, minAgeMs: 0, force: false })).toMatchObject({ action: 'uninstall' });
    expect(decidePendingRecovery(history.slice(0, 2), { now, minAgeMs: 0, force: true })).toEqual({ action: 'none' });
  });
});

describe('adoption', () => {
  const tagged = (arn: string) => ({ arn, tags: {} });
  it('imports what exists by tag and is missing from state, by ARN or name; two candidates are an error', () => {
    const entries = [{ address: 'aws_eks_cluster.main', resourceType: 'eks:cluster', importId: 'name' as const }, { address: 'aws_s3_bucket.logs', resourceType: 's3:bucket', importId: 'name' as const }, { address: 'aws_lb.x', resourceType: 'elasticloadbalancing:loadbalancer', importId: 'arn' as const }];
    const found = new Map([['eks:cluster', [tagged('arn:aws:eks:us-east-1:111111111111:cluster/pr-7')]], ['s3:bucket', [tagged('arn:aws:s3:::pr-7-logs')]], ['elasticloadbalancing:loadbalancer', []]]);
    const blocks = planImports(entries, new Set(['aws_s3_bucket.logs']), found);
    expect(blocks).toEqual([{ address: 'aws_eks_cluster.main', id: 'pr-7' }]);
    expect(renderImports(blocks)).toContain('import {\n  to = aws_eks_cluster.main\n  id = "pr-7"\n}');
    expect(importIdOf('arn:aws:s3:::pr-7-logs', 'name')).toBe('pr-7-logs');
    expect(() => planImports(entries.slice(0, 1), new Set(), new Map([['eks:cluster', [tagged('arn:aws:eks:r:1:cluster/a'), tagged('arn:aws:eks:r:1:cluster/b')]]]))).toThrow(/2 eks:cluster resources/);
  });
});

describe('the generated values layers', () => {
  it('clear the earlier hosts, then set host, tenant, secret prefix, IRSA role, pull secret and the backend envFrom', () => {
    const id = resolveIdentity('pr-7', 'feat', { domain: 'jetscale.ai', suffix: 'unstable' });
    expect(CLEAR_HOSTS_YAML).toContain('hosts: null');
    expect(runtimeOverrides({ id, account: '111111111111', registrySecret: 'reg' })).toMatchObject({
      global: { client_name: 'pr-7', env: 'ephemeral' },
      externalSecret: { awsSecretPrefix: 'pr-7-ephemeral', irsaRoleArn: 'arn:aws:iam::111111111111:role/pr-7-ephemeral-external-secrets-role', app: { enabled: false } },
      'backend-api': { imagePullSecrets: [{ name: 'reg' }], envFrom: { 'db-secret': 'secretRef', config: 'configMapRef' } },
      frontend: { env: { VITE_API_BASE_URL: 'https://pr-7-feat-unstable.jetscale.ai' } },
      ingress: { hosts: { 'pr-7-feat-unstable.jetscale.ai': {} }, annotations: { 'external-dns.alpha.kubernetes.io/hostname': 'pr-7-feat-unstable.jetscale.ai' } },
    });
  });
});

describe('the client secret contract', () => {
  it('names missing keys, never values; the default payload satisfies it', () => {
    expect(payloadProblems('{"JETSCALE_CLIENT_AWS_REGION":"x"}')).toEqual(['missing key(s) JETSCALE_CLIENT_AWS_ROLE_ARN, JETSCALE_CLIENT_AWS_ROLE_EXTERNAL_ID']);
    expect(payloadProblems('not json')).toEqual(['the value is not JSON']);
    expect(payloadProblems('[1]')).toEqual(['the value is not a JSON object']);
    expect(payloadProblems(defaultClientSecret('pr-7', '111111111111', 'us-east-1'))).toEqual([]);
  });
});

describe('the summary', () => {
  it('is truthful on failure and counts retries', () => {
    const steps = [{ name: 'terraform', status: 'ok' as const, durationMs: 1500, attempts: 3 }, { name: 'health', status: 'failed' as const, durationMs: 900, attempts: 1, error: 'gate | failed' }];
    const md = renderSummary({ envId: 'pr-7', url: 'https://h/', host: 'h', branch: 'b', dryRun: false, steps, results: {}, error: 'health gate failed' });
    expect(retriesOf(steps)).toBe(2);
    expect(md).toContain('### ❌ pr-7: failed');
    expect(md).toContain('| health | failed | 0.9 s | 0 | gate \\| failed |');
    expect(md).toContain('Total 2.4 s, 2 retries.');
  });
});
