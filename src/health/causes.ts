// From failing checks to causal chains: each check lists the checks whose failure most likely explains its own,
// most likely first (anchors §7.8). A chain starts at a symptom no other failure explains and follows the first
// failing cause down; a cause that could not be checked ends the chain as "not checked", so the reader knows
// where the evidence stops. Chains are grouped by their root; the root that explains most symptoms is first.
import { CHECKS, LAYERS, type Check, type CheckId } from './checks.js';
import { isHealthy, isNotChecked, isProblem } from './status.js';

/** Symptom → likely causes, most likely first. */
export const CAUSES: Readonly<Partial<Record<CheckId, readonly CheckId[]>>> = {
  'dns.resolves': ['alb.found', 'kube.ingress'],
  'https.connect': ['dns.resolves', 'dns.points-at-alb', 'alb.found', 'alb.state', 'alb.listener-https'],
  'tls.certificate': ['alb.certificate', 'dns.points-at-alb'],
  'http.root': ['https.connect', 'alb.listener-https', 'alb.targets'],
  'http.backend': ['https.connect', 'alb.listener-https', 'alb.targets', 'kube.service-endpoints'],
  'http.redirect': ['dns.resolves', 'dns.points-at-alb', 'alb.listener-http'],
  'alb.found': ['kube.ingress'],
  'alb.listener-https': ['kube.ingress-annotations'],
  'alb.listener-http': ['kube.ingress-annotations'],
  'alb.certificate': ['kube.ingress-annotations'],
  'alb.ssl-policy': ['kube.ingress-annotations'],
  'alb.targets': ['kube.pods', 'kube.deployments', 'kube.service-endpoints'],
  'kube.ingress': ['kube.ingress-annotations'],
  'kube.service-endpoints': ['kube.pods', 'kube.deployments'],
  'kube.deployments': ['kube.pods'],
  'kube.pods': ['kube.external-secrets', 'kube.secrets-present'],
  'kube.secrets-present': ['kube.external-secrets'],
  'kube.external-secrets': ['secrets.client'],
};

/** One chain, symptom first, root cause last; `open` is the check that could not be read below the root, if any. */
export interface CausalChain {
  links: Check[];
  open?: Check;
}

/** Chains with the same root: the root, the chains it explains. */
export interface Cause {
  root: Check;
  chains: CausalChain[];
  /** The first unchecked check below the root, when the evidence stops there. */
  open?: Check;
}

const worst = (checks: readonly Check[]) => checks.find((c) => c.health.status === 'Failed') ?? checks[0];
const depth = (c: Check) => LAYERS.indexOf(CHECKS[c.id].layer);

/** The causes of every problem among `checks`, most likely first (see the file comment for the order). */
export function explainChecks(checks: readonly Check[]): Cause[] {
  const byId = new Map<CheckId, Check[]>();
  for (const c of checks) byId.set(c.id, [...(byId.get(c.id) ?? []), c]);
  const problems = (id: CheckId) => (byId.get(id) ?? []).filter((c) => isProblem(c.health));
  const unchecked = (id: CheckId) => (byId.get(id) ?? []).filter((c) => isNotChecked(c.health));
  const failingIds = new Set(checks.filter((c) => isProblem(c.health)).map((c) => c.id));
  const explained = new Set<CheckId>();
  for (const id of failingIds) for (const cause of CAUSES[id] ?? []) if (failingIds.has(cause)) explained.add(cause);

  const chains: CausalChain[] = [];
  for (const symptom of checks.filter((c) => isProblem(c.health) && !explained.has(c.id))) {
    const links = [symptom];
    let open: Check | undefined;
    for (let at: Check | undefined = symptom; at; ) {
      const causes: readonly CheckId[] = CAUSES[at.id] ?? [];
      const next: CheckId | undefined = causes.find((id) => problems(id).length > 0 && !links.some((l) => l.id === id));
      if (next) {
        at = worst(problems(next));
        links.push(at!);
        continue;
      }
      const blind = causes.find((id) => unchecked(id).length > 0 && !(byId.get(id) ?? []).some((c) => isHealthy(c.health)));
      if (blind) open = unchecked(blind)[0];
      at = undefined;
    }
    chains.push({ links, ...(open ? { open } : {}) });
  }
  const groups = new Map<Check, Cause>();
  for (const chain of chains) {
    const root = chain.links[chain.links.length - 1]!;
    const g = groups.get(root) ?? { root, chains: [], ...(chain.open ? { open: chain.open } : {}) };
    g.chains.push(chain);
    groups.set(root, g);
  }
  return [...groups.values()].sort((a, b) => b.chains.length - a.chains.length || longest(b) - longest(a) || Math.min(...a.chains.map((c) => depth(c.links[0]!))) - Math.min(...b.chains.map((c) => depth(c.links[0]!))));
}

function longest(c: Cause): number {
  return Math.max(...c.chains.map((ch) => ch.links.length));
}
