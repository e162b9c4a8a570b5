// Reads a vendored subchart (charts/<name>-<version>.tgz, or an unpacked charts/<name>/ directory) far enough to
// check the umbrella's values against it: its Chart.yaml, values.yaml and values.schema.json. Never throws: a
// subchart that cannot be read is simply absent (the render check reports missing subcharts).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface SubchartFiles {
  /** `charts/jetscale/charts/backend-4.6.12.tgz` or the directory, as found. */
  source: string;
  chartYaml?: string;
  valuesYaml?: string;
  schemaJson?: string;
}

const WANTED = ['Chart.yaml', 'values.yaml', 'values.schema.json'] as const;

/** The three files of subchart `name`@`version` under `<chartDir>/charts/`, from its archive or directory. */
export async function readSubchartFiles(chartDir: string, name: string, version: string): Promise<SubchartFiles | undefined> {
  const dir = join(chartDir, 'charts');
  const entries = await readdir(dir).catch(() => [] as string[]);
  const archive = entries.find((e) => e === `${name}-${version}.tgz`);
  if (archive) {
    const bytes = await readFile(join(dir, archive)).catch(() => undefined);
    const files = bytes ? readTgz(bytes, name) : undefined;
    return files ? { source: join(dir, archive), ...files } : undefined;
  }
  if (!entries.includes(name)) return undefined;
  const read = (f: string) => readFile(join(dir, name, f), 'utf8').catch(() => undefined);
  const [chartYaml, valuesYaml, schemaJson] = await Promise.all(WANTED.map(read));
  return { source: join(dir, name), ...(chartYaml ? { chartYaml } : {}), ...(valuesYaml ? { valuesYaml } : {}), ...(schemaJson ? { schemaJson } : {}) };
}

/** `<name>/Chart.yaml`, `<name>/values.yaml`, `<name>/values.schema.json` from a gzipped ustar archive (helm package). */
export function readTgz(gz: Uint8Array, name: string): Omit<SubchartFiles, 'source'> | undefined {
  let tar: Buffer;
  try {
    tar = gunzipSync(gz);
  } catch {
    return undefined;
  }
  const out: Record<string, string> = {};
  let longName: string | undefined;
  for (let off = 0; off + 512 <= tar.length; ) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, len: number) => header.subarray(start, start + len).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    const prefix = field(345, 155);
    const path = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    longName = undefined;
    const body = tar.subarray(off + 512, off + 512 + size);
    if (type === 'x') longName = /\d+ path=([^\n]+)\n/.exec(body.toString('utf8'))?.[1];
    else if (type === 'L') longName = body.toString('utf8').replace(/\0.*$/s, '');
    else if (type === '0' || type === '') {
      const rel = path.startsWith(`${name}/`) ? path.slice(name.length + 1) : undefined;
      if (rel && (WANTED as readonly string[]).includes(rel)) out[rel] = body.toString('utf8');
    }
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return {
    ...(out['Chart.yaml'] ? { chartYaml: out['Chart.yaml'] } : {}),
    ...(out['values.yaml'] ? { valuesYaml: out['values.yaml'] } : {}),
    ...(out['values.schema.json'] ? { schemaJson: out['values.schema.json'] } : {}),
  };
}
