// What makes a key or a value a committed secret (AGENTS.md "public by default"). Three signals: a credential
// format (token prefixes, private keys, JWTs, URL passwords), a random-looking string, and a literal value under
// a key that holds a secret. Placeholders and references pass; keys that only describe a secret (its name,
// path, URL, length…) fire only on the first two signals. Problems never repeat the value.
import { findCredentialFormats, isMaskedFormat, looksRandom, looksRandomUnderSecretKey } from './credential-formats.js';
import { isBoolish, isPlaceholder, isReference } from './placeholders.js';

export { entropy, looksRandom } from './credential-formats.js';
export { isPlaceholder } from './placeholders.js';

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
    'rounds cost retries attempts threshold generator volume volumes mounts').split(' '),
);
/** First words that do the same (existingSecret, minPasswordLength, createSecret, useTokenAuth). */
const DESCRIBES_FIRST = new Set('existing external use create generate enable disable require allow mount rotate min max minimum maximum num has is should show reset forgot validate verify auto skip inject'.split(' '));
/** `<word>Secret` / `<word>Key` that name a Kubernetes Secret or an entry of one (passwordSecret, tlsSecret,
 * registrySecret, passwordKey, tokenKey), unlike clientSecret, jwtSecret or apiKey, which hold the secret. */
const NAMES_K8S_SECRET = /^(password|passwd|token|credentials?|auth|basic|tls|cert|certificate|registry|pull|docker|image|db|database) secret$|^(password|passwd|token|credentials?) key$/;
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
  return DESCRIBES_LAST.has(words.at(-1)!) || DESCRIBES_FIRST.has(words[0]!) || NAMES_K8S_SECRET.test(words.slice(-2).join(' '));
}

/** True when a key holds a secret value: secret-named and not a descriptor. */
export function holdsSecret(key: string): boolean {
  return isSecretKey(key) && !describesSecret(key);
}

/** A secret found in a value: what is wrong (never quoting it) and the secret part, for redaction elsewhere. */
export interface SecretHit {
  problem: string;
  secret: string;
}

/** A credential by its looks alone: a known format or a random string (a lower bar under secret-named keys). */
export function credentialIn(value: string, secretNamedKey = false): SecretHit | undefined {
  const format = findCredentialFormats(value)[0];
  if (format) return { problem: `value looks like ${format.name}`, secret: format.secret };
  if (!isPlaceholder(value) && (secretNamedKey ? looksRandomUnderSecretKey(value) : looksRandom(value))) return { problem: 'value looks like a random credential (high entropy)', secret: value };
  return undefined;
}

/** `credentialIn(value)?.problem`. */
export function credentialLooks(value: string): string | undefined {
  return credentialIn(value)?.problem;
}

/** Under a key ending in "key" (ExternalSecret's `secretKey`, `passwordKey`), a lone secret word names an entry of a
 * Secret: `secretKey: password`. */
function namesSecretEntry(key: string, value: string): boolean {
  return /key$/i.test(key) && /^(password|passwd|secret|token|apikey|api-key|api_key|credentials?|passphrase)$/i.test(value);
}

/** What is wrong with `value` at `key`, and the secret part; undefined when it is fine. */
export function secretHit(key: string, value: unknown): SecretHit | undefined {
  if (typeof value === 'number' || typeof value === 'bigint') return holdsSecret(key) ? { problem: 'a secret-named key holds a literal value (a number)', secret: String(value) } : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const looks = credentialIn(value, isSecretKey(key) && describesSecret(key));
  if (looks) return looks;
  if (!holdsSecret(key) || isPlaceholder(value) || isMaskedFormat(value) || isReference(value) || isBoolish(value) || namesSecretEntry(key, value)) return undefined;
  return { problem: 'a secret-named key holds a literal value', secret: value };
}

/** What is wrong with `value` at `key`, or undefined when it is fine. Never quotes the value. */
export function secretProblem(key: string, value: unknown): string | undefined {
  return secretHit(key, value)?.problem;
}

/** Looser signal for text (comments, strings with `key=value` inside): a literal that reads like a password, not a word of prose. */
export function looksLikeLiteral(value: string): boolean {
  if (value.length < 6 || isPlaceholder(value) || isReference(value) || isBoolish(value) || /^[([].*[)\]]$/.test(value)) return false;
  return /[0-9]/.test(value) || /[^A-Za-z0-9]/.test(value) || /[A-Z]/.test(value.slice(1)) || value.length >= 12;
}

/** `key` for messages, or a neutral word when the key itself looks like a credential. */
export function safeName(key: string): string {
  return credentialIn(key) ? '(a key that looks like a credential)' : key;
}
