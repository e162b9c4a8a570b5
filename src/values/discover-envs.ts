// Find the cloud layers and environments under envs/ (stack-magefile.md §4 step 8, with the
// predecessor's `default.yml` bug fixed and nothing executed). Layering per stack-chart-envs.md §6:
// chart values.yaml → envs/<cloud>.yaml → envs/<type>/default.yaml → envs/<type>/<name>.yaml.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../core/finding.js';

/** One environment file and the type default that layers under it. */
export interface EnvFile {
  /** Path under envs/ without extension, e.g. `prod/console`. */
  id: string;
  /** Directory under envs/, e.g. `prod`. */
  type: string;
  /** Repo-relative posix path, e.g. `envs/prod/console.yaml`. */
  file: string;
  /** Repo-relative `default.yaml` (or `default.yml`) in the same directory. */
  defaultFile?: string;
}

/** What envs/ holds. */
export interface EnvLayout {
  /** Repo-relative envs directory, e.g. `envs`. */
  dir: string;
  /** Cloud names from top-level `*.yaml` files, sorted. */
  clouds: string[];
  envs: EnvFile[];
  findings: Finding[];
}

const CLOUD_NAME = /^[a-z0-9][a-z0-9-]*$/;
const YAML_EXT = /\.ya?ml$/;
/** Environment and type names become release, namespace and host parts: one DNS label each. */
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** Files that may sit in envs/ without being values: documentation and the placeholder git needs for empty folders. */
const NOT_VALUES = new Set(['README.md', '.gitkeep']);

/** One walked path under envs/ (for the pure `classify`). */
export interface EnvEntry {
  rel: string[]; // path segments under envs/
  isDir: boolean;
}

/** Walk `envsDir` (lexical byte order, symlinked dirs not followed); `repoRoot` makes paths repo-relative. */
export async function discoverEnvironments(envsDir: string, repoRoot = path.dirname(envsDir)): Promise<EnvLayout> {
  const dir = toPosix(path.relative(repoRoot, envsDir)) || '.';
  const findings: Finding[] = [];
  const entries: EnvEntry[] = [];
  try {
    await walk(envsDir, [], entries, findings, dir);
  } catch (err) {
    findings.push({ rule: 'layout', severity: 'error', file: dir, message: `cannot read environments directory: ${(err as Error).message}` });
    return { dir, clouds: [], envs: [], findings };
  }
  return { dir, ...classify(entries, dir, findings), findings };
}

/** Pure part of discovery: turn walked entries into clouds and environments. */
export function classify(entries: readonly EnvEntry[], dir: string, findings: Finding[]): Pick<EnvLayout, 'clouds' | 'envs'> {
  const rel = (segs: string[]): string => [dir, ...segs].join('/');
  const files = new Set(entries.filter((e) => !e.isDir).map((e) => e.rel.join('/')));
  const clouds: string[] = [];
  const envs: EnvFile[] = [];
  for (const e of entries) {
    const name = e.rel[e.rel.length - 1] ?? '';
    if (e.isDir) {
      if (e.rel.length === 1 && !DNS_LABEL.test(name)) findings.push(badName(rel(e.rel), 'type folder', name, dir));
      continue;
    }
    if (!YAML_EXT.test(name)) {
      if (!NOT_VALUES.has(name)) findings.push(strayFile(rel(e.rel), name, e.rel.length === 1));
      continue;
    }
    if (e.rel.length === 1) {
      const cloud = name.replace(YAML_EXT, '');
      if (name.endsWith('.yaml') && CLOUD_NAME.test(cloud)) clouds.push(cloud);
      else findings.push({ rule: 'layout', severity: 'warning', file: rel(e.rel), message: `top-level file ${name} is not a cloud layer (expected <cloud>.yaml with a name matching ${CLOUD_NAME.source}); ignored` });
      continue;
    }
    const base = name.replace(YAML_EXT, '');
    if (base === 'default') continue;
    const typeSegs = e.rel.slice(0, -1);
    const typeDir = typeSegs.join('/');
    if (typeSegs.length > 1) {
      // An error, not a warning: the file would get no type default and fall out of the preview/live parity group.
      findings.push({ rule: 'layout', severity: 'error', file: rel(e.rel), message: `environment nested ${typeSegs.length} levels deep; expected ${dir}/<type>/<name>.yaml`, hint: `move it to ${dir}/${typeSegs[0]}/<name>.yaml` });
    }
    // Still checked under its name: reporting it beats dropping it.
    if (!DNS_LABEL.test(base)) findings.push(badName(rel(e.rel), 'environment file name', base, dir));
    const env: EnvFile = { id: `${typeDir}/${base}`, type: typeDir, file: rel(e.rel) };
    const twin = envs.find((x) => x.id === env.id);
    if (twin) {
      findings.push({ rule: 'layout', severity: 'error', file: env.file, message: `${env.file} and ${twin.file} are both environment ${env.id}`, hint: 'keep one of the two files' });
      continue;
    }
    const yaml = files.has(`${typeDir}/default.yaml`);
    const yml = files.has(`${typeDir}/default.yml`);
    if (yaml) env.defaultFile = rel([...typeSegs, 'default.yaml']);
    else if (yml) env.defaultFile = rel([...typeSegs, 'default.yml']);
    envs.push(env);
  }
  for (const e of entries) {
    if (e.isDir && files.has(`${e.rel.join('/')}/default.yaml`) && files.has(`${e.rel.join('/')}/default.yml`)) {
      findings.push({ rule: 'layout', severity: 'error', file: rel([...e.rel, 'default.yml']), message: `both default.yaml and default.yml exist in ${rel(e.rel)}; only default.yaml is used`, hint: 'Merge them into default.yaml and delete default.yml.' });
    }
  }
  if (envs.length === 0) findings.push({ rule: 'layout', severity: 'error', file: dir, message: `no environment files found under ${dir}/<type>/` });
  return { clouds: clouds.sort(), envs };
}

