// The validate:envs report: one model (per-environment checks and findings) rendered as a table, a findings
// list, JSON, JUnit and a GitHub step summary.
import type { Finding, Severity } from '../core/finding.js';
import { toLocation } from '../core/finding.js';
import { findingsTable } from '../core/github.js';
import type { JUnitCase } from '../core/junit.js';

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

/** The environment × check table. */
export function formatTable(report: ValidateReport, paint: (state: CheckState, text: string) => string): string {
  const width = Math.max(11, ...report.environments.map((e) => e.id.length)) + 2;
  const head = 'environment'.padEnd(width) + CHECKS.map((c) => c.padEnd(9)).join('');
  const rows = report.environments.map((e) => e.id.padEnd(width) + CHECKS.map((c) => paint(e.checks[c], e.checks[c].padEnd(9))).join(''));
  return [head, ...rows].join('\n');
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
  return [`### validate:envs ${report.cloud}: ${count(findings, 'error')} error(s), ${count(findings, 'warning')} warning(s)`, '', ...table, '', findings.length ? findingsTable(findings) : 'No findings.', ''].join('\n');
}
