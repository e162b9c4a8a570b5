// OpenAPI v3 documents that say one thing truthfully: every served PATCH takes `fieldValidation`. That is what kubectl
// and helm check before they leave validation to the server (without it they want full schemas, which are not served).
import { RESOURCES, type ResourceDef } from './resources.js';

const HASH = 'kube-sim-1';

function gvPath(d: ResourceDef): string {
  return d.group ? `apis/${d.group}/${d.version}` : `api/${d.version}`;
}

function patchPath(d: ResourceDef): string {
  return `/${gvPath(d)}${d.namespaced ? '/namespaces/{namespace}' : ''}/${d.plural}/{name}`;
}

const QUERY = ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map((name) => ({ name, in: 'query', schema: { type: name === 'force' ? 'boolean' : 'string' } }));

function gvDoc(defs: ResourceDef[]): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const d of defs) {
    if (!d.verbs.includes('patch')) continue;
    paths[patchPath(d)] = {
      patch: {
        operationId: `patch${d.kind}`,
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group: d.group, version: d.version, kind: d.kind },
        parameters: QUERY,
        responses: { '200': { description: 'OK' } },
      },
    };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes (kube-sim)', version: 'v1.31.0' }, paths };
}

/** `/openapi/v3` (the index) or `/openapi/v3/<api|apis/group>/<version>`; undefined for anything else. */
export function openapiV3(path: string): Record<string, unknown> | undefined {
  const clean = path.replace(/\/+$/, '');
  if (clean === '/openapi/v3') {
    const gvs = [...new Set(RESOURCES.map(gvPath))];
    return { paths: Object.fromEntries(gvs.map((gv) => [gv, { serverRelativeURL: `/openapi/v3/${gv}?hash=${HASH}` }])) };
  }
  const gv = clean.replace(/^\/openapi\/v3\//, '');
  const defs = RESOURCES.filter((d) => gvPath(d) === gv);
  return gv !== clean && defs.length > 0 ? gvDoc(defs) : undefined;
}
