// The subcharts the umbrella passes values to, as key models (from each vendored archive's values.schema.json or
// values.yaml), plus whether each is a stand-in (a chart whose Chart.yaml says so), for the report.
import { parse } from 'yaml';
import type { ChartModel } from '../chart/chart-model.js';
import { readSubchartFiles } from '../chart/subchart-files.js';
import { keysFromSchema, keysFromValues, type SubchartModel } from '../policy/subchart-keys.js';

export interface LoadedSubchart extends SubchartModel {
  /** The Chart.yaml marks it as a stand-in (annotation `jetscale.io/stand-in: "true"` or a description saying so). */
  standIn: boolean;
}

/** Every dependency that is vendored and readable; absent ones are skipped (the render check reports them). */
export async function loadSubcharts(chartDir: string, chart: ChartModel): Promise<LoadedSubchart[]> {
  const out: LoadedSubchart[] = [];
  for (const dep of chart.dependencies) {
    // An unpinned dependency cannot be matched to an archive (supply-chain/exact-version reports it).
    const version = dep.version;
    if (!version) continue;
    const files = await readSubchartFiles(chartDir, dep.name, version);
    if (!files) continue;
    const meta = safeParse(files.chartYaml) as { description?: unknown; annotations?: Record<string, unknown> } | undefined;
    const standIn = meta?.annotations?.['jetscale.io/stand-in'] === 'true' || (typeof meta?.description === 'string' && /stand-in/i.test(meta.description));
    const schema = files.schemaJson ? safeJson(files.schemaJson) : undefined;
    const key = dep.alias ?? dep.name;
    if (schema !== undefined) out.push({ key, name: dep.name, version, keys: keysFromSchema(schema), from: 'values.schema.json', standIn });
    else if (files.valuesYaml !== undefined) out.push({ key, name: dep.name, version, keys: keysFromValues(safeParse(files.valuesYaml) ?? {}), from: 'values.yaml', standIn });
  }
  return out;
}

function safeParse(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : parse(text);
  } catch {
    return undefined;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
