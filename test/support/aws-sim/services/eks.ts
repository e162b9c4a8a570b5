// EKS (REST-JSON): clusters and nodegroups; a deleting resource reports DELETING for a few reads (or seconds), then is gone.
import { SimError } from '../errors.js';
import type { Cluster, Deleting, Nodegroup } from '../model.js';
import { paginate } from '../paginate.js';
import { optInt, optStr, reqStr } from '../protocol/params.js';
import type { SimState } from '../state.js';
import type { Handler } from './context.js';

const CA = Buffer.from('-----BEGIN CERTIFICATE-----\nFAKE-SIMULATOR-CA\n-----END CERTIFICATE-----\n').toString('base64');

// One read of a DELETING resource: past its deadline it is gone; without one, spend a read or remove it once they are used up.
function survivesRead(r: Deleting & { status: string }, remove: () => void): boolean {
  if (r.status !== 'DELETING') return true;
  if (r.deletingUntil !== undefined) {
    if (Date.now() < r.deletingUntil) return true;
    remove();
    return false;
  }
  if (r.deletingReads <= 0) {
    remove();
    return false;
  }
  r.deletingReads--;
  return true;
}

function readCluster(state: SimState, name: string): Cluster | undefined {
  const c = state.clusters.get(name);
  return c && survivesRead(c, () => state.clusters.delete(name)) ? c : undefined;
}

function readNodegroup(state: SimState, key: string): Nodegroup | undefined {
  const n = state.nodegroups.get(key);
  return n && survivesRead(n, () => state.nodegroups.delete(key)) ? n : undefined;
}

function clusterNotFound(name: string): SimError {
  return new SimError('ResourceNotFoundException', `No cluster found for name: ${name}.`, 404, { clusterName: name });
}

function encodeCluster(c: Cluster): Record<string, unknown> {
  return {
    name: c.name, arn: c.arn, createdAt: c.createdAt, version: c.version, endpoint: c.endpoint, roleArn: c.roleArn,
    resourcesVpcConfig: { vpcId: c.vpcId, subnetIds: [], securityGroupIds: [], endpointPublicAccess: true, endpointPrivateAccess: true },
    kubernetesNetworkConfig: { serviceIpv4Cidr: '172.20.0.0/16', ipFamily: 'ipv4' },
    identity: { oidc: { issuer: c.oidcIssuer } }, status: c.status, certificateAuthority: { data: CA },
    platformVersion: 'eks.1', tags: c.tags,
  };
}

function encodeNodegroup(n: Nodegroup): Record<string, unknown> {
  return {
    nodegroupName: n.name, nodegroupArn: n.arn, clusterName: n.cluster, version: '1.31', status: n.status,
    createdAt: n.createdAt, modifiedAt: n.createdAt, capacityType: 'ON_DEMAND', instanceTypes: n.instanceTypes,
    scalingConfig: { minSize: 0, maxSize: Math.max(1, n.desiredSize * 2), desiredSize: n.desiredSize }, tags: n.tags,
  };
}

/** ListClusters: maxResults 1-100 (default 100) with nextToken. */
const listClusters: Handler = (p, { state }) => {
  const names = state.clusters.all().map((c) => c.name).filter((n) => readCluster(state, n) !== undefined);
  const page = paginate(names, (n) => n, optStr(p, 'nextToken'), optInt(p, 'maxResults', 1, 100) ?? 100);
  return { clusters: page.items, nextToken: page.next };
};

/** DescribeCluster: ResourceNotFoundException (404) when absent. */
const describeCluster: Handler = (p, { state }) => {
  const name = reqStr(p, 'name');
  const c = readCluster(state, name);
  if (!c) throw clusterNotFound(name);
  return { cluster: encodeCluster(c) };
};

/** DeleteCluster: ResourceInUseException (409) while any nodegroup exists, else DELETING. */
const deleteCluster: Handler = (p, { state, now }) => {
  const name = reqStr(p, 'name');
  const c = readCluster(state, name);
  if (!c) throw clusterNotFound(name);
  state.expireDeleting(now.getTime());
  if (state.nodegroupsOf(name).length) throw new SimError('ResourceInUseException', `Cluster has nodegroups attached`, 409, { clusterName: name });
  state.startDeleting(c, now.getTime());
  return { cluster: encodeCluster(c) };
};

/** ListNodegroups: the cluster must exist; maxResults 1-100. */
const listNodegroups: Handler = (p, { state }) => {
  const name = reqStr(p, 'name');
  if (!readCluster(state, name)) throw clusterNotFound(name);
  const names = state.nodegroupsOf(name).filter((n) => readNodegroup(state, `${name}/${n.name}`)).map((n) => n.name);
  const page = paginate(names, (n) => n, optStr(p, 'nextToken'), optInt(p, 'maxResults', 1, 100) ?? 100);
  return { nodegroups: page.items, nextToken: page.next };
};

function findNodegroup(state: SimState, cluster: string, ng: string): Nodegroup {
  if (!readCluster(state, cluster)) throw clusterNotFound(cluster);
  const n = readNodegroup(state, `${cluster}/${ng}`);
  if (!n) throw new SimError('ResourceNotFoundException', `No node group found for name: ${ng}.`, 404, { clusterName: cluster, nodegroupName: ng });
  return n;
}

/** DescribeNodegroup. */
const describeNodegroup: Handler = (p, { state }) => ({ nodegroup: encodeNodegroup(findNodegroup(state, reqStr(p, 'name'), reqStr(p, 'nodegroupName'))) });

/** DeleteNodegroup: DELETING for a few reads (or seconds), then gone. */
const deleteNodegroup: Handler = (p, { state, now }) => {
  const n = findNodegroup(state, reqStr(p, 'name'), reqStr(p, 'nodegroupName'));
  state.startDeleting(n, now.getTime());
  return { nodegroup: encodeNodegroup(n) };
};

/** Every EKS operation the simulator speaks. */
export const eksHandlers: Record<string, Handler> = {
  ListClusters: listClusters,
  DescribeCluster: describeCluster,
  DeleteCluster: deleteCluster,
  ListNodegroups: listNodegroups,
  DescribeNodegroup: describeNodegroup,
  DeleteNodegroup: deleteNodegroup,
};

/** Map a REST request to an EKS operation and its path/query params, or undefined when the path is not EKS. */
export function routeEks(method: string, url: URL): { operation: string; params: Record<string, unknown> } | undefined {
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'clusters') return undefined;
  const q = Object.fromEntries(url.searchParams);
  const [, name, sub, ng] = parts;
  if (parts.length === 1 && method === 'GET') return { operation: 'ListClusters', params: q };
  if (parts.length === 2 && method === 'GET') return { operation: 'DescribeCluster', params: { ...q, name } };
  if (parts.length === 2 && method === 'DELETE') return { operation: 'DeleteCluster', params: { name } };
  if (sub !== 'node-groups') return undefined;
  if (parts.length === 3 && method === 'GET') return { operation: 'ListNodegroups', params: { ...q, name } };
  if (parts.length === 4 && method === 'GET') return { operation: 'DescribeNodegroup', params: { name, nodegroupName: ng } };
  if (parts.length === 4 && method === 'DELETE') return { operation: 'DeleteNodegroup', params: { name, nodegroupName: ng } };
  return undefined;
}
