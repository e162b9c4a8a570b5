// Puts the stand-in subcharts into <chart>/charts/ through a real OCI registry, as `helm dependency build` would.
import { createHash } from 'node:crypto';
import { copyFile, cp, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { execa } from 'execa';
import { isMap, isSeq, parse, parseDocument } from 'yaml';
import { hasDockerRegistry, startOciRegistry } from './oci-registry.js';
import { makeHelmHome } from './helm-home.js';
import { repoRoot } from './repo-root.js';

// Where the stand-in charts live (one directory per dependency name).
export const STANDIN_CHARTS_DIR = join(repoRoot, 'test', 'support', 'standin-charts');

// How the subcharts reached charts/: pulled from the local registry, or packaged straight in.
export interface VendorResult {
  via: 'oci-registry' | 'direct';
  skipped?: boolean;
}

interface Dependency {
  name: string;
  version: string;
}

interface Stamp {
  fingerprint: string;
  via: VendorResult['via'];
  files: Record<string, string>;
}

// Vendors stand-ins for every Chart.yaml dependency; never touches the real Chart.yaml or Chart.lock.
export async function vendorStandinSubcharts(opts: {
  helm: string;
  chartDir: string;
  log?: (line: string) => void;
}): Promise<VendorResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const chartDir = resolve(opts.chartDir);
  const deps = await readDependencies(chartDir);
  const expected = [...new Set(deps.map((d) => `${d.name}-${d.version}.tgz`))].sort();
  const fingerprint = await fingerprintStandins(deps);
  const registryAvailable = await hasDockerRegistry();
  const stampPath = join(repoRoot, '.cache', 'vendor', `${sha256(chartDir).slice(0, 16)}.json`);

  const stamp = await readStamp(stampPath);
  if (stamp && stamp.fingerprint === fingerprint && (stamp.via === 'oci-registry' || !registryAvailable)) {
    if (await filesMatch(join(chartDir, 'charts'), stamp.files, expected)) {
      log(`subcharts: ${expected.join(', ')} already vendored (${stamp.via}) in ${relative(repoRoot, chartDir) || chartDir}`);
      return { via: stamp.via, skipped: true };
    }
  }

  const work = await mkdtemp(join(tmpdir(), 'jetscale-vendor-'));
  try {
    let via: VendorResult['via'];
    let built: string;
    if (registryAvailable) {
      built = await viaRegistry(opts.helm, chartDir, deps, work);
      via = 'oci-registry';
    } else {
      log('subcharts: /usr/bin/docker-registry not found; packaging stand-ins directly into charts/ (no registry round trip)');
      built = await viaDirectPackage(opts.helm, deps, work);
      via = 'direct';
    }
    const files = await installTarballs(built, join(chartDir, 'charts'), expected, deps);
    await mkdir(join(stampPath, '..'), { recursive: true });
    await writeFile(stampPath, JSON.stringify({ fingerprint, via, files } satisfies Stamp, null, 2));
    log(`subcharts: vendored ${expected.join(', ')} via ${via} into ${relative(repoRoot, chartDir) || chartDir}/charts`);
    return { via };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

// Reads name/version of each dependency; versions must be exact so a stand-in can match them.
async function readDependencies(chartDir: string): Promise<Dependency[]> {
  const chart = parse(await readFile(join(chartDir, 'Chart.yaml'), 'utf8')) as { dependencies?: unknown };
  if (!Array.isArray(chart.dependencies) || chart.dependencies.length === 0) {
    throw new Error(`${chartDir}/Chart.yaml declares no dependencies to vendor`);
  }
  return chart.dependencies.map((dep: { name?: unknown; version?: unknown }) => {
    if (typeof dep.name !== 'string' || typeof dep.version !== 'string') {
      throw new Error(`${chartDir}/Chart.yaml: every dependency needs a string name and version`);
    }
    return { name: dep.name, version: dep.version };
  });
}

// Hash of every stand-in file that a dependency uses, plus its expected version; changes re-vendor.
async function fingerprintStandins(deps: Dependency[]): Promise<string> {
  const hash = createHash('sha256');
  for (const dep of uniqueByName(deps)) {
    const dir = join(STANDIN_CHARTS_DIR, dep.name);
    const standin = parse(await readFile(join(dir, 'Chart.yaml'), 'utf8')) as { version?: unknown };
    if (String(standin.version) !== dep.version) {
      throw new Error(`stand-in ${dir} has version ${String(standin.version)}, Chart.yaml wants ${dep.version}`);
    }
    for (const file of await listFiles(dir)) {
      hash.update(`${dep.name}/${relative(dir, file)}\0`);
      hash.update(await readFile(file));
    }
  }
  return hash.digest('hex');
}

// Package → push to a local registry → `helm dependency update` on a copy pointed at it.
async function viaRegistry(helm: string, chartDir: string, deps: Dependency[], work: string): Promise<string> {
  const home = await makeHelmHome();
  const registry = await startOciRegistry();
  try {
    const env = home.env;
    const pkgDir = join(work, 'packages');
    await mkdir(pkgDir, { recursive: true });
    const repository = `oci://${registry.url}/jetscale-ai/charts`;
    for (const dep of uniqueByName(deps)) {
      await execa(helm, ['package', join(STANDIN_CHARTS_DIR, dep.name), '-d', pkgDir], { env });
      await execa(helm, ['push', join(pkgDir, `${dep.name}-${dep.version}.tgz`), repository, '--plain-http'], { env });
    }
    // A copy of the umbrella whose dependencies point at the local registry; the real files stay untouched.
    const copy = join(work, 'umbrella');
    await cp(chartDir, copy, { recursive: true, filter: (src) => relative(chartDir, src) !== 'charts' });
    await rewriteRepositories(join(copy, 'Chart.yaml'), repository);
    await rm(join(copy, 'Chart.lock'), { force: true });
    await execa(helm, ['dependency', 'update', copy, '--plain-http'], { env });
    return join(copy, 'charts');
  } finally {
    await registry.stop();
    await rm(home.dir, { recursive: true, force: true });
  }
}

// Fallback without a registry: `helm package` each stand-in straight into the output directory.
async function viaDirectPackage(helm: string, deps: Dependency[], work: string): Promise<string> {
  const out = join(work, 'charts');
  await mkdir(out, { recursive: true });
  for (const dep of uniqueByName(deps)) {
    await execa(helm, ['package', join(STANDIN_CHARTS_DIR, dep.name), '-d', out]);
  }
  return out;
}

// Sets every dependency's repository, keeping the rest of the document (order, comments) as is.
async function rewriteRepositories(chartYaml: string, repository: string): Promise<void> {
  const doc = parseDocument(await readFile(chartYaml, 'utf8'));
  const deps = doc.get('dependencies');
  if (!isSeq(deps)) throw new Error(`${chartYaml}: dependencies is not a list`);
  for (const item of deps.items) {
    if (isMap(item)) item.set('repository', repository);
  }
  await writeFile(chartYaml, doc.toString());
}

// Copies the expected tarballs in (temp file + rename) and removes other versions of the same charts.
async function installTarballs(
  from: string,
  chartsDir: string,
  expected: string[],
  deps: Dependency[],
): Promise<Record<string, string>> {
  await mkdir(chartsDir, { recursive: true });
  const names = new Set(deps.map((d) => d.name));
  for (const existing of await readdir(chartsDir)) {
    const stale = [...names].some((n) => existing.startsWith(`${n}-`) && existing.endsWith('.tgz'));
    if (stale && !expected.includes(existing)) await rm(join(chartsDir, existing), { force: true });
  }
  const files: Record<string, string> = {};
  for (const name of expected) {
    const source = join(from, name);
    const staging = join(chartsDir, `.${name}.${process.pid}.tmp`);
    await copyFile(source, staging);
    await rename(staging, join(chartsDir, name));
    files[name] = sha256(await readFile(join(chartsDir, name)));
  }
  return files;
}

async function filesMatch(chartsDir: string, files: Record<string, string>, expected: string[]): Promise<boolean> {
  for (const name of expected) {
    const want = files[name];
    if (!want) return false;
    try {
      if (sha256(await readFile(join(chartsDir, name))) !== want) return false;
    } catch {
      return false;
    }
  }
  return true;
}

async function readStamp(path: string): Promise<Stamp | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Stamp;
  } catch {
    return undefined;
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function uniqueByName(deps: Dependency[]): Dependency[] {
  return [...new Map(deps.map((d) => [d.name, d])).values()];
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