function badName(file: string, what: string, name: string, dir: string): Finding {
  return { rule: 'layout', severity: 'error', file, message: `${what} ${JSON.stringify(name)} is not a DNS label (lowercase a-z, 0-9 and -, at most 63 characters): it names releases, secrets and hosts, and type folders are matched against publicEnvTypes`, hint: `rename it in ${dir}/ to lowercase letters, digits and dashes` };
}

/** A file discovery does not read: never dropped without a word. */
function strayFile(file: string, name: string, topLevel: boolean): Finding {
  const yamlish = /\.ya?ml$/i.test(name);
  const expected = topLevel ? 'the top level holds <cloud>.yaml files and README.md only' : 'a type folder holds <name>.yaml / <name>.yml environments and default.yaml only';
  return {
    rule: 'layout', severity: 'warning', file,
    message: `${JSON.stringify(name)} is not checked: ${expected}`,
    hint: yamlish ? `rename it to ${name.replace(/\.ya?ml$/i, (ext) => ext.toLowerCase())} if it is ${topLevel ? 'a cloud layer' : 'an environment'}, else move it out of the envs directory` : 'move it out of the envs directory (or delete it)',
  };
}

/** Error findings for an invalid or unknown cloud name (checked before anything else runs). */
export function checkCloud(cloud: string, layout: Pick<EnvLayout, 'dir' | 'clouds'>): Finding[] {
  const known = layout.clouds.length > 0 ? layout.clouds.join(', ') : 'none';
  if (!CLOUD_NAME.test(cloud)) {
    return [{ rule: 'layout', severity: 'error', message: `invalid cloud name ${JSON.stringify(cloud)}: must match ${CLOUD_NAME.source}`, hint: `Use one of: ${known}.` }];
  }
  if (!layout.clouds.includes(cloud)) {
    return [{ rule: 'layout', severity: 'error', file: `${layout.dir}/${cloud}.yaml`, message: `cloud values file not found: ${layout.dir}/${cloud}.yaml`, hint: `Create it or use one of: ${known}.` }];
  }
  return [];
}

/** Ordered values files for one environment: [chart values.yaml, envs/<cloud>.yaml, default?, env]. */
export function layersFor(env: EnvFile, cloud: string, chartValuesFile: string, envsDir = 'envs'): string[] {
  if (!CLOUD_NAME.test(cloud)) throw new Error(`invalid cloud name ${JSON.stringify(cloud)}`);
  return [chartValuesFile, `${envsDir}/${cloud}.yaml`, ...(env.defaultFile ? [env.defaultFile] : []), env.file];
}

async function walk(abs: string, rel: string[], out: EnvEntry[], findings: Finding[], dir: string): Promise<void> {
  const dirents = await readdir(abs, { withFileTypes: true });
  const names = dirents.map((d) => d.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const d = dirents.find((x) => x.name === name);
    const childAbs = path.join(abs, name);
    const childRel = [...rel, name];
    let isDir = d?.isDirectory() ?? false;
    if (d?.isSymbolicLink()) {
      const target = await stat(childAbs).catch(() => null);
      if (target?.isDirectory()) {
        findings.push({ rule: 'layout', severity: 'warning', file: [dir, ...childRel].join('/'), message: 'symlinked directory not followed' });
        continue;
      }
      isDir = false;
      if (!target?.isFile()) {
        findings.push({ rule: 'layout', severity: 'warning', file: [dir, ...childRel].join('/'), message: 'symlink to no regular file; not checked', hint: 'fix or delete the link' });
        continue;
      }
    }
    out.push({ rel: childRel, isDir });
    if (isDir) await walk(childAbs, childRel, out, findings, dir);
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
