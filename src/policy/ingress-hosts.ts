// An environment with its ingress on must name at least one host (envs/README.md): the chart fails the render
// without one, so catch it offline, at the line that emptied the map, even with --render=off.
import type { Finding } from '../core/finding.js';
import { finding, get, writtenAt, type EnvUnderTest } from './env-under-test.js';

const HOSTS = ['ingress', 'hosts'];

/** ingress.enabled ⇒ ingress.hosts is a non-empty map. */
export const checkIngressHosts = (env: EnvUnderTest): Finding[] => {
  if (get(env, ['ingress', 'enabled']) !== true) return [];
  const hosts = get(env, HOSTS);
  if (hosts !== null && typeof hosts === 'object' && Object.keys(hosts).length > 0) return [];
  const w = writtenAt(env, HOSTS);
  const where: Pick<Finding, 'file' | 'line' | 'col'> = w ? { file: w.file, line: w.line, col: w.col } : { file: env.file };
  return [finding(env, HOSTS, { rule: 'ingress/hosts', severity: 'error', message: 'ingress is enabled but ingress.hosts is empty: the environment would have no public host', hint: `add the environment's host under ingress.hosts in ${env.file} (e.g. console.jetscale.ai: {})` }, where)];
};
