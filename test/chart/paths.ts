// Paths and the helm handle shared by the chart tests.
import { join } from 'node:path';
import { inject } from 'vitest';
import { repoRoot } from '../support/helm/repo-root.js';

// The umbrella chart under test.
export const chartDir = join(repoRoot, 'charts', 'jetscale');

// The environment values tree.
export const envsDir = join(repoRoot, 'envs');

// helm from globalSetup, or '' with the reason printed once per file, so helm tests skip visibly.
export function helmOrSkipReason(): string {
  const helm = inject('helmPath');
  if (!helm) console.warn(inject('helmUnavailableReason') || 'helm render tests skipped: helm unavailable');
  return helm;
}
