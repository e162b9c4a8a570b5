// A helm release record as helm stores it in the cluster (the Secret driver: JSON → gzip → base64, labelled
// owner=helm), so the real helm can read it from kube-sim: `helm list`, `status`, `history` and `uninstall`.
import { gzipSync } from 'node:zlib';

export interface ReleaseSeed {
  name: string;
  namespace: string;
  revision: number;
  status: 'deployed' | 'superseded' | 'failed';
  chart: { name: string; version: string; appVersion: string };
  /** User-supplied values (helm returns them in `status -o json`; the adapter must not). */
  config?: Record<string, unknown>;
}

/** The `sh.helm.release.v1.<name>.v<revision>` Secret for `seed`. */
export function releaseSecret(seed: ReleaseSeed): Record<string, unknown> {
  const when = '2026-01-02T03:04:05.000000000Z';
  const release = {
    name: seed.name,
    namespace: seed.namespace,
    version: seed.revision,
    info: { first_deployed: when, last_deployed: when, deleted: '', description: seed.revision === 1 ? 'Install complete' : 'Upgrade complete', status: seed.status },
    chart: { metadata: { apiVersion: 'v2', name: seed.chart.name, version: seed.chart.version, appVersion: seed.chart.appVersion }, templates: [], values: {} },
    config: seed.config ?? {},
    manifest: '',
  };
  // helm base64-encodes the gzip itself; the Secret's `data` adds the API's own base64 layer.
  const helmEncoded = gzipSync(Buffer.from(JSON.stringify(release))).toString('base64');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'helm.sh/release.v1',
    metadata: { name: `sh.helm.release.v1.${seed.name}.v${seed.revision}`, namespace: seed.namespace, labels: { owner: 'helm', name: seed.name, status: seed.status, version: String(seed.revision) } },
    data: { release: Buffer.from(helmEncoded).toString('base64') },
  };
}
