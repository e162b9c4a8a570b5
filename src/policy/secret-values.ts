// What makes a key or a value a committed secret (AGENTS.md "public by default"). Three signals: a credential
// format (token prefixes, private keys, JWTs, URL passwords), a random-looking string, and a literal value under
// a key that holds a secret. Placeholders and references pass; keys that only describe a secret (its name,
// path, URL, length…) fire only on the first two signals. Problems never repeat the value.

/** Words that make a key secret-named wherever they appear in it (JWT_SECRET_KEY, DB_PASSWORD_PROD, apiKey…). */
const SECRET_WORDS = new Set(['password', 'passwd', 'pwd', 'pw', 'pass', 'passcode', 'passphrase', 'htpasswd', 'secret', 'token', 'credential', 'credentials', 'apikey']);
/** Word pairs that do the same (PRIVATE_KEY, accessKey, ENCRYPTION_KEY…). */
const SECRET_PAIRS = /(api|private|access|secret|encryption|signing|master|account|shared|client|ssh|license|session)key/;
/** Last words of keys that describe a secret rather than hold one (PASSWORD_MIN_LENGTH, SECRET_NAME, TOKEN_URL). */
const DESCRIBES_LAST = new Set(
  ('name names url urls uri uris endpoint endpoints host hostname domain port path paths file files filename dir directory folder mount ' +
    'location arn arns id ids ref refs reference store provider backend source type kind class format encoding length len size min max ' +
    'minimum maximum count limit ttl expiry expiration expires expire lifetime timeout age days hours minutes seconds secs ms interval ' +
    'period duration rotation schedule policy policies mode method algorithm alg header prefix suffix version region namespace field ' +
    'property selector label labels annotation annotations enabled enable disabled required optional pattern regex template env var ' +
    'variable scope scopes audience issuer strength complexity manager rule rules hint description help prompt chars characters digits ' +
    'rounds cost retries attempts threshold generator').split(' '),
);
/** First words that do the same (existingSecret, minPasswordLength, createSecret, useTokenAuth). */
const DESCRIBES_FIRST = new Set('existing external use create generate enable disable require allow mount rotate min max minimum maximum num has is should show reset forgot validate verify auto skip inject'.split(' '));
/** Trailing qualifiers skipped before looking at the last word (SECRET_NAME_PROD names a secret). */
const QUALIFIER = /^(prod|production|staging|stage|dev|development|live|preview|test|local|qa|uat|old|new|default|primary|secondary|v?\d+)$/;

