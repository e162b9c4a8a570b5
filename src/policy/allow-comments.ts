// The audited escape hatch: `# jetscale:allow <rule-id> <reason>` at the end of a line silences that rule's
// findings on that line (like gitleaks' `gitleaks:allow`). Every allow is listed in the report; one without a
// reason is an error, one that silences nothing a warning, so allows cannot pile up unreviewed.
import type { Finding } from '../core/finding.js';
import type { YamlComment } from '../values/load-yaml.js';

const MARK = 'jetscale:allow';
const RULE_ID = /^[a-z0-9][a-z0-9-]*(?:\/[a-z0-9][a-z0-9-]*)*$/;
/** Rules no comment may silence: a file that does not parse has no lines to trust, and allows police themselves. */
const NOT_ALLOWABLE = (rule: string) => rule === 'yaml/syntax' || rule.startsWith('allow/');

/** One allow annotation. `standalone`: nothing precedes it on its line, so there is nothing there to silence. */
export interface AllowComment {
  file: string;
  line: number;
  col: number;
  rule: string;
  reason: string;
  standalone: boolean;
}

/** An allow that silenced findings, for the report (the findings without their fix hints: nothing to fix). */
export interface AllowedFindings extends Omit<AllowComment, 'standalone'> {
  findings: Finding[];
}

/** The comment text before its first allow annotation (what the secret scan reads). */
export function cutAllows(text: string): string {
  const at = text.indexOf(MARK);
  return at < 0 ? text : text.slice(0, at).replace(/[\s#]+$/, '');
}

/** Allow annotations in one file's comments, and errors for malformed ones (no rule id, no reason). */
export function parseAllows(file: string, comments: readonly YamlComment[]): { allows: AllowComment[]; findings: Finding[] } {
  const allows: AllowComment[] = [];
  const findings: Finding[] = [];
  for (const c of comments) {
    const parts = c.text.split(MARK);
    const before = parts[0]!.replace(/^[#\s]+/, '');
    let offset = parts[0]!.length;
    for (const part of parts.slice(1)) {
      const col = c.col + offset;
      offset += MARK.length + part.length;
      const [token = '', ...words] = part.replace(/[#\s]+$/, '').trim().split(/\s+/);
      const rule = token.replace(/[:,;]$/, '');
      const reason = words.join(' ');
      const bad = (message: string, hint: string) => findings.push({ rule: 'allow/invalid', severity: 'error', message, file, line: c.line, col, hint });
      if (!RULE_ID.test(rule)) bad(`${MARK} needs a rule id`, `write \`# ${MARK} <rule-id> <reason>\`, e.g. \`# ${MARK} secrets/committed public test fixture\``);
      else if (NOT_ALLOWABLE(rule)) bad(`${MARK} ${rule}: this rule cannot be allowed`, 'fix the finding instead');
      else if (!/\p{L}{2,}/u.test(reason)) bad(`${MARK} ${rule} has no reason; an allow must say why the finding is acceptable`, `write \`# ${MARK} ${rule} <reason>\``);
      else allows.push({ file, line: c.line, col, rule, reason, standalone: !c.trailing && before.trim() === '' });
    }
  }
  return { allows, findings };
}

/** Splits findings into those no allow covers and, per allow, those it silences (same file, line and rule). */
export function matchAllows(findings: readonly Finding[], allows: readonly AllowComment[]): { kept: Finding[]; silenced: Map<AllowComment, Finding[]> } {
  const byLine = new Map<string, AllowComment>();
  for (const a of allows) byLine.set(`${a.file}|${a.line}|${a.rule}`, a);
  const silenced = new Map<AllowComment, Finding[]>();
  const kept: Finding[] = [];
  for (const f of findings) {
    const a = f.file !== undefined && f.line !== undefined && !NOT_ALLOWABLE(f.rule) ? byLine.get(`${f.file}|${f.line}|${f.rule}`) : undefined;
    if (a) silenced.set(a, [...(silenced.get(a) ?? []), f]);
    else kept.push(f);
  }
  return { kept, silenced };
}

/** Warnings for allows that silenced nothing, among those whose rule ran on their file (`judged`). */
export function unusedAllows(allows: readonly AllowComment[], silenced: ReadonlyMap<AllowComment, Finding[]>, remaining: readonly Finding[], judged: (a: AllowComment) => boolean): Finding[] {
  return allows
    .filter((a) => !silenced.has(a) && judged(a))
    .map((a) => {
      const here = [...new Set(remaining.filter((f) => f.file === a.file && f.line === a.line).map((f) => f.rule))];
      const hint = a.standalone
        ? 'an allow silences findings on its own line: put it at the end of the line the finding points at'
        : here.length > 0
          ? `findings on this line: ${here.join(', ')}; name one of them, or remove the allow`
          : 'remove the allow: the finding it was for is gone';
      return { rule: 'allow/unused', severity: 'warning', message: `${MARK} ${a.rule} silences nothing on this line`, file: a.file, line: a.line, col: a.col, hint } satisfies Finding;
    });
}
