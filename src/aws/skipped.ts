// The typed answer of a recorded (dry-run) AWS command: the gate middleware returns it instead of sending the
// request, and facades turn it into `Performed` (writes) or refuse to use it as data (reads).
import { JetscaleError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import type { EffectRecord, Performed } from '../core/effects.js';

const SKIPPED = Symbol.for('jetscale.aws.skipped');

/** The output a recorded command resolves with: no data, only the transcript record. */
export interface SkippedOutput {
  readonly $metadata: Record<string, never>;
  readonly [SKIPPED]: EffectRecord;
}

/** Builds the output of a command the gate recorded instead of running. */
export function skippedOutput(record: EffectRecord): SkippedOutput {
  return { $metadata: {}, [SKIPPED]: record };
}

/** The record when `output` is a recorded (not sent) command's answer. */
export function skippedRecord(output: unknown): EffectRecord | undefined {
  return typeof output === 'object' && output !== null && SKIPPED in output ? (output as SkippedOutput)[SKIPPED] : undefined;
}

/** A write/destroy output as `Performed`: the mapped value, or the dry-run record. */
export function toPerformed<O, T>(output: O, map: (o: O) => T): Performed<T> {
  const record = skippedRecord(output);
  return record ? { skipped: true, record } : { skipped: false, value: map(output) };
}

/** A read's output; a recorded read means the operation table misclassifies it, which is a bug, not data. */
export function ranOutput<O>(output: O): O {
  const record = skippedRecord(output);
  if (record) {
    throw new JetscaleError(`${record.operation} was recorded instead of run, so it has no result`, {
      code: 'E_INTERNAL', exitCode: ExitCode.taskFailed, hint: `classify ${record.operation} as read in src/aws/operations.ts`,
    });
  }
  return output;
}
