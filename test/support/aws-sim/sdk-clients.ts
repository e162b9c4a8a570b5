// Real SDK clients pointed at a simulator, with the standard retry strategy but millisecond backoff so retry tests stay fast.
import { EKSClient } from '@aws-sdk/client-eks';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { STSClient } from '@aws-sdk/client-sts';
// A transitive dependency of every @aws-sdk client: the standard strategy with a configurable backoff.
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import type { AwsSim } from './index.js';

/** One client per simulated service. */
export interface SimClients {
  elbv2: ElasticLoadBalancingV2Client;
  eks: EKSClient;
  secrets: SecretsManagerClient;
  sts: STSClient;
  tagging: ResourceGroupsTaggingAPIClient;
  /** Path-style, as the simulator serves buckets (/<bucket>/<key>). */
  s3: S3Client;
  destroy(): void;
}

/** Build clients for `sim`; maxAttempts as in the SDK default (3) unless given. */
export function simClients(sim: AwsSim, maxAttempts = 3): SimClients {
  const config = {
    endpoint: sim.url,
    region: sim.region,
    credentials: { accessKeyId: 'AKIAFAKESIMULATOR000', secretAccessKey: 'fake-secret' },
    retryStrategy: new ConfiguredRetryStrategy(maxAttempts, (attempt: number) => 5 * attempt),
  };
  const clients = {
    elbv2: new ElasticLoadBalancingV2Client(config),
    eks: new EKSClient(config),
    secrets: new SecretsManagerClient(config),
    sts: new STSClient(config),
    tagging: new ResourceGroupsTaggingAPIClient(config),
    s3: new S3Client({ ...config, forcePathStyle: true }),
  };
  return { ...clients, destroy: () => Object.values(clients).forEach((c) => c.destroy()) };
}
