// What an ephemeral environment id is (`pr-<n>`) and which names no destructive task may ever touch.
import { JetscaleError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';

/** `pr-<n>`: no leading zero, at most six digits (the PR number). */
export const ENV_ID_PATTERN = /^pr-[1-9][0-9]{0,5}$/;

/** Words that mark production-like names; always protected, besides the configured list. */
export const PROTECTED_WORDS = ['prod', 'live', 'staging', 'tools'] as const;

/** The env id when `raw` is one; otherwise a usage error (exit 2) naming the expected form. */
export function parseEnvId(raw: string, protectedNames: readonly string[] = []): string {
  if (!ENV_ID_PATTERN.test(raw)) {
    throw new JetscaleError(`"${raw}" is not an ephemeral environment id`, {
      code: 'E_ENV_ID', exitCode: ExitCode.usage, hint: 'pass pr-<PR number>, e.g. pr-123 (no leading zero, at most 6 digits)',
    });
  }
  const hit = protectedMatch(raw, protectedNames);
  if (hit) {
    throw new JetscaleError(`environment id ${raw} matches the protected name "${hit}"`, {
      code: 'E_PROTECTED_NAME', exitCode: ExitCode.precondition, hint: 'remove it from protectedNames in jetscale.config.yaml if it really is a preview environment',
    });
  }
  return raw;
}

/** The PR number of an env id (`pr-123` → 123). */
export function prNumber(env: string): number {
  return Number(env.slice(3));
}

/** True for a string that is an env id (used to filter candidate tag values and cluster names). */
export function isEnvId(value: string): boolean {
  return ENV_ID_PATTERN.test(value);
}

/**
 * The protected word or configured name `name` matches, if any. Built-in words match a whole token or a token's
 * start, case-insensitively (`jetscale-prod`, `production`, `Live`), so `delivery` is not `live`; configured names
 * match anywhere in the name.
 */
export function protectedMatch(name: string, configured: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const tokens = lower.split(/[^a-z0-9]+/).filter(Boolean);
  const word = PROTECTED_WORDS.find((w) => tokens.some((t) => t.startsWith(w)));
  if (word) return word;
  return configured.find((c) => c.trim() !== '' && lower.includes(c.trim().toLowerCase()));
}
