// Validates merged values against the chart's values.schema.json (what `helm template` enforces too), and
// points each error at the layer and line that set the offending value.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { loadValidators } from '../core/ajv-cache.js';
import type { EffectGate } from '../core/effects.js';
import type { Finding } from '../core/finding.js';
import { finding, type EnvUnderTest } from '../policy/env-under-test.js';
import { instancePathToPath } from '../values/merge.js';
import { formatPath } from '../values/values-doc.js';

/** A compiled values schema; compile once per run, validate every environment with it. */
export interface ValuesSchema {
  check(env: EnvUnderTest): Finding[];
}

/** Compiles `schema` (draft-07, as Helm reads it) with ajv, cached by content; a schema that does not compile is thrown. */
export async function compileValuesSchema(schema: unknown, schemaFile: string, gate?: EffectGate): Promise<ValuesSchema> {
  // strict off: Helm accepts any draft-07 schema, including unknown keywords; allErrors: report everything.
  const { values: validate } = (await loadValidators({
    options: { allErrors: true, strict: false, allowUnionTypes: true, verbose: true },
    schemas: [{ key: 'values', schema: schema as object }],
    exports: { values: 'values' },
  }, gate)) as { values: ValidateFunction };
  return {
    check(env) {
      if (validate(env.values)) return [];
      return dedupe((validate.errors ?? []).filter(relevant).map((e) => toFinding(env, e, schemaFile)));
    },
  };
}

/** Combinator noise (anyOf/oneOf/if) repeats what the branch errors already say. */
function relevant(e: ErrorObject): boolean {
  return !['anyOf', 'oneOf', 'if', 'allOf'].includes(e.keyword);
}

function toFinding(env: EnvUnderTest, e: ErrorObject, schemaFile: string): Finding {
  const path = instancePathToPath(e.instancePath, env.values);
  if (e.keyword === 'additionalProperties') {
    const key = String((e.params as { additionalProperty: string }).additionalProperty);
    const full = [...path, key];
    return finding(env, full, {
      rule: 'schema/unknown-key',
      severity: 'error',
      message: `${formatPath(full)} is not a value the chart declares (${schemaFile}); environments differ only in values, never in structure`,
      hint: `check the spelling of "${key}" against charts/jetscale/values.yaml, or declare the key in the chart first`,
    });
  }
  if (e.keyword === 'required') {
    const key = String((e.params as { missingProperty: string }).missingProperty);
    const full = [...path, key];
    return finding(env, full, { rule: 'schema/required', severity: 'error', message: `${formatPath(full)} is required`, hint: `set ${formatPath(full)} in ${env.file}` }, { file: env.file });
  }
  const where = path.length ? formatPath(path) : '(top level)';
  return finding(env, path, { rule: 'schema', severity: 'error', message: `${where} ${e.message ?? 'is invalid'}${describeParams(e)}`, hint: `fix the value of ${where} (see ${schemaFile})` });
}

function describeParams(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'enum' && Array.isArray(p.allowedValues)) return `: ${p.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  if (e.keyword === 'type') return ` (got ${JSON.stringify(e.data ?? null)})`.replace(/^ \(got undefined\)$/, '');
  return '';
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}|${f.file}|${f.line}|${f.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
