// GitHub Actions workflow commands and the step summary (docs: "Workflow commands for GitHub Actions").
import { toLocation, type Finding } from './finding.js';

/** GitHub shows at most 10 error and 10 warning annotations per step; the rest are dropped silently. */
export const ANNOTATIONS_PER_LEVEL = 10;

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error file=…,line=…,col=…,title=…::message` for one finding. */
export function toAnnotation(f: Finding): string {
  const level = f.severity === 'info' ? 'notice' : f.severity;
  const props: string[] = [];
  if (f.file) props.push(`file=${escapeProperty(f.file)}`);
  if (f.line !== undefined) props.push(`line=${f.line}`);
  if (f.col !== undefined) props.push(`col=${f.col}`);
  props.push(`title=${escapeProperty(f.env ? `${f.rule} (${f.env})` : f.rule)}`);
  const text = f.hint ? `${f.message}\nfix: ${f.hint}` : f.message;
  return `::${level} ${props.join(',')}::${escapeData(text)}`;
}

/** Errors first, then warnings, each capped at 10, plus a line counting what did not fit. */
export function rankAnnotations(findings: readonly Finding[]): { lines: string[]; omitted: number } {
  const lines: string[] = [];
  let omitted = 0;
  for (const level of ['error', 'warning'] as const) {
    const these = findings.filter((f) => f.severity === level);
    // Findings with a file location are the useful ones in a PR diff: show them first.
    const ranked = [...these].sort((a, b) => Number(!a.file) - Number(!b.file) || toLocation(a).localeCompare(toLocation(b)));
    lines.push(...ranked.slice(0, ANNOTATIONS_PER_LEVEL).map(toAnnotation));
    omitted += Math.max(0, ranked.length - ANNOTATIONS_PER_LEVEL);
  }
  if (omitted > 0) lines.push(`::notice title=jetscale::${omitted} more finding(s) are listed in the step summary`);
  return { lines, omitted };
}

/** A Markdown table of findings for the step summary (cells escaped for pipes and newlines). */
export function findingsTable(findings: readonly Finding[]): string {
  const cell = (s: string | undefined) => (s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = findings.map((f) => `| ${f.severity} | ${cell(f.rule)} | ${cell(f.env)} | ${cell(toLocation(f))} | ${cell(f.message)} | ${cell(f.hint)} |`);
  return ['| severity | rule | env | location | message | fix |', '|---|---|---|---|---|---|', ...rows].join('\n');
}
