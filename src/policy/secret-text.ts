// Secrets in free text: YAML comments (a commented-out `# DB_PASSWORD: hunter2…`, a token pasted in a note) and
// strings that embed assignments (`Server=db;Password=…`, `--token=…`, `{"password": "…"}`).
import { findCredentialFormats, looksRandom } from './credential-formats.js';
import { credentialIn, holdsSecret, looksLikeLiteral, safeName, secretHit } from './secret-values.js';

/** A problem found in a piece of text, at `index` (0-based) into it, and the secret part (for redaction). */
export interface TextProblem {
  index: number;
  problem: string;
  secret: string;
}

/** `key: value` / `key=value` inside text; `:` needs a space or quote after it so `host:port` is not one. */
const ASSIGNMENT = /(?<![\w.-])(?:--?)?([A-Za-z_][\w.-]*)["']?(?:\s*=\s*|:\s+|:(?=["']))("[^"\n]*"|'[^'\n]*'|[^\s"',;&]+)/g;
/** Candidate random tokens: base64/hex runs not glued to names, hosts or paths. */
const TOKEN = /(?<![\w+/=.:-])[A-Za-z0-9+/_]{20,}={0,2}(?![\w+/=.:-])/g;

/** Drops quotes and closing brackets a bare value picked up from the surrounding text. */
function cleanValue(raw: string): string {
  if (/^(["']).*\1$/.test(raw)) return raw.slice(1, -1);
  let v = raw;
  for (const [open, close] of [['(', ')'], ['[', ']'], ['{', '}']] as const) {
    while (v.endsWith(close) && v.split(open).length < v.split(close).length) v = v.slice(0, -1);
  }
  return v.replace(/[.]+$/, '');
}

/** First secret in free text: a credential format, a random token, or a secret-named assignment with a literal. */
export function scanText(text: string): TextProblem | undefined {
  const format = findCredentialFormats(text)[0];
  if (format) return { index: format.index, problem: `value looks like ${format.name}`, secret: format.secret };
  for (const m of /[:=]/.test(text) ? text.matchAll(ASSIGNMENT) : []) {
    const key = m[1]!;
    const value = cleanValue(m[2]!);
    if (holdsSecret(key) && looksLikeLiteral(value)) return { index: m.index, problem: `${safeName(key)} is given a literal value`, secret: value };
  }
  for (const m of text.length >= 20 ? text.matchAll(TOKEN) : []) if (looksRandom(m[0])) return { index: m.index, problem: 'value looks like a random credential (high entropy)', secret: m[0] };
  return undefined;
}

/** A whole comment that is one commented-out `key: value` / `KEY=value` line: judged like a real value. */
const COMMENTED_OUT = /^(?:-\s+)?(?:export\s+)?(["']?)([A-Za-z_][\w.-]*)\1(?:\s*=\s*|:\s+)(.*?)\s*$/;

/** The value of a commented-out line as YAML would read it (quoted → string, digits → number), or undefined for prose. */
function commentedValue(raw: string): string | number | undefined {
  if (/^"[^"]*"$|^'[^']*'$/.test(raw)) return raw.slice(1, -1);
  if (/\s/.test(raw)) return undefined;
  return /^[-+]?(\d+|\d*\.\d+)([eE][-+]?\d+)?$/.test(raw) ? Number(raw) : raw;
}

/** First secret in a comment's text (allow annotations already cut off); index is into `comment`. */
export function scanComment(comment: string): TextProblem | undefined {
  const start = comment.search(/[^#\s]/);
  if (start < 0) return undefined;
  const body = comment.slice(start);
  const m = COMMENTED_OUT.exec(body);
  const value = m ? commentedValue(m[3]!) : undefined;
  if (m && value !== undefined) {
    const hit = secretHit(m[2]!, value);
    if (hit) return { index: start, problem: credentialIn(String(value)) ? hit.problem : `commented-out ${safeName(m[2]!)} holds a literal value`, secret: hit.secret };
  }
  const found = scanText(body);
  return found && { ...found, index: start + found.index };
}
