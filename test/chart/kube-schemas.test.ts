// Everything the chart and the stand-ins render passes the strict Kubernetes/ESO schemas validate:envs uses.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createManifestValidator } from '../../src/manifests/manifest-schema.js';
import { parseRenderedManifests } from '../../src/manifests/parse-rendered.js';
import { helmTemplate } from '../support/helm/helm-cli.js';
import { discoverLayerings } from './env-layerings.js';
import { chartDir, envsDir, helmOrSkipReason } from './paths.js';

const helm = helmOrSkipReason();
const validator = createManifestValidator();
const variant = (name: string): string => join(chartDir, name);

const RENDERS: Array<[string, string[]]> = [
  ...[...discoverLayerings(envsDir, 'aws'), ...discoverLayerings(envsDir, 'azure')].map(
    (l): [string, string[]] => [l.name, l.files],
  ),
  ['values.local.dev.yaml', [variant('values.local.dev.yaml')]],
  ['values.test.yaml + values.test.local.yaml', [variant('values.test.yaml'), variant('values.test.local.yaml')]],
  ['values.test.yaml + values.test.ci.yaml', [variant('values.test.yaml'), variant('values.test.ci.yaml')]],
];

describe.skipIf(!helm)('rendered manifests against strict schemas', () => {
  it.each(RENDERS)('%s has no unknown fields or wrong types', async (_name, files) => {
    const run = await helmTemplate(helm, chartDir, files);
    expect(run.exitCode, run.stderr).toBe(0);
    const docs = parseRenderedManifests(run.stdout);
    expect(docs.length).toBeGreaterThan(10);
    const findings = docs.flatMap((d) => [...(d.finding ? [d.finding] : []), ...validator.validate(d.doc, { source: d.source ?? '' })]);
    expect(findings.map((f) => f.message)).toEqual([]);
  });

  it('control: the validator does flag a misspelt field in a rendered Deployment', async () => {
    const run = await helmTemplate(helm, chartDir, [join(chartDir, 'values.test.yaml')]);
    const deployment = parseRenderedManifests(run.stdout).find((d) => (d.doc as { kind?: string } | undefined)?.kind === 'Deployment');
    expect(deployment).toBeDefined();
    const tampered = { ...(deployment?.doc as Record<string, unknown>), spce: {} };
    expect(validator.validate(tampered).length).toBeGreaterThan(0);
  });
});
