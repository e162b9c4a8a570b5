// Tool discovery: where each external tool lives, which version it is, and how to install it.
import { access, constants } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';
import type { ToolName } from '../core/task-spec.js';

export interface ToolInfo {
  name: ToolName;
  /** Environment variable that overrides discovery with an explicit path. */
  envVar: string;
  versionArgs: readonly string[];
  /** Minimum supported version, `major.minor.patch`. */
  min: string;
  install: string;
  /** Another tool accepted in its place (tofu → terraform). */
  fallback?: ToolName;
}

/** The tool table; versions are the oldest we test or the predecessor relied on. */
export const TOOLS: Record<ToolName, ToolInfo> = {
  helm: { name: 'helm', envVar: 'JETSCALE_HELM', versionArgs: ['version', '--short'], min: '3.14.0', install: 'https://helm.sh/docs/intro/install/ (helm 3.14+ or 4.x)' },
  kind: { name: 'kind', envVar: 'JETSCALE_KIND', versionArgs: ['version'], min: '0.20.0', install: 'go install sigs.k8s.io/kind@latest, or your package manager' },
  skaffold: { name: 'skaffold', envVar: 'JETSCALE_SKAFFOLD', versionArgs: ['version'], min: '2.0.0', install: 'https://skaffold.dev/docs/install/' },
  tofu: { name: 'tofu', envVar: 'JETSCALE_TOFU', versionArgs: ['version'], min: '1.6.0', install: 'https://opentofu.org/docs/intro/install/ (or install terraform)', fallback: 'terraform' },
  terraform: { name: 'terraform', envVar: 'JETSCALE_TERRAFORM', versionArgs: ['version'], min: '1.5.0', install: 'https://developer.hashicorp.com/terraform/install' },
  kubectl: { name: 'kubectl', envVar: 'JETSCALE_KUBECTL', versionArgs: ['version', '--client'], min: '1.27.0', install: 'https://kubernetes.io/docs/tasks/tools/' },
  tilt: { name: 'tilt', envVar: 'JETSCALE_TILT', versionArgs: ['version'], min: '0.33.0', install: 'https://docs.tilt.dev/install.html' },
  ctlptl: { name: 'ctlptl', envVar: 'JETSCALE_CTLPTL', versionArgs: ['version'], min: '0.8.0', install: 'https://github.com/tilt-dev/ctlptl#installation' },
  docker: { name: 'docker', envVar: 'JETSCALE_DOCKER', versionArgs: ['--version'], min: '20.10.0', install: 'https://docs.docker.com/engine/install/' },
};

/** First `x.y.z` in a tool's version output (`v3.17.0+g…`, `Terraform v1.11.0`, `Client Version: v1.31.0`). */
export function parseVersion(output: string): string | undefined {
  return /v?(\d+\.\d+\.\d+)/.exec(output)?.[1];
}

/** True when `version` ≥ `min` (numeric, major.minor.patch). */
export function satisfiesMin(version: string, min: string): boolean {
  const a = version.split('.').map(Number);
  const b = min.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}

/** Absolute path of `name` from the override variable or PATH; undefined when absent. */
export async function findExecutable(name: string, env: Readonly<Record<string, string | undefined>>, override?: string): Promise<string | undefined> {
  if (override) return (await isExecutable(override)) ? override : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    const candidate = join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** True when `path` exists and this process may execute it. */
export async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
