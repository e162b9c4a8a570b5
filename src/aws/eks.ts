// EKS facade: clusters and nodegroups of an ephemeral environment, read by diagnose and deleted by the janitor.
import type { Cluster, Nodegroup } from '@aws-sdk/client-eks';
import type { Performed } from '../core/effects.js';
import type { AwsClients } from './clients.js';
import { collectPages } from './paginate.js';
import { ranOutput, toPerformed } from './skipped.js';

/** An EKS cluster as jetscale reads it. */
export interface ClusterInfo {
  name: string;
  arn: string;
  /** CREATING | ACTIVE | DELETING | FAILED | UPDATING | PENDING. */
  status: string;
  version: string | undefined;
  endpoint: string | undefined;
  roleArn: string | undefined;
  vpcId: string | undefined;
  oidcIssuer: string | undefined;
  createdAt: Date | undefined;
  tags: Record<string, string>;
}

/** An EKS managed nodegroup as jetscale reads it. */
export interface NodegroupInfo {
  name: string;
  arn: string;
  clusterName: string;
  status: string;
  instanceTypes: string[];
  desiredSize: number | undefined;
  createdAt: Date | undefined;
  tags: Record<string, string>;
}

/** The EKS operations jetscale uses; deletes answer the status EKS reports (DELETING) or the dry-run record. */
export interface EksFacade {
  listClusters(): Promise<string[]>;
  describeCluster(name: string): Promise<ClusterInfo>;
  listNodegroups(clusterName: string): Promise<string[]>;
  describeNodegroup(clusterName: string, nodegroupName: string): Promise<NodegroupInfo>;
  deleteNodegroup(clusterName: string, nodegroupName: string): Promise<Performed<{ status: string }>>;
  deleteCluster(name: string): Promise<Performed<{ status: string }>>;
}

/** Builds the EKS facade over the run's clients. */
export function createEks(clients: AwsClients): EksFacade {
  const sdk = () => import('@aws-sdk/client-eks');
  const client = () => clients.get('eks');
  return {
    async listClusters() {
      const { ListClustersCommand: C } = await sdk();
      const c = await client();
      return collectPages('eks:ListClusters', async (nextToken) => {
        const out = ranOutput(await c.send(new C({ nextToken, maxResults: 100 }), clients.sendOptions));
        return { items: out.clusters, next: out.nextToken };
      });
    },
    async describeCluster(name) {
      const { DescribeClusterCommand: C } = await sdk();
      const out = ranOutput(await (await client()).send(new C({ name }), clients.sendOptions));
      return toCluster(out.cluster ?? {});
    },
    async listNodegroups(clusterName) {
      const { ListNodegroupsCommand: C } = await sdk();
      const c = await client();
      return collectPages('eks:ListNodegroups', async (nextToken) => {
        const out = ranOutput(await c.send(new C({ clusterName, nextToken, maxResults: 100 }), clients.sendOptions));
        return { items: out.nodegroups, next: out.nextToken };
      });
    },
    async describeNodegroup(clusterName, nodegroupName) {
      const { DescribeNodegroupCommand: C } = await sdk();
      const out = ranOutput(await (await client()).send(new C({ clusterName, nodegroupName }), clients.sendOptions));
      return toNodegroup(out.nodegroup ?? {});
    },
    async deleteNodegroup(clusterName, nodegroupName) {
      const { DeleteNodegroupCommand: C } = await sdk();
      return toPerformed(await (await client()).send(new C({ clusterName, nodegroupName }), clients.sendOptions), (o) => ({ status: o.nodegroup?.status ?? '' }));
    },
    async deleteCluster(name) {
      const { DeleteClusterCommand: C } = await sdk();
      return toPerformed(await (await client()).send(new C({ name }), clients.sendOptions), (o) => ({ status: o.cluster?.status ?? '' }));
    },
  };
}

function toCluster(c: Cluster): ClusterInfo {
  return {
    name: c.name ?? '', arn: c.arn ?? '', status: c.status ?? '', version: c.version, endpoint: c.endpoint, roleArn: c.roleArn,
    vpcId: c.resourcesVpcConfig?.vpcId, oidcIssuer: c.identity?.oidc?.issuer, createdAt: c.createdAt, tags: { ...c.tags },
  };
}

function toNodegroup(n: Nodegroup): NodegroupInfo {
  return {
    name: n.nodegroupName ?? '', arn: n.nodegroupArn ?? '', clusterName: n.clusterName ?? '', status: n.status ?? '',
    instanceTypes: n.instanceTypes ?? [], desiredSize: n.scalingConfig?.desiredSize, createdAt: n.createdAt, tags: { ...n.tags },
  };
}
