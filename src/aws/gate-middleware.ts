// The middleware every AWS client carries: it declares each command to the effect gate before serialisation and
// retries (step `initialize`, priority high), so a refused or recorded command never becomes an HTTP request.
import type { EffectGate } from '../core/effects.js';
import { InterruptedError } from '../core/errors.js';
import { mapAwsError } from './errors.js';
import { classifyOperation, operationKey } from './operations.js';
import { skippedOutput } from './skipped.js';
import { describeTarget } from './targets.js';

type Next = (args: { input: object }) => Promise<{ output: object; response: unknown }>;
type GateMiddleware = (next: Next, context: { clientName?: string; commandName?: string }) => Next;

/** The smallest view of an SDK client this module needs. */
export interface StackOwner {
  middlewareStack: { add(middleware: GateMiddleware, options: { step: 'initialize'; priority: 'high'; name: string; override: boolean }): void };
}

/** Name of the middleware in every client's stack. */
export const GATE_MIDDLEWARE = 'jetscaleEffectGate';

/** Builds the middleware: classify → admit (throws when refused) → skip (dry-run) or send and map errors once. */
export function gateMiddleware(gate: EffectGate, signal?: AbortSignal): GateMiddleware {
  return (next, context) => async (args) => {
    const { service, key } = operationKey(context.clientName, context.commandName);
    const target = describeTarget(service, args.input);
    if (signal?.aborted) throw interrupted(signal, key);
    const admission = gate.admit({ channel: 'aws', operation: key, target, effect: classifyOperation(key), command: `${key} ${target}` });
    if (!admission.run) return { output: skippedOutput(admission.skipped.record), response: undefined };
    try {
      const result = await next(args);
      admission.done();
      return result;
    } catch (error) {
      const mapped = signal?.aborted ? interrupted(signal, key) : mapAwsError(error, { operation: key, target });
      admission.done({ error: mapped.message });
      throw mapped;
    }
  };
}

/** Adds the gate middleware to a client (idempotent: `override` replaces an earlier one). */
export function attachGate(client: StackOwner, gate: EffectGate, signal?: AbortSignal): void {
  client.middlewareStack.add(gateMiddleware(gate, signal), { step: 'initialize', priority: 'high', name: GATE_MIDDLEWARE, override: true });
}

/** The run's cancellation reason (Ctrl-C sets an InterruptedError), never the SDK's AbortError. */
function interrupted(signal: AbortSignal, operation: string): Error {
  return signal.reason instanceof Error ? signal.reason : new InterruptedError(operation);
}