/** `JWT_SECRET_KEY`, `jwtSecretKey`, `db-password` → lower-case words. */
export function keyWords(key: string): string[] {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z])([A-Z][a-z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/** True when a key names a credential (holds it or describes it). */
export function isSecretKey(key: string): boolean {
  const words = keyWords(key);
  return words.some((w) => SECRET_WORDS.has(w)) || words.some((w, i) => SECRET_PAIRS.test(w + (words[i + 1] ?? '')));
}

/** True when a secret-named key is about a secret (its name, path, URL, length…) rather than the secret itself. */
export function describesSecret(key: string): boolean {
  const words = keyWords(key);
  while (words.length > 1 && QUALIFIER.test(words.at(-1)!)) words.pop();
  if (words.length < 2) return false;
  return DESCRIBES_LAST.has(words.at(-1)!) || DESCRIBES_FIRST.has(words[0]!);
}

/** True when a key holds a secret value: secret-named and not a descriptor. */
export function holdsSecret(key: string): boolean {
  return isSecretKey(key) && !describesSecret(key);
}

/** `${VAR}`, `$(VAR)`, `{{ .Values.x }}`, `<your-token>`, `%VAR%`: references to a value kept elsewhere. */
const REFERENCE = /\$\{[^}]*\}|\$\([^)]*\)|\{\{.*?\}\}|<[^<>]*>|%[A-Za-z_][A-Za-z0-9_]*%/g;
/** Masks: xxxx, XXXX-XXXX, ****, ..., …, ####, (none), [redacted]-style brackets are handled by the words. */
const MASK = /^(?:[xX]{3,}|[*•#.…_-]{3,}|…|n\/a|N\/A)(?:[-_ .:/][xX*•#.…]{3,})*$/;
/** Words that make an all-placeholder value obviously fake. */
const STRONG = new Set('required optional unknown change changeme changeit replace replaceme dummy example examples sample redacted placeholder fake todo tbd fixme not none unset null nil empty undefined your here insert paste fill foo bar baz qux lorem ipsum mock'.split(' '));
/** Words that may accompany them (`your-password-here`, `not-a-real-secret`, `dummy-db-password`). */
const WEAK = new Set('a an the my me to be is in of for with set real value val secret secrets password passwd pass pwd pw passphrase token key api apikey access auth credential credentials private client db database user env local dev test testing demo default this it only use new one string text goes'.split(' '));

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
  const vocab = (w: string) => STRONG.has(w) || WEAK.has(w) || /^x{3,}$/.test(w);
  return words.every(vocab) && words.some((w) => STRONG.has(w) || /^x{3,}$/.test(w) || /^(changeme|setme|fillme|notasecret|notreal)/.test(w));
}

/** Values that say where a secret lives, not what it is: Kubernetes ref kinds, ARNs, UUIDs, paths, plain URLs. */
export function isReference(value: string): boolean {
  if (/^(secretRef|configMapRef|secretKeyRef|configMapKeyRef)$/.test(value)) return true;
  if (/^arn:aws[a-z-]*:|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)) return true;
  if (/^(\/|\.\/|~\/)[\w./@+-]*$/.test(value)) return true;
  // A URL without a password (one with a password is a credential format below).
  return /^[a-z][a-z0-9+.-]*:\/\/[^\s@]*$/i.test(value);
}

/** Strings that are booleans in disguise; a flag is never a secret. */
const BOOLISH = /^(true|false|yes|no|on|off|enabled|disabled)$/i;

interface Format {
  name: string;
  re: RegExp;
  /** The part that would be secret, checked for placeholders (`AKIAXXXXXXXXXXXXXXXX` is a mask). */
  secret: (m: RegExpExecArray) => string;
  /** The secret part must mix character classes (the prefix alone is common in names). */
  mixed?: boolean;
}

const afterPrefix = (m: RegExpExecArray) => m[0].replace(/^[A-Za-z]+[_.-]?(?:pat_|proj-|ant-|live_|test_)?/, '');
const FORMATS: readonly Format[] = [
  { name: 'an AWS access key id', re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, secret: (m) => m[0].slice(4) },
  { name: 'a GitHub token', re: /\b(?:ghp|gho|ghs|ghu|ghr)_[A-Za-z0-9]{30,}\b|\bgithub_pat_[A-Za-z0-9_]{40,}/g, secret: afterPrefix },
  { name: 'a GitLab token', re: /\bglpat-[A-Za-z0-9_-]{20,}/g, secret: afterPrefix },
  { name: 'a private key', re: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----(?:([\s\S]*?)-----END)?/g, secret: (m) => (m[1] === undefined ? 'unknown body' : m[1].replace(/\s+/g, '')) },
  { name: 'a JSON Web Token', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, secret: (m) => m[0] },
  { name: 'a Slack token', re: /\bxox[abposre]-[A-Za-z0-9-]{10,}/g, secret: (m) => m[0].slice(5) },
  { name: 'a Slack webhook URL', re: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]{20,}/g, secret: (m) => m[0].slice(33) },
  { name: 'a Google API key', re: /\bAIza[0-9A-Za-z_-]{35}\b/g, secret: (m) => m[0].slice(4) },
  { name: 'a Stripe secret key', re: /\b[rs]k_(?:live|test)_[0-9A-Za-z]{16,}/g, secret: afterPrefix },
  { name: 'an API key (sk-…)', re: /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}/g, secret: afterPrefix, mixed: true },
  { name: 'an npm token', re: /\bnpm_[A-Za-z0-9]{36}\b/g, secret: afterPrefix },
  { name: 'a Docker Hub token', re: /\bdckr_pat_[A-Za-z0-9_-]{20,}/g, secret: afterPrefix },
  { name: 'a Vault token', re: /\bhv[sb]\.[A-Za-z0-9_-]{20,}/g, secret: afterPrefix },
  { name: 'a bearer token', re: /\b(?:Bearer|Basic) +([A-Za-z0-9._~+/-]{20,}=*)/g, secret: (m) => m[1]!, mixed: true },
  { name: 'a URL with a password', re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:([^\s:/@]+)@/gi, secret: (m) => m[1]! },
];

