// Inline fixtures mirroring charts/jetscale at Jetscale-ai/Stack 3c016b7 (stack-chart-envs.md §1, §2).

export const CHART_FILE = 'charts/jetscale/Chart.yaml';
export const LOCK_FILE = 'charts/jetscale/Chart.lock';
export const REPO = 'oci://ghcr.io/jetscale-ai/charts';
export const HEAD_DIGEST = 'sha256:e72c7536f24bcb332de7e110870d444951aeac4d553df9e2eaa800c4ae49b898';

/** Chart.yaml dependencies block, one dependency per 5 lines starting at line 8. */
export function chartYaml(deps = DEFAULT_DEPS): string {
  return `apiVersion: v2
name: jetscale
description: The JetScale Platform Umbrella Chart
type: application
version: 0.24.9
appVersion: "0.24.9"
dependencies:
${deps}`;
}

export const DEFAULT_DEPS = `  - name: backend
    alias: backend-api
    version: "4.6.12"
    repository: "${REPO}"
    condition: backend-api.enabled
  - name: backend
    alias: backend-ws
    version: "4.6.12"
    repository: "${REPO}"
    condition: backend-ws.enabled
  - name: frontend
    version: "2.7.1"
    repository: "${REPO}"
    condition: frontend.enabled
`;

/** Chart.lock with entries starting at line 2 (3 lines each). */
export function chartLock(digest = HEAD_DIGEST, entries = DEFAULT_LOCK): string {
  return `dependencies:
${entries}digest: ${digest}
generated: "2026-02-25T10:00:00.000000000-05:00"
`;
}

export const DEFAULT_LOCK = `- name: backend
  repository: ${REPO}
  version: 4.6.12
- name: backend
  repository: ${REPO}
  version: 4.6.12
- name: frontend
  repository: ${REPO}
  version: 2.7.1
`;
