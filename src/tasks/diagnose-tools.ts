// diagnose:tools — which tools jetscale finds, their versions, and what is missing (read-only).
import type { TaskRun } from '../runtime/task-spec.js';
import { JetscaleError } from '../core/errors.js';
import { TOOLS } from '../tools/tool-table.js';
import type { ToolName } from '../runtime/task-spec.js';

interface ToolRow {
  tool: ToolName;
  status: 'ok' | 'missing';
  version?: string;
  path?: string;
  via?: ToolName;
  problem?: string;
  hint?: string;
}

/** Probes every known tool in parallel and prints one row each. */
export const diagnoseTools: TaskRun = async (ctx) => {
  const names = Object.keys(TOOLS) as ToolName[];
  const rows = await Promise.all(
    names.map(async (name): Promise<ToolRow> => {
      try {
        const t = await ctx.tools.resolve(name);
        return { tool: name, status: 'ok', version: t.version, path: t.path, ...(t.actual !== name ? { via: t.actual } : {}) };
      } catch (error) {
        if (!(error instanceof JetscaleError) || ctx.signal.aborted) throw error;
        return { tool: name, status: 'missing', problem: error.message, hint: error.hint };
      }
    }),
  );
  const { c } = ctx.out;
  for (const r of rows) {
    const mark = r.status === 'ok' ? c.green('ok     ') : c.yellow('missing');
    const detail = r.status === 'ok' ? `${r.version}  ${r.path}${r.via ? `  (as ${r.via})` : ''}` : `${r.problem}\n           fix: ${r.hint}`;
    ctx.out.print(`${r.tool.padEnd(10)} ${mark} ${detail}`);
  }
  return { data: { tools: rows } };
};
