// Credentials recognisable by their shape whatever the key: token prefixes (ghp_, AKIA, xox…), private keys, JWTs,
// URL passwords, and random-looking strings. A format filled with a mask (`AKIAXXXXXXXXXXXXXXXX`) is a placeholder.
import { isPlaceholder } from './placeholders.js';

interface Format {
  name: string;
  re: RegExp;
  /** The part that would be secret, checked for masks; it is also what gets redacted when `redactBody` is set, else
   * the whole match is. */
  secret: (m: RegExpExecArray) => string;
  redactBody?: boolean;
  /** The secret part must mix character classes (the prefix alone is common in names). */
  mixed?: boolean;
}

const afterPrefix = (m: RegExpExecArray) => m[0].replace(/^[A-Za-z]+[_.-]?(?:pat_|proj-|ant-|live_|test_)?/, '');
const FORMATS: readonly Format[] = [
  { name: 'an AWS access key id', re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, secret: (m) => m[0].slice(4) },
  { name: 'a GitHub token', re: /\b(?:ghp|gho|ghs|ghu|ghr)_[A-Za-z0-9]{30,}\b|\bgithub_pat_[A-Za-z0-9_]{40,}/g, secret: afterPrefix },
  { name: 'a GitLab token', re: /\bglpat-[A-Za-z0-9_-]{20,}/g, secret: afterPrefix },
  { name: 'a private key', re: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----(?:([\s\S]*?)-----END)?/g, secret: (m) => (m[1] === undefined ? m[0] : m[1].trim()), redactBody: true },
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
  { name: 'a URL with a password', re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:([^\s:/@]+)@/gi, secret: (m) => m[1]!, redactBody: true },
];

/** Cheap pre-check: every format above contains one of these (most values contain none). */
const MAYBE = /AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|PRIVATE KEY|eyJ|xox|AIza|[rs]k_|sk-|npm_|dckr_pat_|hv[sb]\.|Bearer|Basic|:\/\//;

/** Upper, lower and digits all present. */
const mixesClasses = (s: string) => /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s);

/** A credential found in text: what it looks like, where it starts, and its secret part. */
export interface CredentialMatch {
  name: string;
  index: number;
  secret: string;
}

/** Every credential format in `text`, with whether it is masked (`AKIAXXXX…`, `ghp_xxxx…`, `user:<password>@`). */
function matchFormats(text: string): Array<CredentialMatch & { masked: boolean }> {
  const out: Array<CredentialMatch & { masked: boolean }> = [];
  if (!MAYBE.test(text)) return out;
  for (const f of FORMATS) {
    f.re.lastIndex = 0;
    for (let m = f.re.exec(text); m; m = f.re.exec(text)) {
      const body = f.secret(m);
      if (f.mixed && !mixesClasses(body)) continue;
      out.push({ name: f.name, index: m.index, secret: f.redactBody ? body : m[0], masked: isPlaceholder(body) || new Set(body.replace(/[-_.\s]/g, '')).size <= 2 });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Every unmasked credential format in `text`, in order. */
export function findCredentialFormats(text: string): CredentialMatch[] {
  return matchFormats(text)
    .filter((m) => !m.masked)
    .map(({ masked: _, ...m }) => m);
}

/** True when `value` is a credential format filled with a mask: a placeholder by its shape. */
export function isMaskedFormat(value: string): boolean {
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

/** Random-looking by a lower bar, for values under secret-named keys: also single-case hex and base64 tokens
 * (a 40-hex GitHub token under SECRET_NAME), but still not names with `_`, `-`, `.` or `:`. */
export function looksRandomUnderSecretKey(s: string): boolean {
  if (looksRandom(s)) return true;
  if (s.length < 24 || !/^[A-Za-z0-9+/=]+$/.test(s) || s.startsWith('/')) return false;
  return /[A-Za-z]/.test(s) && /[0-9]/.test(s) && entropy(s) >= 3.5;
}
