// The AWS adapter's entry: one object per run with a narrow facade per service. Importing it loads no SDK;
// each SDK client is imported when a facade first calls it.
import { createAwsClients, type AwsClientOptions, type AwsClients } from './clients.js';
import { createEks, type EksFacade } from './eks.js';
import { createElbv2, type Elbv2Facade } from './elbv2.js';
import { createS3, type S3Facade } from './s3.js';
import { createSecretsManager, type SecretsManagerFacade } from './secrets.js';
import { createSts, type StsFacade } from './sts.js';
import { createTagging, type TaggingFacade } from './tagging.js';

export { createAwsClients, type AwsClientMap, type AwsClientOptions, type AwsClients, type AwsRetryStrategy } from './clients.js';
export { AwsNotFoundError, AwsServiceError, isAwsNotFound } from './errors.js';
export { AWS_OPERATIONS, classifyOperation, type AwsService } from './operations.js';
export type * from './eks.js';
export type * from './elbv2.js';
export type * from './s3.js';
export type * from './secrets.js';
export type * from './sts.js';
export type * from './tagging.js';

/** Every AWS facade of one run, over one set of memoised clients. */
export interface Aws {
  readonly clients: AwsClients;
  readonly sts: StsFacade;
  readonly elbv2: Elbv2Facade;
  readonly eks: EksFacade;
  readonly secretsManager: SecretsManagerFacade;
  readonly tagging: TaggingFacade;
  readonly s3: S3Facade;
  /** The region every client of the run uses (env view, else the profile's), resolved once. */
  region(): Promise<string>;
  /** Closes every client's sockets (call once when the task ends). */
  destroy(): void;
}

/** Builds the run's AWS facades; nothing is imported or sent until a facade is called. */
export function createAws(opts: AwsClientOptions): Aws {
  const clients = createAwsClients(opts);
  return {
    clients,
    sts: createSts(clients),
    elbv2: createElbv2(clients),
    eks: createEks(clients),
    secretsManager: createSecretsManager(clients),
    tagging: createTagging(clients),
    s3: createS3(clients),
    region: async () => (await clients.get('sts')).config.region(),
    destroy: () => clients.destroy(),
  };
}
