// Legacy (non-aggregated) discovery documents built from the resource table, plus /version.
import { RESOURCES, apiVersionOf, type ResourceDef } from './resources.js';

function groups(): Map<string, ResourceDef[]> {
  const m = new Map<string, ResourceDef[]>();
  for (const d of RESOURCES) if (d.group) m.set(d.group, [...(m.get(d.group) ?? []), d]);
  return m;
}

function groupDoc(name: string, defs: ResourceDef[]): Record<string, unknown> {
  const versions = [...new Set(defs.map((d) => d.version))].map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
  return { name, versions, preferredVersion: versions[0] };
}

function resourceList(groupVersion: string, defs: ResourceDef[]): Record<string, unknown> {
  const resources = defs.flatMap((d) => [
    {
      name: d.plural, singularName: d.singular, namespaced: d.namespaced, kind: d.kind, verbs: d.verbs,
      ...(d.shortNames ? { shortNames: d.shortNames } : {}), ...(d.categories ? { categories: d.categories } : {}),
    },
    ...(d.subresources ?? []).map((s) => ({
      name: `${d.plural}/${s}`, singularName: '', namespaced: d.namespaced, kind: s === 'log' ? 'Pod' : s === 'scale' ? 'Scale' : d.kind,
      verbs: s === 'log' ? ['get'] : ['get', 'patch', 'update'],
      ...(s === 'scale' ? { group: 'autoscaling', version: 'v1' } : {}),
    })),
  ]);
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources };
}

/** The discovery body for a path, or undefined when the path is not a discovery endpoint. */
export function discovery(path: string, serverAddress: string): Record<string, unknown> | undefined {
  const clean = path.replace(/\/+$/, '');
  if (clean === '/version') {
    return { major: '1', minor: '31', gitVersion: 'v1.31.0-kube-sim', gitCommit: 'kube-sim', gitTreeState: 'clean', buildDate: '2024-01-01T00:00:00Z', goVersion: 'go1.22', compiler: 'gc', platform: 'linux/amd64' };
  }
  if (clean === '/api') {
    return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
  }
  if (clean === '/api/v1') return resourceList('v1', RESOURCES.filter((d) => d.group === ''));
  if (clean === '/apis') {
    return { kind: 'APIGroupList', apiVersion: 'v1', groups: [...groups()].map(([n, defs]) => groupDoc(n, defs)) };
  }
  const m = /^\/apis\/([^/]+)(?:\/([^/]+))?$/.exec(clean);
  const defs = m ? groups().get(m[1] ?? '') : undefined;
  if (!m || !defs) return undefined;
  if (m[2] === undefined) return { kind: 'APIGroup', apiVersion: 'v1', ...groupDoc(m[1] ?? '', defs) };
  const inVersion = defs.filter((d) => d.version === m[2]);
  return inVersion.length ? resourceList(apiVersionOf(inVersion[0] as ResourceDef), inVersion) : undefined;
}
