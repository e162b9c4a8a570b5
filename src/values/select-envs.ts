// Which environments a command line names: `live/console`, a glob such as `preview/*` or `*/console`, or the
// file path a shell completes (`envs/live/console.yaml`). Pure; a pattern that matches nothing is reported.
import type { EnvFile } from './discover-envs.js';

export interface Selection {
  selected: EnvFile[];
  /** Patterns that matched no environment (a usage error for the caller). */
  unmatched: string[];
}

/** The environments matching any pattern, in discovery order; no patterns selects all. */
export function selectEnvironments(envs: readonly EnvFile[], patterns: readonly string[], envsDir: string): Selection {
  if (patterns.length === 0) return { selected: [...envs], unmatched: [] };
  const matchers = patterns.map((p) => ({ pattern: p, re: globToRegExp(normalize(p, envsDir)) }));
  const unmatched = matchers.filter((m) => !envs.some((e) => m.re.test(e.id))).map((m) => m.pattern);
  return { selected: envs.filter((e) => matchers.some((m) => m.re.test(e.id))), unmatched };
}

/** `envs/live/console.yaml` and `./live/console.yml` → `live/console`. */
function normalize(pattern: string, envsDir: string): string {
  let p = pattern.replace(/\\/g, '/').replace(/^\.\//, '');
  if (p.startsWith(`${envsDir}/`)) p = p.slice(envsDir.length + 1);
  return p.replace(/\.ya?ml$/, '');
}

/** `*` and `?` stay within one path segment, `**` crosses segments; everything else is literal. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      out += '.*';
      i += 1;
    } else if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else out += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}
