// The SDK sweep: one step per phase in dependency order, each with a deadline and a retry policy for
// ResourceInUse (a target group still attached, a cluster whose nodegroups are still deleting). Every resource is
// read again and re-judged right before its delete; one resource failing (access denied) never stops the others.
import { JetscaleError, isInterrupt } from '../core/errors.js';
import type { Reporter } from '../core/events.js';
import { ExitCode } from '../core/exit-codes.js';
import type { Journal } from '../core/journal.js';
import { runSteps, type Step } from '../core/steps.js';
import { AwsServiceError } from '../aws/index.js';
import { PHASES, type Phase } from './delete-order.js';
import { judge, type JudgeContext } from './ownership.js';
import { backoffMs, pollUntil, type Pacing } from './poll.js';
import type { Edge, Outcome, PlanResource } from './resources.js';
import type { TypeOps } from './sweep-ops.js';

/** Deadlines of the sweep's steps (`--timeout` replaces each). */
export const SWEEP_DEADLINES_MS: Readonly<Record<string, number>> = {
  'delete nodegroups': 30 * 60_000,
  'delete load balancers': 15 * 60_000,
  'delete target groups': 15 * 60_000,
  'delete cluster': 30 * 60_000,
  'delete secrets': 5 * 60_000,
  'delete state object': 5 * 60_000,
};

export interface SweepDeps {
  ops: Record<string, TypeOps>;
  reporter: Reporter;
  signal: AbortSignal;
  pacing: Pacing;
  /** The judgement context of discovery (anchor included), applied again to each fresh read. */
  judgeCtx: JudgeContext;
  /** The plan's dependency edges: a resource is not attempted while something it depends on was not deleted. */
  edges: readonly Edge[];
  /** `--plan`: a fresh resource must still match its planned node; returns why not. */
  stillPlanned?: (r: PlanResource) => string | undefined;
  journal?: Journal;
  deadlineOverrideMs?: number;
}

const IN_USE = /^ResourceInUse(Exception)?$/;

/** Thrown by a phase while some of its deletes answered ResourceInUse: the step retries it with backoff. */
class StillInUse extends JetscaleError {
  constructor(names: string[]) {
    super(`still in use: ${names.join(', ')}`, { code: 'E_AWS', exitCode: ExitCode.taskFailed });
  }
}

/** Deletes `targets` phase by phase and returns an outcome for each of them. */
export async function runSweep(deps: SweepDeps, targets: readonly PlanResource[]): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  const names = new Map(targets.map((r) => [r.id, `${r.type} ${r.name}`] as const));
  for (const phase of PHASES) {
    const mine: PlanResource[] = [];
    for (const r of targets.filter((t) => t.type === phase.type)) {
      const stuck = deps.edges.find((e) => e.after === r.id && names.has(e.before) && !DONE.has(outcomes.get(e.before)?.result ?? 'failed'));
      if (stuck) outcomes.set(r.id, { id: r.id, type: r.type, name: r.name, result: 'skipped', reason: `dependency: ${names.get(stuck.before)} was not deleted` });
      else mine.push(r);
    }
    if (mine.length) await runPhase(deps, phase, mine, outcomes);
  }
  return outcomes;
}

/** Outcomes after which a dependent resource may go. */
const DONE = new Set<Outcome['result']>(['deleted', 'already-gone', 'would-delete']);

async function runPhase(deps: SweepDeps, phase: Phase, rs: readonly PlanResource[], outcomes: Map<string, Outcome>): Promise<void> {
  const ops = deps.ops[phase.type]!;
  const set = (r: PlanResource, result: Outcome['result'], extra: Partial<Outcome> = {}) => outcomes.set(r.id, { id: r.id, type: r.type, name: r.name, result, ...extra });
  const pending = new Map(rs.map((r) => [r.id, r] as const));
  const issued: PlanResource[] = [];
  const step: Step = {
    name: phase.name,
    deadlineMs: SWEEP_DEADLINES_MS[phase.name] ?? 15 * 60_000,
    retry: { attempts: 10_000, on: 'ResourceInUse while a dependency is still going away', retryable: (e) => e instanceof StillInUse, delayMs: (n) => backoffMs(deps.pacing, n) },
    run: async (signal) => {
      const fresh = await ops.refresh([...pending.values()]);
      const inUse: string[] = [];
      for (const r of [...pending.values()]) {
        // Past the step's deadline (or on Ctrl-C) no further delete is issued: the step has already been reported as
        // failed, and the next phase must not overlap with deletes of this one.
        if (signal.aborted) throw signal.reason;
        const now = fresh.get(r.id);
        if (!now) {
          set(r, 'already-gone');
          pending.delete(r.id);
          continue;
        }
        if ('readFailed' in now) {
          if (isInterrupt(deps.signal)) throw now.readFailed;
          set(r, 'failed', { reason: `could not read it again before deleting: ${message(now.readFailed)}`, ...awsCode(now.readFailed) });
          pending.delete(r.id);
          continue;
        }
        const again = judge(now, deps.judgeCtx);
        const changed = again.action !== 'delete' ? again.reason : deps.stillPlanned?.(again);
        if (changed) {
          set(r, 'skipped', { reason: `changed since discovery: ${changed}` });
          pending.delete(r.id);
          continue;
        }
        if (now.status === 'DELETING') {
          set(r, 'deleted', { reason: 'was already deleting' });
          issued.push(now);
          pending.delete(r.id);
          continue;
        }
        try {
          const done = await ops.remove(now);
          if ('skip' in done) set(r, done.result, { reason: done.skip });
          else if (done.skipped) set(r, 'would-delete');
          else {
            set(r, 'deleted');
            issued.push(now);
          }
          pending.delete(r.id);
        } catch (error) {
          if (isInterrupt(deps.signal)) throw error;
          const code = error instanceof AwsServiceError ? error.awsCode : undefined;
          if (code && IN_USE.test(code)) {
            inUse.push(r.name);
            set(r, 'failed', { reason: `in use: ${message(error)}`, errorCode: code });
            continue;
          }
          set(r, 'failed', { reason: message(error), ...awsCode(error) });
          pending.delete(r.id);
        }
      }
      if (ops.wait) await Promise.all(issued.splice(0).map((r) => pollUntil(() => ops.gone(r), deps.pacing, signal)));
      if (inUse.length) throw new StillInUse(inUse);
    },
  };
  try {
    await runSteps([step], { reporter: deps.reporter, signal: deps.signal, ...(deps.journal ? { journal: deps.journal } : {}), ...(deps.deadlineOverrideMs !== undefined ? { deadlineOverrideMs: deps.deadlineOverrideMs } : {}) });
  } catch (error) {
    if (isInterrupt(deps.signal)) throw error;
    // The step gave up (deadline, or a read failed): whatever it had not settled stays for verification to report.
    for (const r of pending.values()) if (!outcomes.has(r.id)) set(r, 'failed', { reason: message(error) });
  }
}

function awsCode(error: unknown): { errorCode?: string } {
  return error instanceof AwsServiceError ? { errorCode: error.awsCode } : {};
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
