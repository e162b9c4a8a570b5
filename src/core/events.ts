// Coded events: what tasks and steps report instead of printing. One reporter (core/output.ts) renders them
// for a terminal (spinner), CI (timestamped lines) and GitHub Actions (groups), and `--json` collects them.

/** Every event code with what it means; the first word is the subject, the second what happened. */
export const EVENT_CODES = {
  STEP_START: 'a step started',
  STEP_OK: 'a step finished',
  STEP_RETRY: 'a step failed with a retryable error and runs again',
  STEP_FAILED: 'a step failed (after its retries)',
  STEP_DEADLINE: 'a step ran past its deadline and was stopped',
  STEP_SKIPPED: 'a step did not run (resumed with --from, or nothing to do)',
  JOURNAL_RESUMED: 'earlier steps were taken from the journal of a previous run',
  TASK_INFO: 'a plain progress line of a task',
  TASK_WARN: 'something the user should look at; the task goes on',
} as const;

export type EventCode = keyof typeof EVENT_CODES;
export type EventLevel = 'info' | 'warn' | 'error' | 'debug';

export interface RunEvent {
  code: EventCode;
  level: EventLevel;
  message: string;
  /** The step it belongs to, if any. */
  step?: string;
  data?: Record<string, unknown>;
}

/** The one output port of tasks and steps. */
export interface Reporter {
  event(e: RunEvent): void;
  /** Runs `fn` as a visible step (group, spinner or start/end lines). */
  step<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

/** A reporter that only records (tests and library callers). */
export class RecordingReporter implements Reporter {
  readonly events: RunEvent[] = [];
  event(e: RunEvent): void {
    this.events.push(e);
  }
  step<T>(_name: string, fn: () => Promise<T>): Promise<T> {
    return fn();
  }
}
