// The hard health gate (seeds §6.2 "green must mean reachable"): polls every layer of the environment (workloads,
// ExternalSecrets, Ingress, ALB listeners and targets, DNS, verified HTTPS on every configured path) until all of them
// pass `health.passes` times in a row, or the deadline passes. A Deployment past its progress deadline fails at once.
// On failure: exit 5, the causal chain from the symptom to its root (health/causes.ts), and a diagnostics bundle
// printed and written to a file for CI artifacts, secrets redacted. Under --dry-run it looks once and reports.
import { writeFileEffect } from '../core/file-effects.js';
import { JetscaleError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { formatMs } from '../core/output.js';
import { CHECKS, explainChecks, isHealthy, isNotChecked, type Check } from '../health/index.js';
import type { DeployContext } from './deploy-context.js';

/** How the gate ended when it passed. */
export interface GatePassed {
  polls: number;
  /** Time until the first poll on which every layer passed. */
  firstGreenMs: number;
  durationMs: number;
  checks: number;
  dryRun?: boolean;
}

/** One line per link of a causal chain; Kubernetes links name their object. */
export function describeLink(c: Check): string {
  const layer = CHECKS[c.id].layer;
  if (layer !== 'kubernetes') return c.health.message;
  const short = c.subject.split('/').slice(1).join(' ') || c.subject;
  return `${short}: ${c.health.message}`;
}

/** The causal explanation of failing checks: the most likely chain first, symptom ← … ← root. */
export function explainFailure(checks: readonly Check[]): string[] {
  const causes = explainChecks(checks);
  const lines = causes.map((cause) => {
    const chain = [...cause.chains].sort((a, b) => b.links.length - a.links.length)[0]!;
    return chain.links.map(describeLink).join(' ← ') + (cause.open ? ` ← (not checked: ${CHECKS[cause.open.id].title}: ${cause.open.health.message})` : '');
  });
  if (lines.length > 0) return lines;
  const pending = checks.filter((c) => !isHealthy(c.health));
  return pending.map((c) => `${CHECKS[c.id].title}: ${isNotChecked(c.health) ? 'not checked: ' : ''}${c.health.message}`);
}

/** A Failed verdict nothing will fix by waiting: the Deployment controller itself gave up. */
function terminal(checks: readonly Check[]): Check | undefined {
  return checks.find((c) => c.id === 'kube.deployments' && c.health.reason === 'ProgressDeadlineExceeded');
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Runs the gate; returns when it passed, throws E_HEALTH_GATE (exit 5) with the explanation when it did not. */
export async function runHealthGate(d: DeployContext, signal: AbortSignal): Promise<GatePassed> {
  const h = d.ctx.config.ephemeral.health;
  // Under --timeout the step itself stops at that deadline: end the gate a little earlier so it still explains why.
  const deadlineMs = Math.min(h.deadlineSeconds * 1000, d.ctx.timeoutOverrideMs === undefined ? Infinity : d.ctx.timeoutOverrideMs * 0.8);
  const start = performance.now();
  const elapsed = () => performance.now() - start;
  let streak = 0;
  let polls = 0;
  let firstGreenMs: number | undefined;
  let lastWaiting = '';
  let checks: Check[] = [];
  for (;;) {
    polls++;
    checks = await d.plugins.observe(d, signal);
    if (signal.aborted) throw signal.reason;
    const open = checks.filter((c) => !isHealthy(c.health));
    if (d.ctx.effects.verdict('write') === 'record') {
      const line = open.length === 0 ? 'every layer passes now' : `would wait for: ${explainFailure(checks)[0] ?? 'nothing'}`;
      d.ctx.out.event({ code: 'TASK_INFO', level: 'info', step: 'health', message: `dry-run: one look at ${checks.length} checks: ${line}` });
      return { polls, firstGreenMs: 0, durationMs: Math.round(elapsed()), checks: checks.length, dryRun: true };
    }
    if (open.length === 0) {
      streak++;
      firstGreenMs ??= elapsed();
      d.ctx.out.event({ code: 'TASK_INFO', level: streak === 1 ? 'info' : 'debug', step: 'health', message: `all ${checks.length} checks pass (${streak}/${h.passes} in a row)`, data: { elapsedMs: Math.round(elapsed()) } });
      if (streak >= h.passes) return { polls, firstGreenMs: Math.round(firstGreenMs), durationMs: Math.round(elapsed()), checks: checks.length };
    } else {
      streak = 0;
      const waiting = explainFailure(checks)[0] ?? '';
      if (waiting !== lastWaiting) d.ctx.out.event({ code: 'TASK_INFO', level: 'info', step: 'health', message: `waiting (${formatMs(elapsed())}): ${waiting}` });
      lastWaiting = waiting;
      if (terminal(checks)) break;
    }
    const left = deadlineMs - elapsed();
    if (left <= 0) break;
    await sleep(Math.min(h.intervalMs, left), signal);
    if (signal.aborted) throw signal.reason;
  }
  throw await gateFailure(d, checks, polls, elapsed(), signal);
}

async function gateFailure(d: DeployContext, checks: Check[], polls: number, ms: number, signal: AbortSignal): Promise<JetscaleError> {
  const explanation = explainFailure(checks);
  const bundle = d.ctx.secrets.redactData({ env: d.id.envId, url: d.id.url, at: d.ctx.now().toISOString(), explanation, checks, ...(await d.plugins.diagnostics(d, checks, signal)) });
  const file = d.settings.diagnosticsFile;
  await writeFileEffect(d.ctx.effects, { path: file, data: JSON.stringify(bundle, null, 2) + '\n', operation: 'write-diagnostics', output: true, createDirs: true }, d.ctx.root);
  const evidence = checks.filter((c) => !isHealthy(c.health)).flatMap((c) => [`✗ ${CHECKS[c.id].title} (${c.subject}): ${c.health.message}`, ...c.evidence.slice(0, 12).map((e) => `    ${e}`)]);
  const why = terminal(checks) ? 'a Deployment exceeded its progress deadline' : `not every layer passed within ${formatMs(ms)}`;
  return new JetscaleError(`health gate failed for ${d.id.url} (${why}, ${polls} poll(s)): ${explanation[0] ?? 'no check passed'}`, {
    code: 'E_HEALTH_GATE', exitCode: ExitCode.healthGate,
    hint: `the diagnostics bundle is in ${file}; fix the root cause (the last link above), then re-run with --from health to check again`,
    tail: [...explanation.slice(1).map((l) => `also: ${l}`), ...evidence].join('\n'),
  });
}
