// Thin helm runner for tests: argv arrays, never throws on a non-zero exit, parses rendered manifests.
import { execa } from 'execa';
import { parseAllDocuments } from 'yaml';

// Outcome of one helm invocation.
export interface HelmRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

// A rendered Kubernetes object (only the fields tests look at are typed).
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; annotations?: Record<string, string>; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  [key: string]: unknown;
}

// Runs helm with args; callers assert on exitCode/stderr themselves.
export async function runHelm(helm: string, args: string[]): Promise<HelmRun> {
  const result = await execa(helm, args, { reject: false, timeout: 60_000 });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

// `helm template <release> <chart> -f a -f b ...` (later files win, as in every deploy path).
export async function helmTemplate(
  helm: string,
  chartDir: string,
  valuesFiles: string[],
  release = 'jetscale',
): Promise<HelmRun> {
  return runHelm(helm, ['template', release, chartDir, ...valuesFiles.flatMap((f) => ['-f', f])]);
}

// Splits helm's multi-document output into objects, dropping empty documents.
export function parseManifests(stdout: string): Manifest[] {
  return parseAllDocuments(stdout)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`rendered YAML does not parse: ${doc.errors[0]?.message}`);
      return doc.toJS() as Manifest | null;
    })
    .filter((m): m is Manifest => m !== null && typeof m === 'object');
}
