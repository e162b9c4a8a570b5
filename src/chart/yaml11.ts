// How Helm's YAML reader (go-yaml v2 via sigs.k8s.io/yaml, resolve.go `resolve`) types an UNQUOTED
// scalar. Helm then stringifies non-strings into Chart.yaml's string fields, so unquoted `1.10`
// becomes "1.1" and `yes` becomes "true" in the lock digest (stack-chart-envs.md §2.1).

// go-yaml v2 resolveMap: fixed spellings of bool, null, inf/nan and the merge key.
const FIXED: Record<string, string> = {};
for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) FIXED[s] = 'bool';
for (const s of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) FIXED[s] = 'bool';
for (const s of ['', '~', 'null', 'Null', 'NULL']) FIXED[s] = 'null';
for (const s of ['.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF']) FIXED[s] = 'float';

// strconv.ParseInt(s, 0, 64) after removing `_`: decimal, 0x, 0o, 0b, leading-0 octal.
const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
// go-yaml v2 yamlStyleFloat, then strconv.ParseFloat.
const YAML_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
// parseTimestamp only tries values starting with exactly four digits and a dash.
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$/;

/** The YAML 1.1 type go-yaml v2 gives an unquoted scalar: 'str' when Helm would keep the text as is. */
export function yaml11TypeOf(plain: string): 'str' | 'bool' | 'null' | 'int' | 'float' | 'timestamp' {
  const fixed = FIXED[plain];
  if (fixed) return fixed as 'bool' | 'null' | 'float';
  const c = plain[0] ?? '';
  if (c === '.') return YAML_FLOAT.test(plain) ? 'float' : 'str';
  if (!/[-+0-9]/.test(c)) return 'str';
  if (TIMESTAMP.test(plain)) return 'timestamp';
  const noUnderscore = plain.replace(/_/g, '');
  if (GO_INT.test(noUnderscore)) return 'int';
  if (YAML_FLOAT.test(noUnderscore)) return 'float';
  return 'str';
}

/** True when Helm's YAML 1.1 reading would not keep this unquoted scalar as the same string. */
export function yaml11Coerces(plain: string): boolean {
  return yaml11TypeOf(plain) !== 'str';
}
