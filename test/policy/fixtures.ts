// In-memory environments for the pure policy rules: merged values with a provenance stub that answers "where
// was this path set" from an explicit table (longest recorded prefix wins), or a real merge of real YAML layers.
import { readFileSync } from 'node:fs';
import type { EnvUnderTest, PolicyOptions } from '../../src/policy/env-under-test.js';
import { parseValuesFile } from '../../src/values/load-yaml.js';
import { mergeLayers } from '../../src/values/merge.js';
import type { Provenance, SetLocation } from '../../src/values/merge.js';
import type { PathSegment } from '../../src/values/values-doc.js';

export const CLOUD_FILE = 'envs/aws.yaml';
export const A = 'alb.ingress.kubernetes.io/';
export const CERT = 'arn:aws:acm:us-east-1:111111111111:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
export const OTHER_CERT = 'arn:aws:acm:us-east-1:111111111111:certificate/9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f';

/** Where a path was set: file, line and layer index (0 = chart values.yaml). */
export interface At {
  file: string;
  line: number;
  layer?: number;
}

/** A provenance stub: `lookup` returns the entry of the longest recorded prefix of the path. */
export function provenanceStub(entries: ReadonlyArray<readonly [readonly PathSegment[], At]>): Provenance {
  const table = new Map(entries.map(([path, at]) => [JSON.stringify(path.map(String)), { path: [...path], at }]));
  return {
    layers: ['charts/jetscale/values.yaml', CLOUD_FILE],
    lookup(path): SetLocation | undefined {
      for (let len = path.length; len >= 0; len--) {
        const hit = table.get(JSON.stringify(path.slice(0, len).map(String)));
        if (hit) return { path: hit.path, file: hit.at.file, layer: hit.at.layer ?? 1, line: hit.at.line, col: 3 };
      }
      return undefined;
    },
  };
}

/** An environment `<type>/<name>` with the given merged values and provenance entries. */
export function makeEnv(id: string, values: Record<string, unknown>, set: ReadonlyArray<readonly [readonly PathSegment[], At]> = []): EnvUnderTest {
  const type = id.split('/')[0] ?? id;
  return { id, type, file: `envs/${id}.yaml`, cloud: 'aws', cloudFile: CLOUD_FILE, values, provenance: provenanceStub(set) };
}

/** The compliant ALB annotations of envs/aws.yaml. */
export function goodAnnotations(): Record<string, string> {
  return {
    [`${A}listen-ports`]: '[{"HTTP":80},{"HTTPS":443}]',
    [`${A}ssl-redirect`]: '443',
    [`${A}ssl-policy`]: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    [`${A}certificate-arn`]: CERT,
  };
}

/** Merged values of an ALB environment; `annotations` entries set to undefined are removed. */
export function albValues(annotations: Record<string, unknown> = {}, ingress: Record<string, unknown> = {}): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...goodAnnotations(), ...annotations };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  return { ingress: { enabled: true, className: 'alb', annotations: merged, hosts: { 'x.jetscale.ai': {} }, ...ingress } };
}

/** Provenance entries placing every annotation in envs/aws.yaml at lines 11.. (in key order). */
export function cloudLayerLines(annotations: Record<string, unknown>, first = 11): Array<readonly [readonly PathSegment[], At]> {
  return Object.keys(annotations).map((k, i) => [['ingress', 'annotations', k], { file: CLOUD_FILE, line: first + i }] as const);
}

/** The rules' configuration as jetscale.config.yaml defaults it (dns.domain unset). */
export const OPTS: PolicyOptions = { publicEnvTypes: ['preview', 'live'], domain: '' };

const CHART_VALUES = readFileSync(new URL('../../charts/jetscale/values.yaml', import.meta.url), 'utf8');
/** The repository's own cloud layers, as the realistic starting point of layered cases. */
export const AWS_LAYER = readFileSync(new URL('../../envs/aws.yaml', import.meta.url), 'utf8');
export const AZURE_LAYER = readFileSync(new URL('../../envs/azure.yaml', import.meta.url), 'utf8');

/** A real merge of real YAML: the chart's values.yaml, a cloud layer, an optional type default and the environment. */
export function layeredEnv(id: string, layers: { cloud?: string; cloudFile?: string; typeDefault?: string; env: string }): EnvUnderTest {
  const type = id.split('/')[0] ?? id;
  const cloudFile = layers.cloudFile ?? CLOUD_FILE;
  const texts: Array<[string, string]> = [
    ['charts/jetscale/values.yaml', CHART_VALUES],
    [cloudFile, layers.cloud ?? AWS_LAYER],
    ...(layers.typeDefault !== undefined ? [[`envs/${type}/default.yaml`, layers.typeDefault] as [string, string]] : []),
    [`envs/${id}.yaml`, layers.env],
  ];
  const docs = texts.map(([file, text]) => {
    const r = parseValuesFile(text, file);
    if (!r.doc) throw new Error(`${file} does not parse: ${JSON.stringify(r.findings)}`);
    return r.doc;
  });
  const merged = mergeLayers(docs.map((doc) => ({ file: doc.file, doc })));
  return { id, type, file: `envs/${id}.yaml`, cloud: cloudFile.replace(/^envs\/|\.yaml$/g, ''), cloudFile, values: merged.values, provenance: merged.provenance, layerDocs: docs };
}

/** 1-based line of the first line of `text` containing `needle`. */
export function lineIn(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in text`);
  return i + 1;
}
