// SDK errors become jetscale errors here, once, in the gate middleware: credentials and access → exit 3 with the fix,
// "gone" → a typed AwsNotFoundError callers can branch on, exhausted retries and other service errors → exit 1
// with the AWS error code and request id kept in the message.
import { JetscaleError, type ErrorCode } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';

/** What the failing call was, for the message. */
export interface AwsCall {
  /** `elbv2:DescribeTags`. */
  operation: string;
  /** The resource, as in the transcript. */
  target: string;
}

/** Codes (with or without a trailing `Exception`) that mean "this resource does not exist". */
const NOT_FOUND = new Set(['ResourceNotFound', 'LoadBalancerNotFound', 'TargetGroupNotFound', 'ListenerNotFound', 'RuleNotFound', 'NoSuchKey', 'NotFound', 'NoSuchBucket']);
/** Missing, expired or rejected credentials. */
const CREDENTIALS = new Set(['CredentialsProviderError', 'TokenProviderError', 'ExpiredToken', 'InvalidClientTokenId', 'UnrecognizedClient', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'InvalidSignature', 'MissingAuthenticationToken', 'IncompleteSignature', 'RequestExpired', 'AuthFailure', 'InvalidToken', 'TokenRefreshRequired']);
const ACCESS_DENIED = new Set(['AccessDenied', 'Forbidden', 'UnauthorizedOperation', 'Unauthorized', 'AuthorizationError', 'AllAccessDisabled']);
const THROTTLING = new Set(['Throttling', 'Throttled', 'TooManyRequests', 'RequestLimitExceeded', 'SlowDown', 'RequestThrottled', 'ProvisionedThroughputExceeded', 'BandwidthLimitExceeded', 'PriorRequestNotComplete']);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'TimeoutError', 'RequestTimeout']);

/** An AWS service error jetscale did not classify further: keeps the AWS code and request id. */
export class AwsServiceError extends JetscaleError {
  readonly operation: string;
  readonly awsCode: string;
  readonly requestId: string | undefined;
  constructor(message: string, call: AwsCall, awsCode: string, requestId: string | undefined, fields: { code: ErrorCode; exitCode: 1 | 3; hint?: string; cause: unknown }) {
    super(message, fields);
    this.name = 'AwsServiceError';
    this.operation = call.operation;
    this.awsCode = awsCode;
    this.requestId = requestId;
  }
}

/** The resource does not exist (any more): callers treat it as "gone", not as "failed". */
export class AwsNotFoundError extends AwsServiceError {
  readonly target: string;
  constructor(call: AwsCall, awsCode: string, requestId: string | undefined, cause: unknown) {
    super(`${call.operation}: ${call.target} not found (${awsCode}${requestId ? `, request id ${requestId}` : ''})`, call, awsCode, requestId, {
      code: 'E_AWS_NOT_FOUND', exitCode: ExitCode.taskFailed, hint: 'the resource is gone or was never created; check the name, account and region', cause,
    });
    this.name = 'AwsNotFoundError';
    this.target = call.target;
  }
}

/** True when an AWS call failed because its resource does not exist. */
export function isAwsNotFound(error: unknown): error is AwsNotFoundError {
  return error instanceof AwsNotFoundError;
}

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
}

/** The jetscale error for whatever an AWS call threw (jetscale errors, e.g. a refusal, pass through unchanged). */
export function mapAwsError(error: unknown, call: AwsCall): Error {
  if (error instanceof JetscaleError) return error;
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SdkErrorShape;
  const name = e.name && e.name !== 'Error' ? e.name : (e.code ?? 'Error');
  const bare = name.replace(/Exception$/, '');
  const requestId = e.$metadata?.requestId;
  const status = e.$metadata?.httpStatusCode;
  const said = `${name}: ${e.message ?? ''}`.trim();
  const rid = requestId ? ` (request id ${requestId})` : '';
  const fail = (code: ErrorCode, exitCode: 1 | 3, message: string, hint: string) =>
    new AwsServiceError(message, call, name, requestId, { code, exitCode, hint, cause: error });

  if (NOT_FOUND.has(bare)) return new AwsNotFoundError(call, name, requestId, error);
  if (CREDENTIALS.has(bare) || CREDENTIALS.has(name)) {
    return fail('E_AWS_CREDENTIALS', ExitCode.precondition, `${call.operation}: AWS credentials are missing, expired or invalid: ${said}${rid}`,
      'run `aws sso login` (or refresh the role / set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) and run again');
  }
  if (ACCESS_DENIED.has(bare)) {
    return fail('E_AWS_ACCESS_DENIED', ExitCode.precondition, `${call.operation} on ${call.target} was denied: ${said}${rid}`,
      `run as a role that may call ${call.operation} (check AWS_PROFILE and the account), or refresh the role with \`aws sso login\``);
  }
  if (/^Region is missing/.test(e.message ?? '')) {
    return fail('E_AWS_REGION', ExitCode.precondition, `${call.operation}: no AWS region is configured`, 'set AWS_REGION (or a region in the AWS_PROFILE\'s config)');
  }
  const attempts = e.$metadata?.attempts ?? 1;
  if (THROTTLING.has(bare) || e.$fault === 'server' || (status !== undefined && status >= 500)) {
    return fail('E_AWS_RETRIES_EXHAUSTED', ExitCode.taskFailed, `${call.operation} on ${call.target} still failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${said}${rid}`,
      'AWS is throttling or unavailable; wait and run again, or raise aws.maxAttempts (JETSCALE_AWS_MAX_ATTEMPTS) or use aws.retryMode adaptive');
  }
  if (NETWORK.has(name) || NETWORK.has(e.code ?? '')) {
    return fail('E_AWS_UNREACHABLE', ExitCode.taskFailed, `${call.operation}: could not reach the AWS endpoint after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${said}`,
      'check the network, and AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> if you set them');
  }
  return fail('E_AWS', ExitCode.taskFailed, `${call.operation} on ${call.target} failed: ${said}${rid}`, `AWS answered ${name}; fix what it names and run again`);
}
