// Splits `helm template` output into documents, keeping each document's `# Source:` path so findings can
// point at the template that produced it.
// js-yaml, not the `yaml` library used for values files: helm's output needs no positions or comments, and js-yaml's
// plain loader is about 5× faster on it (it was a third of the main thread's time at 40 environments).
import jsyaml from 'js-yaml';
import type { Finding } from '../core/finding.js';

/**
 * One rendered document and the template it came from. When the YAML did not parse, `doc` is undefined and
 * `finding` (rule `render/yaml`) says why; a caller that ignores `finding` still fails closed, because the
 * manifest validator rejects an undefined document.
 */
export interface RenderedDoc {
  source?: string;
  doc: unknown;
  finding?: Finding;
}

const SOURCE = /^#\s*Source:\s*(\S.*?)\s*$/m;
const SEPARATOR = /^---[ \t]*(?:#.*)?$/m;

/**
 * Parse multi-document helm output. Each `---` chunk is parsed on its own so that a YAML error is reported
 * against the template that produced it and cannot swallow the documents after it.
 */
export function parseRenderedManifests(stdout: string): RenderedDoc[] {
  const docs: RenderedDoc[] = [];
  const chunks = stdout.split(new RegExp(SEPARATOR.source, 'gm'));
  for (const chunk of chunks) {
    const source = SOURCE.exec(chunk)?.[1];
    let parsed: unknown[];
    try {
      // CORE_SCHEMA: YAML 1.2 scalars, no timestamps or merge keys (as the API server reads manifests); duplicate keys throw.
      parsed = jsyaml.loadAll(chunk, undefined, { schema: jsyaml.CORE_SCHEMA });
    } catch (error) {
      const reason = error instanceof jsyaml.YAMLException ? `${error.reason}${error.reason.includes('duplicated mapping key') ? ' (map keys must be unique)' : ''} at line ${(error.mark?.line ?? 0) + 1}` : String(error);
      const finding: Finding = {
        rule: 'render/yaml',
        severity: 'error',
        message: `${source ?? 'rendered output'}: invalid YAML: ${reason}`,
        ...(source !== undefined ? { file: `charts/${source}` } : {}),
      };
      docs.push(source !== undefined ? { source, doc: undefined, finding } : { doc: undefined, finding });
      continue;
    }
    for (const doc of parsed) {
      if (doc === null || doc === undefined) continue; // empty document: only comments or nothing
      docs.push(source !== undefined ? { source, doc } : { doc });
    }
  }
  return docs;
}
