// Asserts that the render contains what the values switched on, and the kinds its environment type must always
// render (config `requiredKinds`): a schema check alone passes an empty or half-empty render (kubeconform's
// "Skipped: 0"), so the toggles that matter are checked against the output.
import type { Finding } from '../core/finding.js';

/** One thing the render must contain when its toggle is on. */
export interface ExpectedResource {
  kind: string;
  /** Name it must carry (metadata.name, or spec.target.name for an ExternalSecret); any name when absent. */
  name?: (release: string) => string;
  /** `exactly` fails on duplicates too; `at-least` only on absence. */
  count: 'exactly-one' | 'at-least-one';
  /** Whether the merged values switch it on. */
  when: (values: unknown) => boolean;
  /** The values key(s) that switched it on, for the message. */
  because: string;
}

/** Read a dotted path from plain values; a missing key yields `fallback` (the chart default). */
export function valueAt(values: unknown, path: string, fallback: unknown): unknown {
  let cur: unknown = values;
  for (const key of path.split('.')) {
    if (typeof cur !== 'object' || cur === null || !(key in cur)) return fallback;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur ?? fallback;
}

// Defaults mirror charts/jetscale/values.yaml, so values that omit a toggle behave as the chart does.
const on = (path: string, fallback: boolean) => (values: unknown) => valueAt(values, path, fallback) === true;
const esOn = on('externalSecret.enabled', true);

/** ExternalSecret name suffixes (`<release>-<suffix>`) and the sub-toggle of each; edit here when the chart changes. */
export const EXPECTED_EXTERNAL_SECRETS: ReadonlyArray<{ suffix: string; toggle: string; fallback: boolean }> = [
  { suffix: 'db-secret', toggle: 'externalSecret.db.enabled', fallback: true },
  { suffix: 'redis-secret', toggle: 'externalSecret.redis.enabled', fallback: true },
  { suffix: 'common-secrets', toggle: 'externalSecret.common.enabled', fallback: true },
  { suffix: 'app-secrets', toggle: 'externalSecret.app.enabled', fallback: true },
  { suffix: 'aws-client-secret', toggle: 'externalSecret.awsClient.enabled', fallback: true },
];

/** The default expectations for the jetscale chart. */
export const EXPECTED_RESOURCES: readonly ExpectedResource[] = [
  { kind: 'Ingress', count: 'exactly-one', when: on('ingress.enabled', true), because: 'ingress.enabled' },
  {
    kind: 'SecretStore',
    count: 'at-least-one',
    // An existing store named by externalSecret.secretStoreName replaces the chart's own.
    when: (v) => esOn(v) && !valueAt(v, 'externalSecret.secretStoreName', ''),
    because: 'externalSecret.enabled (and no externalSecret.secretStoreName)',
  },
  ...EXPECTED_EXTERNAL_SECRETS.map(
    ({ suffix, toggle, fallback }): ExpectedResource => ({
      kind: 'ExternalSecret',
      name: (release) => `${release}-${suffix}`,
      count: 'exactly-one',
      when: (v) => esOn(v) && on(toggle, fallback)(v),
      because: `externalSecret.enabled and ${toggle}`,
    }),
  ),
];

interface Meta {
  kind?: unknown;
  metadata?: { name?: unknown };
  spec?: { target?: { name?: unknown } };
}

function matches(doc: unknown, kind: string, name: string | undefined): boolean {
  if (typeof doc !== 'object' || doc === null) return false;
  const d = doc as Meta;
  if (d.kind !== kind) return false;
  if (name === undefined) return true;
  return d.metadata?.name === name || d.spec?.target?.name === name;
}

/** Findings (rule `render/expected-kinds`) for every switched-on resource that is missing or duplicated. */
export function checkExpectedKinds(
  docs: ReadonlyArray<{ doc: unknown }>,
  values: unknown,
  options: { release: string; env?: string; expected?: readonly ExpectedResource[]; required?: RequiredKinds },
): Finding[] {
  const findings: Finding[] = [];
  const absent = new Set<string>();
  for (const exp of options.expected ?? EXPECTED_RESOURCES) {
    if (!exp.when(values)) continue;
    const name = exp.name?.(options.release);
    const count = docs.filter((d) => matches(d.doc, exp.kind, name)).length;
    const what = name === undefined ? exp.kind : `${exp.kind} ${name}`;
    let problem: string | undefined;
    if (count === 0) absent.add(exp.kind);
    if (count === 0) problem = `expected ${what} because ${exp.because} is true, but the render has none`;
    else if (count > 1 && exp.count === 'exactly-one') problem = `expected exactly one ${what}, the render has ${count}`;
    if (problem === undefined) continue;
    findings.push({
      rule: 'render/expected-kinds',
      severity: 'error',
      message: problem,
      ...(options.env !== undefined ? { env: options.env } : {}),
      hint: `check the template's condition for ${exp.kind}, or switch ${exp.because} off for this environment`,
    });
  }
  for (const kind of options.required?.kinds ?? []) {
    // Whatever the toggles say: a type that must serve an Ingress fails when an environment switched it off.
    if (absent.has(kind) || docs.some((d) => matches(d.doc, kind, undefined))) continue;
    findings.push({
      rule: 'render/expected-kinds',
      severity: 'error',
      message: `every ${options.required!.type} environment must render ${/^[AEIOU]/.test(kind) ? 'an' : 'a'} ${kind} (requiredKinds), but this render has none`,
      ...(options.env !== undefined ? { env: options.env } : {}),
      hint: `find the value that switched the ${kind} off in this environment's layers (e.g. ingress.enabled), or change requiredKinds.${options.required!.type} in jetscale.config.yaml`,
    });
  }
  return findings;
}

/** Kinds an environment type must render whatever its toggles (config `requiredKinds`). */
export interface RequiredKinds {
  type: string;
  kinds: readonly string[];
}

/** The kinds `requiredKinds` demands of `type` (own keys only: a type may be called `constructor`). */
export function requiredKindsFor(byType: Readonly<Record<string, readonly string[]>> | undefined, type: string): RequiredKinds {
  return { type, kinds: byType && Object.hasOwn(byType, type) ? (byType[type] ?? []) : [] };
}
