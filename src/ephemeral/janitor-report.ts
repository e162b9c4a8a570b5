// Renders the janitor's report: env, PR state, age, resources, action, result — as a terminal table and Markdown.
import type { JanitorReport, JanitorRow } from './janitor.js';

const COLS = ['env', 'pr', 'age', 'resources', 'action', 'result'] as const;
type Cells = Record<(typeof COLS)[number], string>;

function cells(r: JanitorRow): Cells {
  const pr = r.pr.kind === 'unknown' ? 'unknown' : r.pr.kind === 'closed' ? `closed ${r.pr.closedAt.slice(0, 16).replace('T', ' ')}` : `open${r.pr.labels.length ? ` [${r.pr.labels.join(',')}]` : ''}`;
  return { env: r.env, pr, age: r.age ?? '?', resources: r.resources === undefined ? '-' : String(r.resources), action: r.action, result: r.action === 'kept' ? r.why : `${r.result} (${r.why})` };
}

/** One line per candidate environment plus a verdict line. */
export function renderJanitorTable(report: JanitorReport): string {
  const rows = report.rows.map(cells);
  const head = `janitor (${report.mode}): ${report.candidates} candidate(s), ${report.orphans} orphan(s)`;
  if (!rows.length) return `${head}\n  no preview environments found`;
  const width = Object.fromEntries(COLS.map((c) => [c, Math.max(c.length, ...rows.map((x) => x[c].length))])) as Record<(typeof COLS)[number], number>;
  const line = (x: Cells) => `  ${COLS.map((c, i) => (i === COLS.length - 1 ? x[c] : x[c].padEnd(width[c]))).join('  ')}`.trimEnd();
  const header = Object.fromEntries(COLS.map((c) => [c, c.toUpperCase()])) as Cells;
  return [head, line(header), ...rows.map(line)].join('\n');
}

/** The Markdown step summary. */
export function renderJanitorMarkdown(report: JanitorReport): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = report.rows.map(cells).map((x) => `| ${COLS.map((c) => cell(x[c])).join(' | ')} |`);
  return [
    `### ephemeral:janitor (${report.mode}): ${report.orphans} orphan(s) of ${report.candidates} environment(s)`,
    '',
    ...(rows.length ? [`| ${COLS.join(' | ')} |`, `|${COLS.map(() => '---').join('|')}|`, ...rows] : ['no preview environments found']),
    '',
  ].join('\n');
}
