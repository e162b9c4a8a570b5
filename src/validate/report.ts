// The validate:envs report: one model (per-environment checks and findings) rendered as a table, a findings
// list, JSON, JUnit and a GitHub step summary.
import type { Finding, Severity } from '../core/finding.js';
import { toLocation } from '../core/finding.js';
import { findingsTable } from '../core/github.js';
import type { JUnitCase } from '../core/junit.js';
import { matchAllows, unusedAllows, type AllowComment, type AllowedFindings } from '../policy/allow-comments.js';

export const CHECKS = ['yaml', 'schema', 'policy', 'render'] as const;
export type Check = (typeof CHECKS)[number];
export type CheckState = 'ok' | 'error' | 'warning' | 'skipped';

export interface EnvReport {
  id: string;
  file: string;
  layers: string[];
  checks: Record<Check, CheckState>;
  findings: Finding[];
}

export interface ValidateReport {
  cloud: string;
  environments: EnvReport[];
  /** Chart-level and layout findings that belong to no single environment. */
  general: Finding[];
  renderSkipped?: string;
  /** Subcharts that were stand-ins (their Chart.yaml says so) when rendering: a green render proves less. */
  renderedWithStandIns?: string[];
  /** Findings silenced by `# jetscale:allow <rule> <reason>`, per allow comment (audited, never hidden). */
  allowed?: AllowedFindings[];
}

/** Which check a rule belongs to. */
export function checkOf(rule: string): Check {
  if (rule.startsWith('yaml/')) return 'yaml';
  if (rule.startsWith('schema') || rule.startsWith('values/')) return 'schema';
  if (rule.startsWith('render/')) return 'render';
  return 'policy';
}

/** ok / warning / error from the findings of one check. */
export function stateOf(findings: readonly Finding[]): CheckState {
  if (findings.some((f) => f.severity === 'error')) return 'error';
  return findings.some((f) => f.severity === 'warning') ? 'warning' : 'ok';
}

