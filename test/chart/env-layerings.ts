// Discovers environment layerings the same way validate:envs does: cloud → type default → environment.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// One environment and the values files (in order) that make it.
export interface Layering {
  name: string;
  files: string[];
}

const isYaml = (name: string): boolean => name.endsWith('.yaml') || name.endsWith('.yml');
const isDefault = (name: string): boolean => name === 'default.yaml' || name === 'default.yml';

// Every *.yaml/*.yml under a type folder except default.* is one environment.
export function discoverLayerings(envsDir: string, cloud: string): Layering[] {
  const layerings: Layering[] = [];
  for (const type of readdirSync(envsDir).sort()) {
    const typeDir = join(envsDir, type);
    if (!statSync(typeDir).isDirectory()) continue;
    const names = readdirSync(typeDir).sort();
    const defaults = names.filter(isDefault).map((n) => join(typeDir, n));
    for (const name of names.filter((n) => isYaml(n) && !isDefault(n))) {
      layerings.push({
        name: `${cloud}:${type}/${name}`,
        files: [join(envsDir, `${cloud}.yaml`), ...defaults, join(typeDir, name)],
      });
    }
  }
  return layerings;
}
