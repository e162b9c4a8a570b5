// Errors the simulator answers with; each protocol encoder turns them into the real wire shape.

/** An AWS service error: a code the SDK maps to its typed exception, and the HTTP status to send. */
export class SimError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = code;
  }
}

/** A malformed or out-of-range parameter; the server renames it to the service's validation code. */
export class ParamError extends Error {}

/** The validation error code each service really uses for bad parameters. */
export const validationCode: Record<string, string> = {
  elbv2: 'ValidationError',
  sts: 'ValidationError',
  eks: 'InvalidParameterException',
  secretsmanager: 'InvalidParameterException',
  tagging: 'InvalidParameterException',
  s3: 'InvalidArgument',
};

/** Turn anything thrown by a handler into a SimError for the given service. */
export function toSimError(service: string, err: unknown): SimError {
  if (err instanceof SimError) return err;
  if (err instanceof ParamError) return new SimError(validationCode[service] ?? 'ValidationError', err.message, 400);
  const message = err instanceof Error ? err.message : String(err);
  return new SimError('InternalFailure', `simulator bug: ${message}`, 500);
}
