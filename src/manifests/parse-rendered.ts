// Splits `helm template` output into documents, keeping each document's `# Source:` path so findings can
// point at the template that produced it.
import { parseAllDocuments } from 'yaml';
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
    for (const parsed of parseAllDocuments(chunk, { uniqueKeys: true })) {
      const errors = 'errors' in parsed ? parsed.errors : [];
      if (errors.length > 0) {
        const finding: Finding = {
          rule: 'render/yaml',
          severity: 'error',
          message: `${source ?? 'rendered output'}: invalid YAML: ${errors.map((e) => e.message.split('\n')[0]).join('; ')}`,
          ...(source !== undefined ? { file: `charts/${source}` } : {}),
        };
        docs.push(source !== undefined ? { source, doc: undefined, finding } : { doc: undefined, finding });
        continue;
      }
      const doc: unknown = parsed.toJS();
      if (doc === null || doc === undefined) continue; // empty document: only comments or nothing
      docs.push(source !== undefined ? { source, doc } : { doc });
    }
  }
  return docs;
}
