// Chart.yaml/Chart.lock agree with each other and with the reference digest (no helm needed).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { helmLockDigest, type ChartDependency } from './lock-digest.js';
import { chartDir } from './paths.js';

const REFERENCE_DIGEST = 'sha256:e72c7536f24bcb332de7e110870d444951aeac4d553df9e2eaa800c4ae49b898';

const chart = parse(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8')) as {
  apiVersion: string;
  name: string;
  version: string;
  appVersion: unknown;
  dependencies: ChartDependency[];
};
const lock = parse(readFileSync(join(chartDir, 'Chart.lock'), 'utf8')) as {
  dependencies: ChartDependency[];
  digest: string;
  generated: string;
};

describe('Chart.yaml', () => {
  it('is an apiVersion v2 application chart with the pinned OCI dependencies in order', () => {
    expect(chart.apiVersion).toBe('v2');
    expect(chart.name).toBe('jetscale');
    expect(chart.appVersion).toBe('0.1.0');
    expect(chart.dependencies).toEqual([
      { name: 'backend', alias: 'backend-api', version: '4.6.12', repository: 'oci://ghcr.io/jetscale-ai/charts', condition: 'backend-api.enabled' },
      { name: 'backend', alias: 'backend-ws', version: '4.6.12', repository: 'oci://ghcr.io/jetscale-ai/charts', condition: 'backend-ws.enabled' },
      { name: 'frontend', version: '2.7.1', repository: 'oci://ghcr.io/jetscale-ai/charts', condition: 'frontend.enabled' },
    ]);
  });

  it('quotes every dependency version (YAML 1.1 would coerce e.g. 1.10)', () => {
    const text = readFileSync(join(chartDir, 'Chart.yaml'), 'utf8');
    expect(text.match(/^\s+version: "[^"]+"$/gm)).toHaveLength(3);
  });
});

describe('Chart.lock', () => {
  it('mirrors Chart.yaml entry by entry (name, repository, version)', () => {
    expect(lock.dependencies).toEqual(
      chart.dependencies.map((d) => ({ name: d.name, repository: d.repository, version: d.version })),
    );
  });

  it('has the digest Helm computes, which is the reference test vector', () => {
    expect(helmLockDigest(chart.dependencies, lock.dependencies)).toBe(lock.digest);
    expect(lock.digest).toBe(REFERENCE_DIGEST);
  });

  it('detects drift: reordering or re-pinning a dependency changes the digest', () => {
    const reordered = [...chart.dependencies].reverse();
    expect(helmLockDigest(reordered, lock.dependencies)).not.toBe(REFERENCE_DIGEST);
    const repinned = chart.dependencies.map((d) => (d.name === 'frontend' ? { ...d, version: '2.7.2' } : d));
    expect(helmLockDigest(repinned, lock.dependencies)).not.toBe(REFERENCE_DIGEST);
  });

  it('escapes like Go encoding/json (a ">=" constraint hashes with \\u003e)', () => {
    const goBytes = '[[{"name":"a","version":"\\u003e=1.0.0","repository":"oci://x"}],[]]';
    const expected = `sha256:${createHash('sha256').update(goBytes).digest('hex')}`;
    expect(helmLockDigest([{ name: 'a', version: '>=1.0.0', repository: 'oci://x' }], [])).toBe(expected);
  });
});
