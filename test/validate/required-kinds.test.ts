// Item 8, kinds a type must render (config requiredKinds, default { live: [Ingress] }): wired into the
// expected-kinds check of each render, whatever the toggles say; end to end with the real helm when available.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExpectedKinds, requiredKindsFor } from '../../src/manifests/expected-kinds.js';
import { parseRenderedManifests } from '../../src/manifests/parse-rendered.js';
import { HELM_OUTPUT } from '../manifests/fixtures.js';
import { FixtureFactory } from './fixture-repo.js';
import { expectFindings, helmOrWarn, validate } from './run-validate.js';

const docs = parseRenderedManifests(HELM_OUTPUT);
const noIngress = docs.filter((d) => (d.doc as { kind?: string }).kind !== 'Ingress');
const off = { ingress: { enabled: false }, externalSecret: { enabled: false } };

describe('checkExpectedKinds with required kinds', () => {
  it('a required kind is demanded even when its toggle is off', () => {
    const got = checkExpectedKinds(noIngress, off, { release: 'jetscale', env: 'live/console', required: { type: 'live', kinds: ['Ingress'] } });
    expect(got).toEqual([expect.objectContaining({ rule: 'render/expected-kinds', severity: 'error', env: 'live/console', message: expect.stringContaining('every live environment must render an Ingress') })]);
    expect(checkExpectedKinds(noIngress, off, { release: 'jetscale' })).toEqual([]);
    expect(checkExpectedKinds(docs, off, { release: 'jetscale', required: { type: 'live', kinds: ['Ingress'] } })).toEqual([]);
  });

  it('is not reported twice when the toggle already demanded it', () => {
    const got = checkExpectedKinds(noIngress, { ...off, ingress: { enabled: true } }, { release: 'jetscale', required: { type: 'live', kinds: ['Ingress'] } });
    expect(got.map((f) => f.message)).toEqual(['expected Ingress because ingress.enabled is true, but the render has none']);
  });

  it('requiredKindsFor reads own keys only', () => {
    expect(requiredKindsFor({ live: ['Ingress'] }, 'live')).toEqual({ type: 'live', kinds: ['Ingress'] });
    expect(requiredKindsFor({ live: ['Ingress'] }, 'constructor')).toEqual({ type: 'constructor', kinds: [] });
    expect(requiredKindsFor(undefined, 'live').kinds).toEqual([]);
  });
});

const helm = helmOrWarn();
let fixtures: FixtureFactory;
beforeAll(async () => void (fixtures = await FixtureFactory.create()));
afterAll(async () => fixtures?.cleanup());

describe.skipIf(!helm)('validate:envs renders the kinds each type requires (real helm)', () => {
  it('a live environment that switches its ingress off, and staging without a required CronJob, fail the render check', async () => {
    const repo = await fixtures.repo();
    await repo.write('jetscale.config.yaml', 'requiredKinds:\n  live: [Ingress]\n  staging: [Ingress, CronJob]\n');
    await repo.insertAfter('envs/live/console.yaml', /^ingress:$/, ['  enabled: false']);
    const run = await validate(repo, { render: 'require', helm });
    expect(run.code, run.stderr).toBe(4);
    expectFindings(run, [
      { rule: 'render/expected-kinds', file: 'envs/live/console.yaml', envs: ['live/console'], message: /every live environment must render an Ingress/ },
      { rule: 'render/expected-kinds', file: 'envs/staging/acme.yaml', envs: ['staging/acme'], message: /every staging environment must render a CronJob/ },
    ]);
    const console = run.json.data.environments.find((e) => e.id === 'live/console');
    expect(console?.checks.render).toBe('error');
    expect(run.json.data.findings.filter((f) => f.rule === 'render/expected-kinds' && /Ingress/.test(f.message)).map((f) => f.env)).toEqual(['live/console']);
  });
});
