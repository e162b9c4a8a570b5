// No committed secrets (AGENTS.md "public by default"; stack-chart-envs.md §9 I3.1–I3.4). Scans each values
// file as written (not merged), so a secret is reported in the file that holds it even if a later layer hides it:
// values (strings and numbers), keys, strings that embed assignments, and comments, where secrets hide too.
import type { Finding } from '../core/finding.js';
import type { ParseResult, YamlComment } from '../values/load-yaml.js';
import { isPlainMap, pathKey, formatPath, type PathSegment, type ValuesDoc } from '../values/values-doc.js';
import { cutAllows } from './allow-comments.js';
import { scanComment, scanText } from './secret-text.js';
import { credentialLooks, secretHit } from './secret-values.js';

export { entropy, holdsSecret, isPlaceholder, isSecretKey, looksRandom, secretProblem } from './secret-values.js';

/** Receives the secret part of every finding, so the run can redact it from everything else it prints. */
export type OnSecret = (secret: string) => void;

/** Only distinctive secrets are passed on: masking a plain word (`password`) would garble every message holding it. */
const distinctive = (onSecret: OnSecret): OnSecret => (s) => {
  if (s.length >= 6 && (/[^A-Za-z]/.test(s) || /[A-Z]/.test(s.slice(1)) || s.length >= 12)) onSecret(s);
};

/** The rule id of every committed-secret finding (what `# jetscale:allow` names to silence one). */
export const SECRET_RULE = 'secrets/committed';
const HINT =
  'move the value to the secret manager (External Secrets) or the gitignored .env; a placeholder must look like one (change-me, <set-in-.env>, ${VAR}); if it is not a secret, end the line with `# jetscale:allow secrets/committed <reason>`';

/** `a.b[0]` with any key that itself looks like a credential masked, so the message cannot leak it. */
function safePath(path: readonly PathSegment[]): string {
  return formatPath(path.map((p) => (typeof p === 'string' && credentialLooks(p) ? '(key)' : p)));
}

/** The key a leaf is judged by: its own, or the name beside it (`{name: DB_PASSWORD, value: …}`, `[--token, …]`). */
function keyFor(path: readonly PathSegment[], parent: unknown): string {
  const last = path.at(-1);
  const own = String([...path].reverse().find((p) => typeof p === 'string') ?? '');
  if (last === 'value' && isPlainMap(parent)) {
    const named = parent.name ?? parent.key;
    if (typeof named === 'string') return named;
  }
  if (typeof last === 'number' && Array.isArray(parent) && last > 0) {
    const flag = parent[last - 1];
    if (typeof flag === 'string' && /^--?[A-Za-z][\w.-]*$/.test(flag)) return flag.replace(/^--?/, '');
  }
  return own;
}

/** Findings for every secret-looking value, key or string in one values file (comments: see scanComments). */
export function scanForSecrets(doc: ValuesDoc, onSecret: OnSecret = () => {}): Finding[] {
  const out: Finding[] = [];
  const report = (path: PathSegment[], problem: string, secret: string) => {
    const pos = doc.positions.get(pathKey(path));
    onSecret(secret);
    out.push({ rule: SECRET_RULE, severity: 'error', message: `${safePath(path)}: ${problem}; this repo is public`, file: doc.file, ...(pos ? { line: pos.line, col: pos.col } : {}), hint: HINT });
  };
  const visit = (value: unknown, path: PathSegment[], parent: unknown) => {
    if (isPlainMap(value)) {
      for (const [k, v] of Object.entries(value)) {
        const inKey = credentialLooks(k);
        if (inKey) report([...path, k], `a key ${inKey.replace(/^value /, '')}`, k);
        visit(v, [...path, k], value);
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...path, i], value));
    else {
      const hit = secretHit(keyFor(path, parent), value);
      const inText = !hit && typeof value === 'string' ? scanText(value) : undefined;
      if (hit) report(path, hit.problem, hit.secret);
      else if (inText) report(path, inText.problem.replace(/^value /, 'the string '), inText.secret);
    }
  };
  visit(doc.values, [], undefined);
  return out;
}

/** Findings for secrets in comments: one per comment, at the comment's line and the column where it starts. */
export function scanComments(file: string, comments: readonly YamlComment[], onSecret: OnSecret = () => {}): Finding[] {
  const out: Finding[] = [];
  for (const c of comments) {
    const found = scanComment(cutAllows(c.text));
    if (found) onSecret(found.secret);
    if (found) out.push({ rule: SECRET_RULE, severity: 'error', message: `comment: ${found.problem}; this repo is public`, file, line: c.line, col: c.col + found.index, hint: HINT });
  }
  return out;
}

/** Every secret in one parsed file: its values (as far as a broken file could be read) and its comments. */
export function scanFileForSecrets(file: string, parsed: Pick<ParseResult, 'doc' | 'comments' | 'salvaged'>, onSecret?: OnSecret): Finding[] {
  const doc = parsed.doc ?? parsed.salvaged;
  const pass = onSecret && distinctive(onSecret);
  return [...(doc ? scanForSecrets(doc, pass) : []), ...scanComments(file, parsed.comments ?? [], pass)];
}
