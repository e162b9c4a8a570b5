// Shared fixtures: the sample helm output and deep copies of single documents from it, to mutate per test.
import { readFileSync } from 'node:fs';
import { parseRenderedManifests } from '../../src/manifests/parse-rendered.js';

/** A multi-document `helm template` output for release `jetscale` with ESO and the ingress on. */
export const HELM_OUTPUT = readFileSync(new URL('./fixtures/helm-output.yaml', import.meta.url), 'utf8');

/** A fresh copy of the first document of `kind` (optionally with `name`) in the sample output. */
export function sampleDoc(kind: string, name?: string): Record<string, unknown> {
  for (const { doc } of parseRenderedManifests(HELM_OUTPUT)) {
    const d = doc as { kind?: string; metadata?: { name?: string } };
    if (d.kind === kind && (name === undefined || d.metadata?.name === name)) return structuredClone(d) as Record<string, unknown>;
  }
  throw new Error(`fixture has no ${kind} ${name ?? ''}`);
}
