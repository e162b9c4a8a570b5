// Start a stateful AWS simulator on loopback that the real @aws-sdk v3 clients talk to over HTTP.
import type { AddressInfo } from 'node:net';
import { loadFixture } from './fixture-load.js';
import type { AwsFixture } from './fixture-schema.js';
import { Faults, type FaultSpec } from './faults.js';
import type { Cluster, Listener, LoadBalancer, Nodegroup, Secret, TargetGroup } from './model.js';
import { seedState } from './seed.js';
import { createSimServer, type RequestRecord } from './server.js';
import type { SimState } from './state.js';

export type { AwsFixture } from './fixture-schema.js';
export { FixtureError, parseFixture, loadFixture } from './fixture-load.js';
export type { FaultSpec } from './faults.js';
export type { RequestRecord } from './server.js';
export type { Cluster, Listener, LoadBalancer, Nodegroup, Secret, TargetGroup } from './model.js';

/** Options of startAwsSim. */
export interface AwsSimOptions {
  /** A fixture object, or a path to a YAML/JSON fixture file. */
  fixture?: AwsFixture | string;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  account?: string;
  region?: string;
  /** Reads a DELETING EKS cluster/nodegroup survives before it is gone (default 2). */
  deletingReads?: number;
  /** Called after every request (main.ts prints one line per call). */
  onRequest?: (r: RequestRecord) => void;
}

/** Resource kinds that list() can snapshot, with their record types. */
export interface KindMap {
  'elbv2:loadbalancer': LoadBalancer;
  'elbv2:listener': Listener;
  'elbv2:targetgroup': TargetGroup;
  'eks:cluster': Cluster;
  'eks:nodegroup': Nodegroup;
  'secretsmanager:secret': Secret;
}

/** A running simulator. */
export interface AwsSim {
  /** Base URL, e.g. http://127.0.0.1:40123 (serves every service). */
  readonly url: string;
  readonly account: string;
  readonly region: string;
  /** Every call so far, in order. */
  readonly requests: RequestRecord[];
  /** The live state (mutate only if a test must set up something the fixture cannot express). */
  readonly state: SimState;
  /** Environment for SDK clients or a child process: endpoints, region, fake credentials. */
  env(): Record<string, string>;
  clearRequests(): void;
  /** Arm a fault for "service:Operation", "service:*" or "*". */
  fault(key: string, spec: FaultSpec): void;
  clearFaults(key?: string): void;
  /** A deep copy of every resource of one kind, in listing order. */
  list<K extends keyof KindMap>(kind: K): KindMap[K][];
  stop(): Promise<void>;
}

/** Start a simulator seeded from a fixture. */
export async function startAwsSim(opts: AwsSimOptions = {}): Promise<AwsSim> {
  const fixture = await loadFixture(opts.fixture);
  const state = seedState(fixture, { account: opts.account ?? '111111111111', region: opts.region ?? 'us-east-1', deletingReads: opts.deletingReads ?? 2 });
  const requests: RequestRecord[] = [];
  const faults = new Faults();
  const server = createSimServer({ state: () => state, faults, log: requests, onRequest: opts.onRequest });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const collections = {
    'elbv2:loadbalancer': state.loadBalancers, 'elbv2:listener': state.listeners, 'elbv2:targetgroup': state.targetGroups,
    'eks:cluster': state.clusters, 'eks:nodegroup': state.nodegroups, 'secretsmanager:secret': state.secrets,
  };
  return {
    url,
    account: state.account,
    region: state.region,
    requests,
    state,
    env: () => simEnv(url, state.region),
    clearRequests: () => void requests.splice(0),
    fault: (key, spec) => faults.add(key, spec),
    clearFaults: (key) => faults.clear(key),
    list: <K extends keyof KindMap>(kind: K) => structuredClone([...collections[kind].all()]) as KindMap[K][],
    stop: () => new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      // SDK clients keep sockets alive; without this close() waits for their idle timeout.
      server.closeAllConnections();
    }),
  };
}

/** Env vars that point every SDK client (and the aws CLI) at the simulator with obviously fake credentials. */
export function simEnv(url: string, region: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: url,
    AWS_ENDPOINT_URL_EKS: url,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: url,
    AWS_ENDPOINT_URL_STS: url,
    AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API: url,
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: 'AKIAFAKESIMULATOR000',
    AWS_SECRET_ACCESS_KEY: 'fake-secret-key-for-the-local-aws-simulator',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}
