// No committed secrets (AGENTS.md "public by default"; stack-chart-envs.md §9 I3.1–I3.4). Scans each values
// file as written (not merged), so a secret is reported in the file that holds it even if a later layer hides it.
import type { Finding } from '../core/finding.js';
import { isPlainMap, pathKey, formatPath, type PathSegment, type ValuesDoc } from '../values/values-doc.js';

/** Words that make a key secret-named wherever they appear in it (JWT_SECRET_KEY, DB_PASSWORD_PROD, apiKey…). */
const SECRET_WORDS = new Set(['password', 'passwd', 'pwd', 'secret', 'token', 'credential', 'credentials', 'apikey', 'passphrase']);
/** Word pairs that do the same (PRIVATE_KEY, accessKey, ENCRYPTION_KEY…). */
const SECRET_PAIRS = /(api|private|access|secret|encryption|signing|master)key/;

/** `JWT_SECRET_KEY`, `jwtSecretKey`, `db-password` → lower-case words. */
function keyWords(key: string): string[] {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/** True when a key names a credential. */
export function isSecretKey(key: string): boolean {
  const words = keyWords(key);
  return words.some((w) => SECRET_WORDS.has(w)) || words.some((w, i) => SECRET_PAIRS.test(w + (words[i + 1] ?? '')));
}
/** Key names that hold references to secrets (paths, names, store names), never secret values. */
const REFERENCE_KEY = /^(secretPath|secretStoreName|awsSecretPrefix|secretName|existingSecret|secretRef)$/;
/** Values that only reference where a secret lives. */
const REFERENCE_VALUE = /^(secretRef|configMapRef)$/;
/** Documented placeholders: obviously fake values the chart's local/test files use. */
// Only unmistakable markers: a word like "example" or "fake" inside a real-looking value must not hide it.
export const PLACEHOLDER = /placeholder|not-a-secret|changeme|^<[^>]*>$|^\$\{[^}]*\}$|^x{4,}$|^redacted$/i;
/** Identifiers that look random but are public: ARNs, account-scoped URLs, UUIDs. */
const PUBLIC_ID = /^(arn:aws[a-z-]*:|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$)/;

const FORMATS: ReadonlyArray<{ name: string; re: RegExp }> = [
  { name: 'an AWS access key id', re: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: 'a GitHub token', re: /\b(ghp|gho|ghs|ghu|ghr)_[A-Za-z0-9]{30,}\b|\bgithub_pat_[A-Za-z0-9_]{40,}/ },
  { name: 'a private key', re: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  { name: 'a JSON Web Token', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
  { name: 'a Slack token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { name: 'a URL with a password', re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s:/@]+@/i },
];

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
  return /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s) && entropy(s) >= 3.5;
}

/** What is wrong with `value` at `key`, or undefined when it is fine. */
export function secretProblem(key: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  if (PLACEHOLDER.test(value) || PUBLIC_ID.test(value)) return undefined;
  for (const f of FORMATS) if (f.re.test(value)) return `value looks like ${f.name}`;
  if (isSecretKey(key) && !REFERENCE_KEY.test(key) && !REFERENCE_VALUE.test(value)) return `"${key}" holds a literal value`;
  if (looksRandom(value)) return 'value looks like a random credential (high entropy)';
  return undefined;
}

/** Findings for every secret-looking value in one values file. */
export function scanForSecrets(doc: ValuesDoc): Finding[] {
  const out: Finding[] = [];
  const visit = (value: unknown, path: PathSegment[]) => {
    if (isPlainMap(value)) for (const [k, v] of Object.entries(value)) visit(v, [...path, k]);
    else if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...path, i]));
    else {
      const key = String([...path].reverse().find((p) => typeof p === 'string') ?? '');
      const problem = secretProblem(key, value);
      if (!problem) return;
      const pos = doc.positions.get(pathKey(path));
      out.push({
        rule: 'secrets/committed',
        severity: 'error',
        message: `${formatPath(path)}: ${problem}; this repo is public`,
        file: doc.file,
        ...(pos ? { line: pos.line, col: pos.col } : {}),
        hint: 'move the value to the secret manager (External Secrets) or the gitignored .env; placeholders must say so (e.g. "placeholder-not-a-secret")',
      });
    }
  };
  visit(doc.values, []);
  return out;
}
