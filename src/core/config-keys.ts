// Every configuration key as a flat list, derived from the schema: its path, value kind and env var.
// One naming rule: JETSCALE_ + the key path in upper snake case (terraform.stateBucket → JETSCALE_TERRAFORM_STATE_BUCKET).
import type * as z from 'zod';
import { ConfigSchema } from './config-schema.js';

export type KeyKind = 'string' | 'number' | 'list' | 'map';

export interface ConfigKey {
  /** Dotted path, e.g. `aws.accounts`. */
  path: string;
  kind: KeyKind;
  envVar: string;
  default: unknown;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  defaultValue?: unknown;
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** `terraform.stateBucket` → `JETSCALE_TERRAFORM_STATE_BUCKET`. */
export function envVarFor(path: string): string {
  return 'JETSCALE_' + path.split('.').map((p) => p.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()).join('_');
}

/** The leaf keys of the schema in declaration order. */
export function configKeys(schema: z.ZodType = ConfigSchema, prefix = ''): ConfigKey[] {
  const keys: ConfigKey[] = [];
  for (const [name, field] of Object.entries(defOf(schema).shape ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    let s = field;
    let dflt: unknown;
    // Unwrap default/prefault/optional/pipe wrappers down to the value's own type.
    for (let d = defOf(s); d.innerType; d = defOf(s)) {
      if (d.type === 'default' && dflt === undefined) dflt = d.defaultValue;
      s = d.innerType;
    }
    const type = defOf(s).type;
    if (type === 'object') keys.push(...configKeys(s, path));
    else keys.push({ path, kind: type === 'array' ? 'list' : type === 'number' ? 'number' : type === 'record' ? 'map' : 'string', envVar: envVarFor(path), default: dflt });
  }
  return keys;
}

/** The env var value as the key's type: lists are comma-separated (blank items dropped), numbers parsed, maps of
 * lists written `key=a,b;key2=c` (`live=Ingress;preview=Ingress,Service`). */
export function parseEnvValue(kind: KeyKind, raw: string): unknown {
  if (kind === 'map') {
    return Object.fromEntries(raw.split(';').filter((p) => p.trim()).map((p) => {
      const [k, v = ''] = p.split('=');
      return [k!.trim(), v.split(',').map((s) => s.trim()).filter(Boolean)];
    }));
  }
  if (kind === 'list') return raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (kind === 'number') return /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : raw;
  return raw;
}
