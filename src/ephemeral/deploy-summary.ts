// The deploy's summary: the URL, each step with its status, duration and retries, and what failed. One model for
// --json (the task's data) and the GitHub step summary (Markdown). Pure.
import type { StepOutcome } from '../core/steps.js';
import type { StepResults } from './deploy-steps.js';

/** What a deploy run reports. */
export interface DeployReport {
  envId: string;
  url: string;
  host: string;
  branch: string;
  dryRun: boolean;
  steps: StepOutcome[];
  results: StepResults;
  /** Set when the run failed. */
  error?: string;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Retries the run took (attempts beyond the first, over all steps). */
export function retriesOf(steps: readonly StepOutcome[]): number {
  return steps.reduce((n, s) => n + Math.max(0, s.attempts - 1), 0);
}

/** The step summary in Markdown: truthful on failure (no "Ready" heading when it is not). */
export function renderSummary(r: DeployReport): string {
  const icon = r.error ? '❌' : r.dryRun ? '📝' : '✅';
  const state = r.error ? 'failed' : r.dryRun ? 'dry run (nothing changed)' : 'deployed and reachable';
  const rows = r.steps.map((s) => `| ${s.name} | ${s.status} | ${seconds(s.durationMs)} | ${Math.max(0, s.attempts - 1)} | ${cell(s.error ?? '')} |`);
  return [
    `### ${icon} ${r.envId}: ${state}`,
    '',
    `URL: ${r.url} (branch \`${cell(r.branch)}\`)`,
    '',
    '| step | status | duration | retries | error |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    `Total ${seconds(r.steps.reduce((n, s) => n + s.durationMs, 0))}, ${retriesOf(r.steps)} retr${retriesOf(r.steps) === 1 ? 'y' : 'ies'}.`,
    ...(r.error ? ['', '```', r.error, '```'] : []),
    '',
  ].join('\n');
}
