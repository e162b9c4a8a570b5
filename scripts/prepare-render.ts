// Makes charts/jetscale renderable offline: a helm binary plus stand-in subcharts in charts/jetscale/charts/.
// Run: node --import tsx scripts/prepare-render.ts   (CI: eval "$(... | grep ^JETSCALE_HELM=)" or append to $GITHUB_ENV)
import { delimiter, dirname, join } from 'node:path';
import { ensureHelm } from '../test/support/helm/ensure-helm.js';
import { repoRoot } from '../test/support/helm/repo-root.js';
import { vendorStandinSubcharts } from '../test/support/helm/vendor-subcharts.js';

// Progress goes to stderr so stdout carries only the JETSCALE_HELM=<path> and PATH=<…> lines.
const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

try {
  const helm = await ensureHelm(log);
  await vendorStandinSubcharts({ helm, chartDir: join(repoRoot, 'charts', 'jetscale'), log });
  // PATH too, so the manual `helm template` in envs/README.md works in the same shell after `export $(…)`.
  const path = [dirname(helm), ...(process.env.PATH ?? '').split(delimiter).filter((d) => d && d !== dirname(helm))].join(delimiter);
  process.stdout.write(`JETSCALE_HELM=${helm}\nPATH=${path}\n`);
} catch (error) {
  process.stderr.write(`prepare-render: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
