// validate:envs catches every broken environment: the right rule id at the file and line a user must fix,
// one mutation at a time and all of them at once (fail at end, not first). Runs the real CLI in-process
// on a temp copy of charts/jetscale + envs; the render cases use the real helm from globalSetup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureFactory } from './fixture-repo.js';
import {
  ACME, AWS_ENVS, CONSOLE, GLOBEX, PREVIEW, awsAccessKey, certificateMismatch, chartVersionBumped, duplicateKey, emptyProjectName,
  fileDependency, httpOnlyAlb, lockVersionEdited, misspeltKey, plaintextPassword, renderedUnknownField, sslPolicyMissing, wrongType,
  type Expected, type Mutation,
} from './mutations.js';
import { errorRules, expectFindings, helmOrWarn, validate } from './run-validate.js';

const helm = helmOrWarn();
let fixtures: FixtureFactory;

beforeAll(async () => {
  fixtures = await FixtureFactory.create();
});
afterAll(async () => {
  await fixtures?.cleanup();
});

async function applyAll(mutations: readonly Mutation[]) {
  const repo = await fixtures.repo();
  for (const m of mutations) await m.apply(repo);
  const expected: Expected[] = [];
  for (const m of mutations) expected.push(...(await m.expected(repo)));
  return { repo, expected };
}

// One offline case per mutation (render off: schema and policy only). `extra` are additional CLI flags.
const SINGLE: ReadonlyArray<{ m: Mutation; extra?: string[] }> = [
  { m: fileDependency('error') },
  { m: fileDependency('warning'), extra: ['--allow-link'] },
  { m: lockVersionEdited },
  { m: chartVersionBumped },
  { m: httpOnlyAlb },
  { m: certificateMismatch },
  { m: sslPolicyMissing },
  { m: plaintextPassword(ACME) },
  { m: awsAccessKey(ACME) },
  { m: duplicateKey(ACME) },
  { m: misspeltKey(PREVIEW, 'ingress.hostz') },
  { m: misspeltKey(GLOBEX, 'global.projct_name') },
  { m: wrongType(PREVIEW, 'backend-api.replicaCount') },
  { m: wrongType(ACME, 'ingress.enabled') },
  { m: emptyProjectName },
];

describe('validate:envs on one broken environment at a time', () => {
  it.each(SINGLE.map((c) => [`${c.m.name}${c.extra ? ` ${c.extra.join(' ')}` : ''}`, c] as const))('%s', async (_name, { m, extra }) => {
    const { repo, expected } = await applyAll([m]);
    const run = await validate(repo, { render: 'off', ...(extra ? { extra } : {}) });

    expect(run.code, run.stderr).toBe(4);
    expect(run.json.ok).toBe(false);
    expect(run.json.exitCode).toBe(4);
    expectFindings(run, expected);
    // Nothing unrelated fires: every error belongs to this mutation.
    const allowed = new Set([...expected.filter((e) => (e.severity ?? 'error') === 'error').map((e) => e.rule), ...(m.also ?? [])]);
    expect(errorRules(run).filter((r) => !allowed.has(r))).toEqual([]);
  });

  it('reports an HTTP-only cloud layer once, under every AWS environment, in the per-environment results too', async () => {
    const { repo, expected } = await applyAll([httpOnlyAlb]);
    const run = await validate(repo, { render: 'off' });
    const [want] = expected;
    expect(run.json.data.findings.filter((f) => f.rule === 'tls/listen-ports')).toHaveLength(1);
    for (const id of AWS_ENVS) {
      const env = run.json.data.environments.find((e) => e.id === id);
      expect(env?.checks.policy, id).toBe('error');
      expect(env?.findings.some((f) => f.rule === 'tls/listen-ports' && f.file === want?.file && f.line === want?.line && f.env === id), id).toBe(true);
    }
  });

  it('marks the yaml check of the environment with a duplicate key and still checks the others', async () => {
    const { repo } = await applyAll([duplicateKey(ACME)]);
    const run = await validate(repo, { render: 'off' });
    const checks = Object.fromEntries(run.json.data.environments.map((e) => [e.id, e.checks.yaml]));
    expect(checks).toEqual({ 'live/console': 'ok', 'preview/preview': 'ok', 'staging/acme': 'error', 'staging/globex': 'ok' });
  });
});

describe.skipIf(!helm)('validate:envs with a strict helm render', () => {
  it('reports an unknown field in a rendered manifest as render/schema in the template that wrote it', async () => {
    const { repo, expected } = await applyAll([renderedUnknownField]);
    expect(await fixtures.subcharts()).toHaveLength(2);
    const run = await validate(repo, { render: 'require', helm });

    expect(run.code, run.stderr).toBe(4);
    expectFindings(run, expected.map((e) => ({ ...e, envs: AWS_ENVS })));
    expect(errorRules(run)).toEqual(['render/schema']);
    for (const env of run.json.data.environments) expect(env.checks.render, env.id).toBe('error');
  });
});

describe('validate:envs on a tree with every mutation at once', () => {
  // Placed so no mutation hides another: the duplicate key (which makes a file unusable) sits in acme alone,
  // the parity reference (preview) stays an ALB environment, the secrets sit in files that still parse.
  const ALL: Mutation[] = [
    fileDependency(), lockVersionEdited, httpOnlyAlb, certificateMismatch, sslPolicyMissing,
    plaintextPassword(GLOBEX), awsAccessKey(CONSOLE), duplicateKey(ACME),
    misspeltKey(PREVIEW, 'ingress.hostz'), wrongType(PREVIEW, 'backend-api.replicaCount'), emptyProjectName,
    ...(helm ? [renderedUnknownField] : []),
  ];

  it(`reports every rule id with its file and line in one run (render ${helm ? 'require' : 'off: helm unavailable'})`, async () => {
    if (!helm) console.warn('all-at-once case runs without the render mutation: helm unavailable');
    const { repo, expected } = await applyAll(ALL);
    const run = await validate(repo, helm ? { render: 'require', helm } : { render: 'off' });

    expect(run.code, run.stderr).toBe(4);
    // acme holds the duplicate key, so its file is unusable and it is not merged: cloud-layer findings list
    // the other three environments (asserted exactly below), acme's own finding is yaml/duplicate-key.
    expectFindings(run, expected.map((e) => (e.envs ? { ...e, envs: e.envs.filter((id) => id !== 'staging/acme') } : e)));
    expect(run.json.data.findings.find((f) => f.rule === 'tls/listen-ports')?.env).toBe('live/console, preview/preview, staging/globex');
    const wanted = [...new Set(expected.map((e) => e.rule))].sort();
    expect(wanted).toEqual(expect.arrayContaining([
      'identity/empty', 'schema', 'schema/unknown-key', 'secrets/committed', 'supply-chain/lock-digest', 'supply-chain/lock-entries',
      'supply-chain/oci', 'tls/listen-ports', 'tls/parity', 'tls/ssl-policy', 'yaml/duplicate-key', ...(helm ? ['render/schema'] : []),
    ]));
    expect(errorRules(run)).toEqual(expect.arrayContaining(wanted));
    // Both secrets are found, each in its own file.
    expect(run.json.data.findings.filter((f) => f.rule === 'secrets/committed').map((f) => f.file).sort()).toEqual([CONSOLE, GLOBEX]);
  });
});
