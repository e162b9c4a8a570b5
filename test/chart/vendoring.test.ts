// The stand-in subcharts reach charts/ through a real OCI registry, without touching Chart.yaml/Chart.lock.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { hasDockerRegistry, startOciRegistry } from '../support/helm/oci-registry.js';
import { vendorStandinSubcharts } from '../support/helm/vendor-subcharts.js';
import { chartDir, helmOrSkipReason } from './paths.js';

const helm = helmOrSkipReason();
const registryInstalled = await hasDockerRegistry();
const scratch = mkdtempSync(join(tmpdir(), 'jetscale-vendor-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.skipIf(!registryInstalled)('local OCI registry', () => {
  it('answers the distribution API on loopback and stops cleanly', async () => {
    const registry = await startOciRegistry();
    expect(registry.url).toMatch(/^127\.0\.0\.1:\d+$/);
    const response = await fetch(`http://${registry.url}/v2/`);
    expect(response.status).toBe(200);
    await registry.stop();
    await expect(fetch(`http://${registry.url}/v2/`, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
  });
});

describe.skipIf(!helm)('vendorStandinSubcharts', () => {
  it('globalSetup vendored the subcharts into charts/jetscale/charts via the registry', () => {
    expect(inject('subchartsVia')).toBe(registryInstalled ? 'oci-registry' : 'direct');
    expect(readdirSync(join(chartDir, 'charts')).filter((f) => f.endsWith('.tgz')).sort()).toEqual([
      'backend-4.6.12.tgz',
      'frontend-2.7.1.tgz',
    ]);
  });

  it.skipIf(!registryInstalled)('pulls through helm dependency update from a fresh registry into a copy of the chart', async () => {
    const copy = join(scratch, 'jetscale');
    cpSync(chartDir, copy, { recursive: true, filter: (src) => !src.startsWith(join(chartDir, 'charts')) });
    const chartYaml = readFileSync(join(copy, 'Chart.yaml'), 'utf8');
    const chartLock = readFileSync(join(copy, 'Chart.lock'), 'utf8');
    expect(existsSync(join(copy, 'charts'))).toBe(false);

    const lines: string[] = [];
    const result = await vendorStandinSubcharts({ helm, chartDir: copy, log: (l) => lines.push(l) });

    expect(result).toEqual({ via: 'oci-registry' });
    expect(lines.join('\n')).toMatch(/via oci-registry/);
    expect(readdirSync(join(copy, 'charts')).sort()).toEqual(['backend-4.6.12.tgz', 'frontend-2.7.1.tgz']);
    // The chart's own dependency files are never rewritten (the registry URL lives only in a temp copy).
    expect(readFileSync(join(copy, 'Chart.yaml'), 'utf8')).toBe(chartYaml);
    expect(readFileSync(join(copy, 'Chart.lock'), 'utf8')).toBe(chartLock);

    // Second call: nothing to do.
    const again = await vendorStandinSubcharts({ helm, chartDir: copy, log: () => undefined });
    expect(again).toEqual({ via: 'oci-registry', skipped: true });
  });
});
