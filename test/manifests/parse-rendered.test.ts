import { describe, expect, it } from 'vitest';
import { parseRenderedManifests } from '../../src/manifests/parse-rendered.js';
import { HELM_OUTPUT } from './fixtures.js';

describe('parseRenderedManifests', () => {
  it('splits helm output, keeps each Source comment and skips empty documents', () => {
    const docs = parseRenderedManifests(HELM_OUTPUT);
    expect(docs.map((d) => d.source)).toEqual([
      'jetscale/templates/secretstore.yaml',
      'jetscale/templates/secretstore.yaml',
      'jetscale/templates/externalsecret-db.yaml',
      'jetscale/templates/externalsecret-app.yaml',
      'jetscale/templates/configmap.yaml',
      'jetscale/charts/backend-api/templates/deployment.yaml',
      'jetscale/charts/backend-api/templates/service.yaml',
      'jetscale/charts/backend-api/templates/cronjob.yaml',
      'jetscale/templates/ingress.yaml',
      'jetscale/charts/backend-api/templates/hpa.yaml',
      'jetscale/charts/backend-api/templates/pdb.yaml',
    ]);
    expect(docs.every((d) => d.finding === undefined)).toBe(true);
    expect(docs[5]?.doc).toMatchObject({ kind: 'Deployment', metadata: { name: 'jetscale-backend-api' } });
  });

  it('handles output without a leading separator and without Source comments', () => {
    const docs = parseRenderedManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n\n---\nkind: Secret\n');
    expect(docs).toEqual([
      { doc: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } } },
      { doc: { kind: 'Secret' } },
    ]);
  });

  it('does not split on --- inside a block scalar line that is not a separator', () => {
    const docs = parseRenderedManifests('# Source: c/templates/a.yaml\nkind: ConfigMap\ndata:\n  x: |\n    a --- b\n');
    expect(docs).toHaveLength(1);
    expect(docs[0]?.doc).toMatchObject({ data: { x: 'a --- b\n' } });
  });

  it('returns a YAML error as a render/yaml finding for that template and keeps parsing', () => {
    const out = [
      '---',
      '# Source: jetscale/templates/broken.yaml',
      'kind: ConfigMap',
      'metadata:',
      '  name: a',
      '   labels: x',
      '---',
      '# Source: jetscale/templates/dup.yaml',
      'kind: ConfigMap',
      'kind: Secret',
      '---',
      '# Source: jetscale/templates/ok.yaml',
      'kind: ConfigMap',
    ].join('\n');
    const docs = parseRenderedManifests(out);
    expect(docs.map((d) => d.source)).toEqual([
      'jetscale/templates/broken.yaml',
      'jetscale/templates/dup.yaml',
      'jetscale/templates/ok.yaml',
    ]);
    expect(docs[0]).toMatchObject({ doc: undefined, finding: { rule: 'render/yaml', severity: 'error', file: 'charts/jetscale/templates/broken.yaml' } });
    // Duplicate keys are errors, as with kubeconform -strict.
    expect(docs[1]?.finding?.message).toMatch(/unique/i);
    expect(docs[2]).toEqual({ source: 'jetscale/templates/ok.yaml', doc: { kind: 'ConfigMap' } });
  });
});
