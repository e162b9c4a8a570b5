// Renders a destroy report: a terminal table (one row per resource) and the Markdown step summary.
import type { DestroyReport } from './destroy.js';
import type { PlanResource } from './resources.js';

/** One row per resource: type, name, action (signals), what happened or why not. */
export interface ReportRow {
  type: string;
  name: string;
  action: string;
  result: string;
}

/** The rows of a report, in plan order. */
export function reportRows(r: DestroyReport): ReportRow[] {
  const outcomes = new Map(r.outcomes.map((o) => [o.id, o] as const));
  const residue = new Map((r.residue ?? []).map((x) => [x.id, x] as const));
  const rows = r.plan.resources.map((p): ReportRow => {
    const o = outcomes.get(p.id);
    const left = residue.get(p.id);
    const planned = r.plan.blocked[p.id] ? `blocked: ${r.plan.blocked[p.id]}` : p.action === 'delete' ? (r.mode === 'plan' ? 'would delete' : 'not deleted') : p.reason;
    const happened = o ? `${o.result}${o.reason ? `: ${o.reason}` : ''}` : planned;
    return { type: p.type, name: p.name, action: actionText(p), result: left ? `${happened} — left: ${left.why}` : happened };
  });
  // Residue that appeared after the plan (not a plan row) still gets a row.
  for (const x of r.residue ?? []) if (!r.plan.resources.some((p) => p.id === x.id)) rows.push({ type: x.type, name: x.name, action: '-', result: `left: ${x.why}` });
  return rows;
}

function actionText(p: PlanResource): string {
  return p.signals.length ? `${p.action} (${p.signals.join('+')})` : p.action;
}

/** A plain-text table for the terminal. */
export function renderTable(r: DestroyReport): string {
  const rows = reportRows(r);
  const head = `${r.env}: ${headline(r)}`;
  if (!rows.length) return `${head}\n  nothing found`;
  const cols: Array<keyof ReportRow> = ['type', 'name', 'action', 'result'];
  const width = Object.fromEntries(cols.map((c) => [c, Math.max(c.length, ...rows.map((x) => x[c].length))])) as Record<keyof ReportRow, number>;
  const line = (x: Record<keyof ReportRow, string>) => `  ${cols.map((c, i) => (i === cols.length - 1 ? x[c] : x[c].padEnd(width[c]))).join('  ')}`.trimEnd();
  return [head, line({ type: 'TYPE', name: 'NAME', action: 'ACTION', result: 'RESULT' }), ...rows.map(line)].join('\n');
}

/** The one-line verdict of a run. */
export function headline(r: DestroyReport): string {
  const del = r.plan.resources.filter((p) => p.action === 'delete').length;
  if (r.refused) return `apply refused, nothing deleted: ${r.refused}`;
  if (r.mode === 'plan') return `plan: ${del} to delete, ${r.plan.resources.length - del} kept (dry run; --apply deletes)`;
  if (r.mode === 'dry-run') return `dry run: ${r.outcomes.filter((o) => o.result === 'would-delete').length} delete(s) recorded, none sent`;
  const deleted = r.outcomes.filter((o) => o.result === 'deleted' || o.result === 'already-gone' || o.result === 'scheduled').length;
  return r.residue?.length ? `${deleted} deleted, ${r.residue.length} left (exit 6)` : `${deleted} deleted, clean`;
}

/** The Markdown step summary: verdict, resource table, terraform line. */
export function renderMarkdown(r: DestroyReport): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = reportRows(r).map((x) => `| ${cell(x.type)} | ${cell(x.name)} | ${cell(x.action)} | ${cell(x.result)} |`);
  return [
    `### ephemeral:destroy ${r.env}: ${cell(headline(r))}`,
    '',
    `terraform: ${r.terraform.ran ? `${r.terraform.ok ? 'ok' : 'failed'} (${cell(r.terraform.detail ?? '')})` : `skipped (${cell(r.terraform.why)})`}`,
    '',
    ...(rows.length ? ['| type | name | action | result |', '|---|---|---|---|', ...rows] : ['nothing found']),
    '',
  ].join('\n');
}
