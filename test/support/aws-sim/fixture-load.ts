// Load and validate a fixture from an object or a YAML/JSON file, with errors that name the bad path.
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { fixtureSchema, type AwsFixture, type ParsedFixture } from './fixture-schema.js';

/** Thrown when a fixture does not match the schema; the message lists every problem with its path. */
export class FixtureError extends Error {
  override name = 'FixtureError';
}

/** Validate a fixture object (defaults applied) or throw a FixtureError listing each issue. */
export function parseFixture(input: unknown, source = 'fixture'): ParsedFixture {
  const result = fixtureSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new FixtureError(`invalid AWS simulator ${source}:\n${lines.join('\n')}`);
}

/** Read a fixture from a file path (YAML or JSON) or take an object as is. */
export async function loadFixture(fixture: AwsFixture | string | undefined): Promise<ParsedFixture> {
  if (typeof fixture !== 'string') return parseFixture(fixture);
  const text = await readFile(fixture, 'utf8');
  let data: unknown;
  try {
    data = fixture.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new FixtureError(`cannot parse ${fixture}: ${(err as Error).message}`);
  }
  return parseFixture(data, `fixture ${fixture}`);
}
