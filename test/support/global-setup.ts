// Vitest globalSetup (main process, once per run): a helm binary and vendored stand-in subcharts for render tests.
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureHelm } from './helm/ensure-helm.js';
import { repoRoot } from './helm/repo-root.js';
import { vendorStandinSubcharts } from './helm/vendor-subcharts.js';

declare module 'vitest' {
  // Values handed from this setup to the test workers via inject().
  export interface ProvidedContext {
    // Absolute path to helm, or '' when it could not be obtained.
    helmPath: string;
    // Why helm-backed tests skip; '' when helm is ready.
    helmUnavailableReason: string;
    // How the stand-in subcharts reached charts/jetscale/charts ('' when vendoring failed).
    subchartsVia: '' | 'oci-registry' | 'direct';
  }
}

// Never throws: tests that need helm skip with the printed reason; every other test runs normally.
export default async function setup(project: TestProject): Promise<void> {
  let helm = '';
  let reason = '';
  let via: '' | 'oci-registry' | 'direct' = '';
  try {
    helm = await ensureHelm();
    // Set before the workers fork, so they (and anything they spawn) inherit it.
    process.env.JETSCALE_HELM = helm;
    via = (await vendorStandinSubcharts({ helm, chartDir: join(repoRoot, 'charts', 'jetscale') })).via;
  } catch (error) {
    reason = `helm render tests skipped: ${(error as Error).message}`;
    helm = '';
    console.warn(reason);
  }
  project.provide('helmPath', helm);
  project.provide('helmUnavailableReason', reason);
  project.provide('subchartsVia', via);
}
