// Supply-chain invariants on Chart.yaml + Chart.lock (stack-chart-envs.md §9 I1.1, I1.2, I1.4–I1.6),
// checked offline: no `helm dependency update`, which rewrites the lock (a side effect, §8).
import type { Finding } from '../core/finding.js';
import type { ChartModel, Located, LockModel } from './chart-model.js';
import { computeLockDigest } from './lock-digest.js';

/** Inputs: parsed models and their repo-relative paths; `lock` null means Chart.lock is missing. */
export interface SupplyChainInput {
  chartFile: string;
  chart: ChartModel;
  lockFile: string;
  lock: LockModel | null;
  /** Link Mode (`file://` deps) is allowed for local debugging only. */
  allowLink: boolean;
  /** False when Chart.lock exists but did not parse (its findings are reported already). */
  lockMissing?: boolean;
}

const EXACT_SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const ALIAS = /^[a-zA-Z0-9_-]+$/; // Helm's validateDependency alias pattern
const UPDATE_HINT = 'Run `helm dependency update charts/jetscale` and commit the new Chart.lock.';

/** Every supply-chain finding for one chart (reports all, never stops at the first). */
export function checkSupplyChain(input: SupplyChainInput): Finding[] {
  return [...checkRepositories(input), ...checkVersions(input), ...checkAliases(input), ...checkLock(input)];
}

function at(file: string, loc: Located, field?: string): Pick<Finding, 'file' | 'line' | 'col'> {
  const line = (field !== undefined ? loc.fieldLines[field] : undefined) ?? loc.line;
  return line > 0 ? { file, line, ...(line === loc.line ? { col: loc.col } : {}) } : { file };
}

function checkRepositories({ chartFile, chart, allowLink }: SupplyChainInput): Finding[] {
  const out: Finding[] = [];
  for (const d of chart.dependencies) {
    const repo = d.repository ?? '';
    const where = at(chartFile, d, 'repository');
    const base = { rule: 'supply-chain/oci', ...where };
    if (repo.startsWith('oci://')) continue;
    if (repo.startsWith('file://')) {
      out.push(allowLink
        ? { ...base, severity: 'warning', message: `dependency ${d.name} uses Link Mode (${repo}); file:// references must never be committed to main`, hint: 'Point it back at oci://ghcr.io/jetscale-ai/charts before committing.' }
        : { ...base, severity: 'error', message: `dependency ${d.name} uses a file:// repository (Link Mode) outside local debugging: ${repo}`, hint: 'Use the published OCI chart (oci://ghcr.io/jetscale-ai/charts), or pass --allow-link while debugging locally.' });
      continue;
    }
    const kind = repo === '' ? 'no repository (a vendored chart)'
      : /^https?:\/\//.test(repo) ? `an HTTP(S) chart repository (${repo})`
      : repo.startsWith('@') || repo.startsWith('alias:') ? `a local repository alias (${repo})` : `an unsupported repository (${repo})`;
    out.push({ ...base, severity: 'error', message: `dependency ${d.name} uses ${kind}; every dependency must come from an oci:// registry`, hint: 'Set repository to oci://ghcr.io/jetscale-ai/charts.' });
  }
  return out;
}

function checkVersions({ chartFile, chart }: SupplyChainInput): Finding[] {
  return chart.dependencies
    .filter((d) => !EXACT_SEMVER.test(d.version ?? ''))
    .map((d): Finding => ({
      rule: 'supply-chain/exact-version', severity: 'error', ...at(chartFile, d, 'version'),
      message: d.version ? `dependency ${d.name} version ${JSON.stringify(d.version)} is not an exact SemVer pin (ranges are not allowed)` : `dependency ${d.name} has no version`,
      hint: 'Pin an exact quoted version, e.g. version: "4.6.12".',
    }));
}

function checkAliases({ chartFile, chart }: SupplyChainInput): Finding[] {
  const out: Finding[] = [];
  const seen = new Map<string, number>();
  const versionOf = new Map<string, { version: string; line: number }>();
  for (const d of chart.dependencies) {
    const effective = d.alias ?? d.name;
    if (d.alias !== undefined && !ALIAS.test(d.alias)) {
      out.push({ rule: 'supply-chain/alias', severity: 'error', ...at(chartFile, d, 'alias'), message: `alias ${JSON.stringify(d.alias)} must match ${ALIAS.source}`, hint: 'Use letters, digits, - and _ only.' });
    }
    const first = seen.get(effective);
    if (first !== undefined) {
      out.push({ rule: 'supply-chain/alias', severity: 'error', ...at(chartFile, d, 'alias'), message: `dependency name ${effective} is used twice (first at line ${first})`, hint: 'Give each instance of a chart a unique alias.' });
    } else seen.set(effective, d.line);
    const shared = versionOf.get(d.name);
    if (shared === undefined) versionOf.set(d.name, { version: d.version ?? '', line: d.line });
    else if (shared.version !== (d.version ?? '')) {
      out.push({ rule: 'supply-chain/alias', severity: 'error', ...at(chartFile, d, 'version'), message: `all aliases of chart ${d.name} must share a version: ${JSON.stringify(d.version ?? '')} here, ${JSON.stringify(shared.version)} at line ${shared.line}`, hint: `Set every ${d.name} dependency to the same version.` });
    }
  }
  return out;
}

function checkLock({ chartFile, chart, lockFile, lock, lockMissing }: SupplyChainInput): Finding[] {
  if (!lock) {
    if (lockMissing === false || chart.dependencies.length === 0) return [];
    return [{ rule: 'supply-chain/lock-missing', severity: 'error', file: lockFile, message: 'Chart.lock is missing; dependencies are not locked', hint: UPDATE_HINT }];
  }
  const out: Finding[] = [];
  const deps = chart.dependencies;
  if (deps.length !== lock.dependencies.length) {
    out.push({ rule: 'supply-chain/lock-entries', severity: 'error', file: lockFile, ...(lock.dependencies[0] ? { line: lock.dependencies[0].line } : {}), message: `Chart.lock has ${lock.dependencies.length} dependencies, Chart.yaml has ${deps.length}`, hint: UPDATE_HINT });
  }
  deps.forEach((d, i) => {
    const l = lock.dependencies[i];
    if (!l) return;
    const mismatch = (['name', 'repository', 'version'] as const).filter((k) =>
      k === 'version' ? EXACT_SEMVER.test(d.version ?? '') && l.version !== d.version : l[k] !== (d[k] ?? ''));
    for (const k of mismatch) {
      out.push({
        rule: 'supply-chain/lock-entries', severity: 'error', ...at(lockFile, l, k),
        message: `Chart.lock entry ${i + 1} ${k} is ${JSON.stringify(l[k])} but ${chartFile}:${d.fieldLines[k] ?? d.line} says ${JSON.stringify(d[k] ?? '')}`,
        hint: UPDATE_HINT,
      });
    }
  });
  const digest = computeLockDigest(deps, lock.dependencies);
  if (digest !== lock.digest) {
    out.push({
      rule: 'supply-chain/lock-digest', severity: 'error', file: lockFile, ...(lock.digestLine ? { line: lock.digestLine } : {}),
      message: `Chart.lock is out of sync with Chart.yaml: run \`helm dependency update charts/jetscale\` and commit the new Chart.lock (stored ${lock.digest}, computed ${digest})`,
      hint: UPDATE_HINT,
    });
  }
  return out;
}
