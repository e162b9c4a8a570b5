// `helm lint` accepts the chart with each local/test values variant, and those variants stay local-only.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helmTemplate, parseManifests, runHelm } from '../support/helm/helm-cli.js';
import { chartDir, helmOrSkipReason } from './paths.js';

const helm = helmOrSkipReason();
const variant = (name: string): string => join(chartDir, name);

const VARIANTS: Array<[string, string[]]> = [
  ['local dev (Tilt)', [variant('values.local.dev.yaml')]],
  ['test base', [variant('values.test.yaml')]],
  ['test local-kind', [variant('values.test.yaml'), variant('values.test.local.yaml')]],
  ['test ci-kind', [variant('values.test.yaml'), variant('values.test.ci.yaml')]],
];

describe.skipIf(!helm)('chart values variants', () => {
  it.each(VARIANTS)('helm lint passes: %s', async (_name, files) => {
    const run = await runHelm(helm, ['lint', chartDir, ...files.flatMap((f) => ['-f', f])]);
    expect(run.stdout + run.stderr).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
    expect(run.exitCode).toBe(0);
  });

  it.each(VARIANTS)('%s runs self-contained: in-cluster datastores and placeholder secrets, no ESO, no ingress', async (_name, files) => {
    const run = await helmTemplate(helm, chartDir, files, 'any-release');
    expect(run.exitCode, run.stderr).toBe(0);
    const manifests = parseManifests(run.stdout);
    const kinds = (kind: string): string[] => manifests.filter((m) => m.kind === kind).map((m) => m.metadata.name).sort();
    expect(kinds('ExternalSecret')).toEqual([]);
    expect(kinds('Ingress')).toEqual([]);
    expect(kinds('StatefulSet')).toEqual(['any-release-postgres', 'any-release-redis']);
    // Every secret the backend's envFrom names exists, whatever the release is called.
    expect(kinds('Secret')).toEqual(
      ['app-secrets', 'aws-client-secret', 'common-secrets', 'db-secret', 'redis-secret'].map((s) => `any-release-${s}`),
    );
    const db = manifests.find((m) => m.kind === 'Secret' && m.metadata.name === 'any-release-db-secret');
    expect((db?.stringData as Record<string, string>).JETSCALE_DB_HOST).toBe('any-release-postgres');
  });

  // helm lint downgrades template `fail` calls to INFO logs, so the guard is checked with template.
  it('helm template fails on the bare defaults: they have no ingress host', async () => {
    const run = await helmTemplate(helm, chartDir, []);
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toMatch(/ingress\.hosts is empty/);
  });
});
