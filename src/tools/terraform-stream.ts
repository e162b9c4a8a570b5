// Reads terraform's / OpenTofu's machine-readable UI stream (`-json`: one JSON object per line, `@level`,
// `@message`, `type`) into diagnostics, planned and applied changes, the change summary and outputs.
import * as z from 'zod';

/** One error or warning, with where it points in the configuration when terraform says so. */
export interface TfDiagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail?: string;
  file?: string;
  line?: number;
  column?: number;
  /** The resource address it is about (`module.eks.aws_eks_cluster.this`). */
  address?: string;
}

/** The `change_summary` line: counts of a plan, apply or destroy. */
export interface TfChangeSummary {
  add: number;
  change: number;
  remove: number;
  import: number;
  operation: 'plan' | 'apply' | 'destroy' | string;
}

/** What one -json run said. */
export interface TfRun {
  diagnostics: TfDiagnostic[];
  /** `planned_change` lines: resource address and action (create, update, delete, replace, …). */
  planned: Array<{ address: string; action: string }>;
  /** Resources whose apply completed (`apply_complete`), or failed (`apply_errored`). */
  applied: Array<{ address: string; action: string; ok: boolean }>;
  summary?: TfChangeSummary;
  /** Output names with their sensitivity, and the value when the run printed it (apply). */
  outputs: Record<string, { sensitive: boolean; value?: unknown }>;
}

const Resource = z.object({ addr: z.string() });
const Line = z.object({
  '@level': z.string(),
  '@message': z.string(),
  type: z.string().optional(),
  diagnostic: z
    .object({
      severity: z.string(),
      summary: z.string(),
      detail: z.string().optional(),
      address: z.string().optional(),
      range: z.object({ filename: z.string(), start: z.object({ line: z.number(), column: z.number() }) }).optional(),
    })
    .optional(),
  change: z.object({ resource: Resource, action: z.string() }).optional(),
  hook: z.object({ resource: Resource, action: z.string() }).optional(),
  changes: z.object({ add: z.number(), change: z.number(), remove: z.number(), import: z.number().optional(), operation: z.string() }).optional(),
  outputs: z.record(z.string(), z.object({ sensitive: z.boolean(), value: z.unknown().optional() })).optional(),
});

/** Parses every JSON line of `stdout`; plain-text lines (warnings printed before -json applies) are skipped. */
export function parseUiStream(stdout: string): TfRun {
  const run: TfRun = { diagnostics: [], planned: [], applied: [], outputs: {} };
  for (const raw of stdout.split('\n')) {
    if (!raw.startsWith('{')) continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      continue;
    }
    const parsed = Line.safeParse(json);
    if (parsed.success) addLine(run, parsed.data);
  }
  return run;
}

function addLine(run: TfRun, l: z.infer<typeof Line>): void {
  if (l.type === 'diagnostic' && l.diagnostic) return void run.diagnostics.push(toDiagnostic(l.diagnostic));
  if (l['@level'] === 'error' && l.type !== 'apply_errored') return void run.diagnostics.push({ severity: 'error', summary: l['@message'] });
  if (l.type === 'planned_change' && l.change) return void run.planned.push({ address: l.change.resource.addr, action: l.change.action });
  if ((l.type === 'apply_complete' || l.type === 'apply_errored') && l.hook) {
    return void run.applied.push({ address: l.hook.resource.addr, action: l.hook.action, ok: l.type === 'apply_complete' });
  }
  if (l.type === 'change_summary' && l.changes) return void (run.summary = { ...l.changes, import: l.changes.import ?? 0 });
  if (l.type === 'outputs' && l.outputs) run.outputs = l.outputs;
}

function toDiagnostic(d: NonNullable<z.infer<typeof Line>['diagnostic']>): TfDiagnostic {
  return {
    severity: d.severity === 'warning' ? 'warning' : 'error',
    summary: d.summary,
    ...(d.detail ? { detail: d.detail } : {}),
    ...(d.address ? { address: d.address } : {}),
    ...(d.range ? { file: d.range.filename, line: d.range.start.line, column: d.range.start.column } : {}),
  };
}

/** `Error: summary (main.tf:3:7): detail` lines for the errors of a failed run (the tail shown to the user). */
export function formatDiagnostics(diagnostics: readonly TfDiagnostic[]): string {
  return diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `Error: ${d.summary}${d.file ? ` (${d.file}:${d.line}:${d.column})` : ''}${d.detail ? `: ${d.detail}` : ''}`)
    .join('\n');
}
