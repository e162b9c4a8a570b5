// Values that are obviously not secrets although they sit where a secret would: placeholders (change-me, <…>,
// ${…}, dummy, example, redacted, xxxx, your-token-here…) and references to where the secret really lives.

/** `${VAR}`, `$(VAR)`, `{{ .Values.x }}`, `<your-token>`, `%VAR%`: references to a value kept elsewhere. */
const REFERENCE = /\$\{[^}]*\}|\$\([^)]*\)|\{\{.*?\}\}|<[^<>]*>|%[A-Za-z_][A-Za-z0-9_]*%/g;
/** Masks: xxxx, XXXX-XXXX, ****, ..., …, ####, n/a. */
const MASK = /^(?:[xX]{3,}|[*•#.…_-]{3,}|[-.~?…]|n\/a|N\/A)(?:[-_ .:/][xX*•#.…]{3,})*$/;
/** Words that make an all-placeholder value obviously fake. */
const STRONG = new Set(
  'required optional unknown change changeme changeit replace replaceme dummy example examples sample redacted placeholder fake todo tbd fixme not none unset null nil empty undefined your here insert paste fill foo bar baz qux lorem ipsum mock'.split(' '),
);
/** Words that may accompany them (`your-password-here`, `not-a-real-secret`, `dummy-db-password`) but never pass alone. */
const WEAK = new Set(
  'a an the my me to be is in of for with set real value val secret secrets password passwd pass pwd pw passphrase token key api apikey access auth credential credentials private client db database user env local dev test testing demo default this it only use new one string text goes'.split(' '),
);

/** Lower-case words of a value, letters and digits apart (`changeme123` → changeme, 123). */
function valueWords(v: string): string[] {
  return v.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+|(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])/).filter(Boolean);
}

/** True for an obvious placeholder: change-me, CHANGE_ME, <…>, ${…}, dummy, example, redacted, xxxx, your-token-here… */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v === '' || MASK.test(v) || /^\$[A-Z_][A-Z0-9_]*$/.test(v)) return true;
  const rest = v.replace(REFERENCE, ' ');
  if (rest !== v && /^[^A-Za-z0-9]*$/.test(rest)) return true;
  const words = valueWords(rest);
  if (words.length === 0) return false;
  const strong = (w: string) => STRONG.has(w) || /^x{3,}$/.test(w) || /^(changeme|setme|fillme|notasecret|notreal)/.test(w);
  return words.every((w) => strong(w) || WEAK.has(w)) && words.some(strong);
}

/** Values that say where a secret lives, not what it is: Kubernetes ref kinds, ARNs, UUIDs, paths, plain URLs,
 * and variable names (`DB_PASSWORD`, as ExternalSecret's `secretKey` holds). */
export function isReference(value: string): boolean {
  if (/^(secretRef|configMapRef|secretKeyRef|configMapKeyRef)$/.test(value) || /^[A-Z]+(?:_[A-Z]+)+$/.test(value)) return true;
  // SOPS-encrypted values and secret-manager references (vals, ESO-style URIs) are safe to commit.
  if (/^ENC\[[A-Z0-9_]+,data:/.test(value) || /^(?:ref\+[a-z0-9]+|vault|awssm|awsssm|ssm|secretsmanager|gcpsm|azkv|sops|op):/.test(value)) return true;
  if (/^arn:aws[a-z-]*:|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)) return true;
  if (/^(\/|\.\/|~\/)[\w./@+-]*$/.test(value)) return true;
  // A URL without a password (one with a password is a credential format).
  return /^[a-z][a-z0-9+.-]*:\/\/[^\s@]*$/i.test(value);
}

/** Strings that are booleans in disguise; a flag is never a secret. */
export function isBoolish(value: string): boolean {
  return /^(true|false|yes|no|on|off|enabled|disabled)$/i.test(value);
}
