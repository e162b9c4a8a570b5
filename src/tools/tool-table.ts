// The external tools jetscale drives: how each is found (override variable), which version it must be, how to
// install it, and which argv asks it for its version (src/tools/version-args.ts; each adapter re-exports its own).
import { VERSION_ARGS } from './version-args.js';

/** Every external tool jetscale knows. */
export type ToolName = 'helm' | 'kind' | 'skaffold' | 'tofu' | 'terraform' | 'kubectl' | 'tilt' | 'ctlptl' | 'docker';

/** A tool found and version-checked for this run. */
export interface ResolvedTool {
  /** The tool the task asked for. */
  name: ToolName;
  /** The tool actually used (terraform when tofu is missing): the name shown in commands and the transcript. */
  actual: ToolName;
  path: string;
  /** `major.minor.patch` as the tool reported it. */
  version: string;
}

/** How one tool is found, checked and installed. */
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
  /** The Go module a genuine build of the tool is made from: its version is then read from the binary's build info
   * (see go-buildinfo.ts) instead of starting the tool. */
  goModule?: RegExp;
}

/** The tool table; versions are the oldest we test or the predecessor relied on. */
export const TOOLS: Record<ToolName, ToolInfo> = {
  helm: { name: 'helm', envVar: 'JETSCALE_HELM', versionArgs: VERSION_ARGS.helm, min: '3.14.0', install: 'https://helm.sh/docs/intro/install/ (helm 3.14+ or 4.x)', goModule: /^helm\.sh\/helm\/v\d+$/ },
  kind: { name: 'kind', envVar: 'JETSCALE_KIND', versionArgs: VERSION_ARGS.kind, min: '0.20.0', install: 'go install sigs.k8s.io/kind@latest, or your package manager' },
  skaffold: { name: 'skaffold', envVar: 'JETSCALE_SKAFFOLD', versionArgs: VERSION_ARGS.skaffold, min: '2.0.0', install: 'https://skaffold.dev/docs/install/' },
  tofu: { name: 'tofu', envVar: 'JETSCALE_TOFU', versionArgs: VERSION_ARGS.terraform, min: '1.6.0', install: 'https://opentofu.org/docs/intro/install/ (or install terraform)', fallback: 'terraform' },
  terraform: { name: 'terraform', envVar: 'JETSCALE_TERRAFORM', versionArgs: VERSION_ARGS.terraform, min: '1.5.0', install: 'https://developer.hashicorp.com/terraform/install' },
  kubectl: { name: 'kubectl', envVar: 'JETSCALE_KUBECTL', versionArgs: VERSION_ARGS.kubectl, min: '1.27.0', install: 'https://kubernetes.io/docs/tasks/tools/' },
  tilt: { name: 'tilt', envVar: 'JETSCALE_TILT', versionArgs: VERSION_ARGS.tilt, min: '0.33.0', install: 'https://docs.tilt.dev/install.html' },
  ctlptl: { name: 'ctlptl', envVar: 'JETSCALE_CTLPTL', versionArgs: VERSION_ARGS.ctlptl, min: '0.8.0', install: 'https://github.com/tilt-dev/ctlptl#installation' },
  docker: { name: 'docker', envVar: 'JETSCALE_DOCKER', versionArgs: VERSION_ARGS.docker, min: '20.10.0', install: 'https://docs.docker.com/engine/install/' },
};
