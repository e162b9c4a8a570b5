// Load and validate a fixture from an object or a YAML/JSON file, with errors that name the bad path.
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { parseFaultList, type FaultEntry } from './fault-schema.js';
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

async function readData(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  try {
    return path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new FixtureError(`cannot parse ${path}: ${(err as Error).message}`);
  }
}

/** Read a fixture from a file path (YAML or JSON) or take an object as is. */
export async function loadFixture(fixture: AwsFixture | string | undefined): Promise<ParsedFixture> {
  if (typeof fixture !== 'string') return parseFixture(fixture);
  return parseFixture(await readData(fixture), `fixture ${fixture}`);
}

/** Read and validate a fault list from a YAML/JSON file (a FaultSpecError names each bad field), or validate a list given inline. */
export async function loadFaults(faults: unknown[] | string | undefined): Promise<FaultEntry[]> {
  if (faults === undefined) return [];
  if (typeof faults !== 'string') return parseFaultList(faults, 'faults option');
  return parseFaultList(await readData(faults), `faults file ${faults}`);
}