/** Every finding of the run, general first; a finding in a shared layer is listed once with all its environments. */
export function allFindings(report: ValidateReport): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const f of [...report.general, ...report.environments.flatMap((e) => e.findings)]) {
    const key = `${f.rule}|${toLocation(f)}|${f.message}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { ...f });
    else if (f.env && seen.env && !seen.env.split(', ').includes(f.env)) seen.env = `${seen.env}, ${f.env}`;
  }
  return [...byKey.values()];
}

export function count(findings: readonly Finding[], severity: Severity): number {
  return findings.filter((f) => f.severity === severity).length;
}

/** The report with the findings each allow covers moved to `allowed` (check states recomputed) and a warning per
 * allow that silenced nothing; `layers` (every layer of every environment, in scope or not) tells which rules ran on a file. */
export function applyAllows(report: ValidateReport, allows: readonly AllowComment[], layers: ReadonlySet<string>): ValidateReport {
  if (allows.length === 0) return report;
  const silenced = new Map<AllowComment, Finding[]>();
  const keep = (findings: readonly Finding[]) => {
    const m = matchAllows(findings, allows);
    for (const [a, fs] of m.silenced) silenced.set(a, [...(silenced.get(a) ?? []), ...fs]);
    return m.kept;
  };
  const environments = report.environments.map((e) => {
    const findings = keep(e.findings);
    const checks = { ...e.checks };
    for (const c of CHECKS) if (checks[c] === 'error' || checks[c] === 'warning') checks[c] = stateOf(findings.filter((f) => checkOf(f.rule) === c));
    return { ...e, findings, checks };
  });
  const general = keep(report.general);
  // Only the secret scan reads files that are no layer; on a layer, a rule ran if an environment using it ran its check.
  const judged = (a: AllowComment) => a.rule.startsWith('secrets/') || !layers.has(a.file) || report.environments.some((e) => e.layers.includes(a.file) && e.checks[checkOf(a.rule)] !== 'skipped');
  const remaining = [...general, ...environments.flatMap((e) => e.findings)];
  const allowed = [...silenced]
    .map(([{ standalone: _, ...a }, fs]) => ({ ...a, findings: allFindings({ ...report, environments: [], general: fs }).map(({ hint: _h, ...f }) => f) }))
    .sort((x, y) => x.file.localeCompare(y.file) || x.line - y.line || x.col - y.col);
  return { ...report, environments, general: [...general, ...unusedAllows(allows, silenced, remaining, judged)], allowed };
}

/** One block per allow: rule, location, reason, and what it silenced. */
export function formatAllowed(a: AllowedFindings): string {
  const envs = [...new Set(a.findings.flatMap((f) => (f.env ? f.env.split(', ') : [])))];
  const head = [`allowed [${a.rule}]`, toLocation(a), envs.length ? `(${envs.join(', ')})` : ''].filter(Boolean).join(' ');
  return [head, `  reason: ${a.reason}`, ...a.findings.map((f) => `  silenced ${f.severity}: ${f.message.split('\n')[0]}`)].join('\n');
}

/** The environment × check table. */
export function formatTable(report: ValidateReport, paint: (state: CheckState, text: string) => string): string {
  const width = Math.max(11, ...report.environments.map((e) => e.id.length)) + 2;
  const head = 'environment'.padEnd(width) + CHECKS.map((c) => c.padEnd(9)).join('');
  // Renders against stand-in subcharts are marked, so a green column does not claim more than it proved.
  const mark = (c: Check, state: CheckState) => (c === 'render' && report.renderedWithStandIns?.length && state !== 'skipped' ? `${state}*` : state);
  const rows = report.environments.map((e) => e.id.padEnd(width) + CHECKS.map((c) => paint(e.checks[c], mark(c, e.checks[c]).padEnd(9))).join(''));
  const note = report.renderedWithStandIns?.length ? [`* rendered with stand-in subcharts (${report.renderedWithStandIns.join(', ')}), not the published ones`] : [];
  return [head, ...rows, ...note].join('\n');
}

/** One block per finding: severity, rule, location, environment, message, fix. */
export function formatFinding(f: Finding): string {
  const where = toLocation(f);
  const head = [`${f.severity} [${f.rule}]`, where, f.env ? `(${f.env})` : ''].filter(Boolean).join(' ');
  return [head, ...f.message.split('\n').map((l) => `  ${l}`), ...(f.hint ? [`  fix: ${f.hint}`] : [])].join('\n');
}

/** JUnit cases: one per environment and check, plus one for the chart-level checks. */
export function toJUnitCases(report: ValidateReport): JUnitCase[] {
  const cases: JUnitCase[] = [{ classname: `validate:envs.${report.cloud}`, name: 'chart', failures: report.general }];
  for (const e of report.environments) {
    for (const c of CHECKS) {
      const skipped = e.checks[c] === 'skipped' ? (c === 'render' ? (report.renderSkipped ?? 'skipped') : 'not run: a values layer or the values schema could not be read') : undefined;
      cases.push({ classname: `validate:envs.${report.cloud}.${e.id}`, name: c, failures: e.findings.filter((f) => checkOf(f.rule) === c), ...(skipped ? { skipped } : {}) });
    }
  }
  return cases;
}

/** The Markdown step summary. */
export function toMarkdown(report: ValidateReport): string {
  const findings = allFindings(report);
  const table = ['| environment | ' + CHECKS.join(' | ') + ' |', '|---|' + CHECKS.map(() => '---|').join(''), ...report.environments.map((e) => `| ${e.id} | ${CHECKS.map((c) => e.checks[c]).join(' | ')} |`)];
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const allowed = report.allowed?.length
    ? ['', `#### Allowed by \`jetscale:allow\` (${report.allowed.length})`, '', '| rule | location | reason | silenced |', '|---|---|---|---|', ...report.allowed.map((a) => `| ${cell(a.rule)} | ${cell(toLocation(a))} | ${cell(a.reason)} | ${cell(a.findings.map((f) => `${f.severity}: ${f.message}`).join('; '))} |`)]
    : [];
  return [`### validate:envs ${report.cloud}: ${count(findings, 'error')} error(s), ${count(findings, 'warning')} warning(s)`, '', ...table, '', findings.length ? findingsTable(findings) : 'No findings.', ...allowed, ''].join('\n');
}
