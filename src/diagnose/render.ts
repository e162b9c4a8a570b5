// The report as terminal text: target and credentials, one block per layer (verdict, then each check with its
// evidence), the conclusion with the causal chain, and the commands to paste. Output escapes and redacts it.
import type { Colors } from '../core/output.js';
import { CHECKS, isHealthy, isNotChecked, type Check } from '../health/index.js';
import { describeLink } from './conclude.js';
import type { DiagnosisReport, LayerReport } from './report.js';

const EVIDENCE_LINES = 12;

function mark(c: Colors, check: Check): string {
  if (isHealthy(check.health)) return c.green('✓');
  return isNotChecked(check.health) ? c.dim('-') : c.red('✗');
}

function verdictText(c: Colors, l: LayerReport): string {
  switch (l.verdict) {
    case 'healthy': return c.green('healthy');
    case 'unhealthy': return c.red('unhealthy');
    case 'partly-checked': return c.yellow('partly checked');
    default: return c.yellow(`not checked: ${l.notChecked ?? ''}`);
  }
}

function groupById(checks: readonly Check[]): Check[][] {
  const groups = new Map<string, Check[]>();
  for (const ch of checks) groups.set(ch.id, [...(groups.get(ch.id) ?? []), ch]);
  return [...groups.values()];
}

/** The human report, line by line. */
export function renderReport(r: DiagnosisReport, c: Colors, o: { verbose?: boolean } = {}): string[] {
  const t = r.target;
  const lines: string[] = [];
  const where = [t.namespace ? `namespace ${t.namespace}` : '', t.context ? `context ${t.context}` : '', t.secretPrefix ? `secret prefix ${t.secretPrefix}` : ''].filter(Boolean).join(', ');
  lines.push(c.bold(`diagnose ${t.label}${t.host ? ` → https://${t.host}/` : ''}`) + (where ? c.dim(` (${where})`) : ''));
  if (r.credentials.aws) lines.push(c.dim(`AWS as ${r.credentials.aws.caller}: ${r.credentials.aws.detail}`));
  if (r.credentials.kube) lines.push(c.dim(`Kubernetes as context ${r.credentials.kube.context}: ${r.credentials.kube.detail}`));
  for (const l of r.layers) {
    lines.push('', `${c.bold(l.title.padEnd(16))}${verdictText(c, l)}`);
    for (const group of groupById(l.checks)) {
      const healthy = group.filter((x) => isHealthy(x.health));
      // Many healthy objects of one kind (five synced ExternalSecrets) read as one line; problems each get theirs.
      const shown = healthy.length > 1 && !o.verbose ? group.filter((x) => !isHealthy(x.health)) : group;
      if (shown.length < group.length) lines.push(`  ${c.green('✓')} ${CHECKS[group[0]!.id].title}: ${healthy.length} healthy (${healthy.map((x) => x.subject.split('/').pop()).join(', ')})`);
      for (const check of shown) {
        const ok = isHealthy(check.health);
        lines.push(`  ${mark(c, check)} ${CHECKS[check.id].title}: ${describeLink(check)}${ok ? '' : c.dim(` [${check.health.reason}]`)}`);
        for (const e of ok && !o.verbose ? [] : check.evidence.slice(0, EVIDENCE_LINES)) lines.push(c.dim(`      ${e}`));
      }
    }
    for (const n of l.notes) lines.push(c.dim(`  · ${n}`));
  }
  const k = r.conclusion;
  lines.push('', c.bold('Conclusion: ') + (k.verdict === 'healthy' ? c.green(k.headline) : k.verdict === 'unhealthy' ? c.red(k.headline) : c.yellow(k.headline)));
  k.causes.forEach((cause, i) => {
    if (i > 0) lines.push(c.bold(`Also: ${cause.cause}`));
    cause.chain.forEach((link, j) => lines.push(`  ${j === 0 ? '  ' : '← '}${link}`));
    if (cause.open) lines.push(c.yellow(`  ← ? ${cause.open}`));
  });
  if (k.notChecked.length) {
    lines.push(c.bold('Not checked:'));
    for (const n of k.notChecked) lines.push(`  - ${n}`);
  }
  if (r.commands.length) {
    lines.push('', c.bold('See the same evidence yourself (read-only):'));
    for (const cmd of r.commands) lines.push(`  ${cmd.command}`);
  }
  return lines;
}