/** Upper, lower and digits all present. */
const mixesClasses = (s: string) => /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s);

/** Every credential format in `text`: its name, where it starts, and whether it is masked (`AKIAXXXX…`, `ghp_xxxx…`). */
function matchFormats(text: string): Array<{ name: string; index: number; masked: boolean }> {
  const out: Array<{ name: string; index: number; masked: boolean }> = [];
  for (const f of FORMATS) {
    f.re.lastIndex = 0;
    for (let m = f.re.exec(text); m; m = f.re.exec(text)) {
      const secret = f.secret(m);
      if (f.mixed && !mixesClasses(secret)) continue;
      out.push({ name: f.name, index: m.index, masked: isPlaceholder(secret) || new Set(secret.replace(/[-_.]/g, '')).size <= 2 });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Every unmasked credential format in `text`: its name and where it starts. */
export function findCredentialFormats(text: string): Array<{ name: string; index: number }> {
  return matchFormats(text).filter((m) => !m.masked);
}

/** True when `value` is a credential format filled with a mask: a placeholder by its shape. */
function isMaskedFormat(value: string): boolean {
  const found = matchFormats(value);
  return found.length > 0 && found.every((m) => m.masked);
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / s.length) * Math.log2(n / s.length);
  return bits;
}

/** Random-looking: ≥ 20 chars of base64/hex alphabet mixing upper, lower and digits, entropy ≥ 3.5. */
export function looksRandom(s: string): boolean {
  // Hyphens, dots and colons mark names, hosts and ARNs, and a leading slash a path, which are not secrets
  // (§9 I3.2); an inner slash or plus is base64 (AWS secret access keys have them).
  if (s.length < 20 || !/^[A-Za-z0-9+/=_]+$/.test(s) || /[.:-]/.test(s) || s.startsWith('/')) return false;
  return mixesClasses(s) && entropy(s) >= 3.5;
}

/** A credential by its looks alone, whatever the key: a known format or a random string. */
export function credentialLooks(value: string): string | undefined {
  const format = findCredentialFormats(value)[0];
  if (format) return `value looks like ${format.name}`;
  if (!isPlaceholder(value) && looksRandom(value)) return 'value looks like a random credential (high entropy)';
  return undefined;
}

/** What is wrong with `value` at `key`, or undefined when it is fine. Never quotes the value. */
export function secretProblem(key: string, value: unknown): string | undefined {
  if (typeof value === 'number' || typeof value === 'bigint') return holdsSecret(key) ? 'a secret-named key holds a literal value (a number)' : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const looks = credentialLooks(value);
  if (looks) return looks;
  if (!holdsSecret(key) || isPlaceholder(value) || isMaskedFormat(value) || isReference(value) || BOOLISH.test(value)) return undefined;
  return 'a secret-named key holds a literal value';
}

/** Looser signal for text (comments, strings with `key=value` inside): a literal that reads like a password, not a word of prose. */
export function looksLikeLiteral(value: string): boolean {
  if (value.length < 6 || isPlaceholder(value) || isReference(value) || BOOLISH.test(value) || /^[([].*[)\]]$/.test(value)) return false;
  return /[0-9]/.test(value) || /[^A-Za-z0-9]/.test(value) || /[A-Z]/.test(value.slice(1)) || value.length >= 12;
}

/** `key` for messages, or a neutral word when the key itself looks like a credential. */
export function safeName(key: string): string {
  return credentialLooks(key) ? '(a key that looks like a credential)' : key;
}
