// Start a stateful AWS simulator on loopback that the real @aws-sdk v3 clients talk to over HTTP.
import type { AddressInfo } from 'node:net';
import { createControl } from './control.js';
import { loadFaults, loadFixture } from './fixture-load.js';
import type { AwsFixture } from './fixture-schema.js';
import type { FaultEntry } from './fault-schema.js';
import { Faults, type ArmedFault, type FaultSpec } from './faults.js';
import { openRequestLog } from './request-log.js';
import { seedState } from './seed.js';
import { createSimServer, type RequestRecord } from './server.js';
import { listKind, snapshotResources, type KindMap } from './snapshot.js';
import type { SimState } from './state.js';

export type { AwsFixture } from './fixture-schema.js';
export { FixtureError, parseFixture, loadFixture, loadFaults } from './fixture-load.js';
export { FaultSpecError, parseFaultList, type FaultEntry, type FaultIssue } from './fault-schema.js';
export type { ArmedFault, FaultSpec } from './faults.js';
export type { RequestRecord } from './server.js';
export type { BucketView, KindMap, S3ObjectView } from './snapshot.js';
export type { Bucket, Cluster, Listener, LoadBalancer, Nodegroup, S3Object, Secret, TargetGroup } from './model.js';

/** Options of startAwsSim. */
export interface AwsSimOptions {
  /** A fixture object, or a path to a YAML/JSON fixture file. */
  fixture?: AwsFixture | string;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  account?: string;
  region?: string;
  /** Reads a DELETING EKS cluster/nodegroup survives before it is gone (default 2; overrides the fixture's countdown). */
  deletingReads?: number;
  /** Seconds a DELETING EKS cluster/nodegroup survives, however often it is read (overrides the fixture's countdown). */
  deletingSeconds?: number;
  /** Faults to arm at start and on every reset, after the fixture's `faults:`: a list, or a YAML/JSON file holding one. */
  faults?: { key: string; spec: FaultSpec }[] | string;
  /** Append every request to this file as one JSON line (secret values redacted). */
  logFile?: string;
  /** Called after every request (main.ts prints one line per call). */
  onRequest?: (r: RequestRecord) => void;
}

/** A running simulator. */
export interface AwsSim {
  /** Base URL, e.g. http://127.0.0.1:40123 (serves every service and the /_sim/ control API). */
  readonly url: string;
  readonly account: string;
  readonly region: string;
  /** Every call so far, in order (the same array across resets). */
  readonly requests: RequestRecord[];
  /** The live state (mutate only if a test must set up something the fixture cannot express); replaced by reset(). */
  readonly state: SimState;
  /** Environment for SDK clients or a child process: endpoints, region, fake credentials. */
  env(): Record<string, string>;
  clearRequests(): void;
  /** Arm a fault for "service:Operation", "service:*" or "*"; a FaultSpecError names a bad field. */
  fault(key: string, spec: FaultSpec): void;
  clearFaults(key?: string): void;
  /** The armed faults and the calls each has left. */
  faults(): ArmedFault[];
  /** A deep copy of every resource of one kind, in listing order. */
  list<K extends keyof KindMap>(kind: K): KindMap[K][];
  /** Back to the state right after start; exactly what POST /_sim/reset does (see README). */
  reset(): void;
  stop(): Promise<void>;
}

/** Start a simulator seeded from a fixture. */
export async function startAwsSim(opts: AwsSimOptions = {}): Promise<AwsSim> {
  if (opts.deletingReads !== undefined && opts.deletingSeconds !== undefined) throw new Error('give deletingReads or deletingSeconds, not both');
  const fixture = await loadFixture(opts.fixture);
  const extraFaults: FaultEntry[] = await loadFaults(opts.faults);
  const seedOpts = { account: opts.account ?? '111111111111', region: opts.region ?? 'us-east-1', deletingReads: opts.deletingReads, deletingSeconds: opts.deletingSeconds };
  // Seed from a copy so nothing a handler does to the live state can leak back into what reset() restores.
  let state = seedState(structuredClone(fixture), seedOpts);
  const requests: RequestRecord[] = [];
  const faults = new Faults();
  const armInitial = () => {
    faults.clear();
    faults.armAll(fixture.faults ?? []);
    faults.armAll(extraFaults);
  };
  armInitial();
  const reset = () => {
    state = seedState(structuredClone(fixture), seedOpts);
    armInitial();
    requests.splice(0);
  };
  const logFile = opts.logFile ? openRequestLog(opts.logFile) : undefined;
  const onRequest = logFile || opts.onRequest ? (r: RequestRecord) => (logFile?.write(r), opts.onRequest?.(r)) : undefined;
  const control = createControl({
    requests,
    faults,
    snapshot: () => ({
      url, account: state.account, region: state.region,
      deleting: state.deletingSeconds === undefined ? { reads: state.deletingReads } : { seconds: state.deletingSeconds },
      resources: snapshotResources(state), faults: faults.list(), requestCount: requests.length,
    }),
    reset: () => (reset(), { reset: true, faults: faults.list(), counts: Object.fromEntries(Object.entries(snapshotResources(state)).map(([k, v]) => [k, v.length])) }),
  });
  const server = createSimServer({ state: () => state, faults, log: requests, onRequest, control });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    account: state.account,
    region: state.region,
    requests,
    get state() {
      return state;
    },
    env: () => simEnv(url, state.region),
    clearRequests: () => void requests.splice(0),
    fault: (key, spec) => faults.add(key, spec),
    clearFaults: (key) => faults.clear(key),
    faults: () => faults.list(),
    list: (kind) => listKind(state, kind),
    reset,
    stop: () => new Promise<void>((resolve, reject) => {
      server.close((err) => {
        logFile?.close();
        if (err) reject(err);
        else resolve();
      });
      // SDK clients keep sockets alive; without this close() waits for their idle timeout.
      server.closeAllConnections();
    }),
  };
}

/** Env vars that point every SDK client (and the aws CLI, and terraform's S3 backend) at the simulator with obviously fake credentials. */
export function simEnv(url: string, region: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: url,
    AWS_ENDPOINT_URL_EKS: url,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: url,
    AWS_ENDPOINT_URL_STS: url,
    AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API: url,
    AWS_ENDPOINT_URL_S3: url,
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: 'AKIAFAKESIMULATOR000',
    AWS_SECRET_ACCESS_KEY: 'fake-secret-key-for-the-local-aws-simulator',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}
