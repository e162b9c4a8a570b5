// The scheduled sweep: find candidate environments, ask GitHub about each PR, decide which are orphans, and run
// the destroy path on at most --max-envs of them (a plan unless --apply).
import { isAwsNotFound } from '../aws/index.js';
import { mapLimit } from '../core/pool.js';
import type { Caller } from './caller-guard.js';
import { destroyEnv, type DestroyDeps, type DestroyReport } from './destroy.js';
import { prNumber, protectedMatch } from './env-id.js';
import { findCandidates, type Candidate } from './janitor-candidates.js';
import { decideOrphan, formatAge, type OrphanRule } from './orphans.js';
import type { PrState } from './pr-state.js';

export interface JanitorOptions {
  apply: boolean;
  graceMs: number;
  olderThanMs: number;
  maxEnvs: number;
  /** Looks up a PR's state (GitHub REST); never throws for an API failure. */
  prState: (n: number) => Promise<PrState>;
  /** Destroy dependencies for one environment (its own journal). */
  depsFor: (env: string) => Promise<DestroyDeps>;
}

/** One row of the janitor's report. */
export interface JanitorRow {
  env: string;
  pr: PrState;
  age?: string;
  orphan: boolean;
  why: string;
  /** destroyed | planned | kept | skipped (over --max-envs). */
  action: 'destroyed' | 'planned' | 'kept' | 'skipped';
  resources?: number;
  result: string;
  exitCode?: 0 | 6;
}

export interface JanitorReport {
  mode: 'plan' | 'apply' | 'dry-run';
  candidates: number;
  orphans: number;
  rows: JanitorRow[];
  destroys: DestroyReport[];
  exitCode: 0 | 6;
}

/** Runs the janitor with the checked caller; `base` supplies the AWS facades and configuration for candidate listing. */
export async function runJanitor(base: DestroyDeps, caller: Caller, o: JanitorOptions): Promise<JanitorReport> {
  const cfg = base.config;
  const candidates = await findCandidates(base.aws, { tags: cfg.tags, stateBucket: cfg.stateBucket, stateKeyPattern: cfg.stateKeyPattern });
  base.reporter.event({ code: 'TASK_INFO', level: 'info', message: `janitor: ${candidates.length} candidate environment(s): ${candidates.map((c) => c.env).join(', ') || 'none'}` });
  const rule: OrphanRule = { graceMs: o.graceMs, olderThanMs: o.olderThanMs, now: base.now() };
  // A few PR look-ups at a time: GitHub's secondary rate limits punish bursts.
  const rows = await mapLimit(candidates, 4, async (c): Promise<JanitorRow> => {
    const pr = await o.prState(prNumber(c.env));
    const ageMs = await ageOf(base, c, pr);
    const hit = protectedMatch(c.env, cfg.protectedNames);
    const verdict = hit ? { orphan: false, why: `protected name "${hit}" (protectedNames)` } : decideOrphan(pr, ageMs, rule);
    return { env: c.env, pr, ...(ageMs !== undefined ? { age: formatAge(ageMs) } : {}), orphan: verdict.orphan, why: verdict.why, action: 'kept', result: '-' };
  }, base.signal);
  const mode = !o.apply ? 'plan' : base.dryRun ? 'dry-run' : 'apply';
  const destroys: DestroyReport[] = [];
  let taken = 0;
  for (const row of rows.filter((r) => r.orphan)) {
    if (taken >= o.maxEnvs) {
      row.action = 'skipped';
      row.result = `over --max-envs ${o.maxEnvs}; the next run takes it`;
      continue;
    }
    taken += 1;
    const report = await destroyEnv(await o.depsFor(row.env), { env: row.env, caller, apply: o.apply });
    destroys.push(report);
    // Under --dry-run nothing was destroyed, whatever --apply says: the row must not claim otherwise.
    row.action = o.apply && !base.dryRun ? 'destroyed' : 'planned';
    row.resources = report.plan.resources.length;
    row.exitCode = report.exitCode;
    row.result = resultOf(report);
  }
  return { mode, candidates: candidates.length, orphans: rows.filter((r) => r.orphan).length, rows, destroys, exitCode: destroys.some((d) => d.exitCode === 6) ? 6 : 0 };
}

/** The environment's age from what the candidate listing saw, plus the cluster's creation time when it decides. */
async function ageOf(base: DestroyDeps, c: Candidate, pr: PrState): Promise<number | undefined> {
  const times = [...c.times];
  // Only an open PR without the label is decided by age; everyone else gets the age for the report only.
  if (c.hasCluster && pr.kind === 'open') {
    const cluster = await base.aws.eks.describeCluster(c.env).catch((e: unknown) => (isAwsNotFound(e) ? undefined : Promise.reject(e)));
    if (cluster?.createdAt) times.push(cluster.createdAt.toISOString());
  }
  const oldest = Math.min(...times.map((t) => Date.parse(t)).filter((t) => !Number.isNaN(t)));
  return Number.isFinite(oldest) ? Math.max(0, base.now().getTime() - oldest) : undefined;
}

function resultOf(r: DestroyReport): string {
  const del = r.plan.resources.filter((p) => p.action === 'delete').length;
  if (r.refused) return `refused: ${r.refused}`;
  if (r.mode === 'plan') return `${del} to delete`;
  if (r.mode === 'dry-run') return `${r.outcomes.filter((o) => o.result === 'would-delete').length} delete(s) recorded`;
  return r.residue?.length ? `${r.residue.length} left (exit 6)` : 'clean';
}
