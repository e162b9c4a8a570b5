// Handlers of every simulated service, keyed by service then operation name.
import type { Handler } from './context.js';
import { eksHandlers } from './eks.js';
import { s3Handlers } from './s3.js';
import { copyObject } from './s3-copy.js';
import { s3ListHandlers } from './s3-list.js';
import { elbv2Handlers } from './elbv2-write.js';
import { secretsHandlers } from './secrets.js';
import { listSecrets } from './secrets-list.js';
import { stsHandlers } from './sts.js';
import { taggingHandlers } from './tagging.js';

/** Simulated service ids, as used in fault keys and the request log. */
export type ServiceId = 'elbv2' | 'eks' | 'secretsmanager' | 'sts' | 'tagging' | 's3';

/** service → operation → handler. */
export const handlers: Record<ServiceId, Record<string, Handler>> = {
  elbv2: elbv2Handlers,
  eks: eksHandlers,
  secretsmanager: { ...secretsHandlers, ListSecrets: listSecrets },
  sts: stsHandlers,
  tagging: taggingHandlers,
  s3: { ...s3Handlers, ...s3ListHandlers, CopyObject: copyObject },
};
