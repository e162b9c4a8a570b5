// Kubernetes verdicts from what collect-kube read (pure): the Ingress and its annotations against the TLS contract
// and the values, the Services behind it and their ready endpoints (the pods their selector picks that are Ready,
// which is what the endpoints controller publishes), Deployments, Pods (with reasons, restarts, log lines, events),
// ExternalSecrets, and the expected Secrets by name.
import {
  computeHealth, containerStates, current, failed, ingressAddress, makeCheck, notChecked, notFound, type Check, type CheckId, type HealthObject,
} from '../health/index.js';
import { ALB_CONTRACT, judge } from '../policy/cloud-contracts.js';
import type { Read } from './attempt.js';
import type { KubeEvidence, WarningEvent } from './collect-kube.js';
import { record, type DiagnoseTarget } from './target.js';

const nameOf = (o: HealthObject) => o.metadata?.name ?? '?';
const labels = (o: HealthObject) => record(o.metadata?.labels);

/** The Ingress routing the host; when the host is not known yet, the one named after the release, else the only one. */
export function pickIngress(ingresses: readonly HealthObject[], host: string | undefined, release: string | undefined): HealthObject | undefined {
  if (host !== undefined) return ingresses.find((i) => ingressHosts(i).includes(host));
  return ingresses.find((i) => nameOf(i) === release) ?? (ingresses.length === 1 ? ingresses[0] : undefined);
}

/** The hosts an Ingress routes. */
export function ingressHosts(i: HealthObject): string[] {
  return ((record(i.spec).rules as unknown[] | undefined) ?? []).map((r) => record(r).host).filter((h): h is string => typeof h === 'string');
}

/** The Service names an Ingress sends traffic to. */
export function backendServices(i: HealthObject): string[] {
  const names = new Set<string>();
  for (const rule of (record(i.spec).rules as unknown[] | undefined) ?? []) {
    for (const p of (record(record(rule).http).paths as unknown[] | undefined) ?? []) {
      const n = record(record(record(p).backend).service).name;
      if (typeof n === 'string') names.add(n);
    }
  }
  return [...names];
}

function ingressChecks(ev: KubeEvidence, t: DiagnoseTarget, now: Date): { checks: Check[]; ingress?: HealthObject } {
  const subject = `${ev.namespace}/Ingress`;
  if (!ev.ingresses.ok) return { checks: [makeCheck('kube.ingress', subject, notChecked(ev.ingresses.why)), makeCheck('kube.ingress-annotations', subject, notChecked(ev.ingresses.why))] };
  const ingress = pickIngress(ev.ingresses.value, t.host, t.release);
  if (!ingress) {
    const why = ev.namespaceFound ? `no Ingress in namespace ${ev.namespace}${t.host ? ` routes ${t.host}` : ''}` : `namespace ${ev.namespace} does not exist in context ${ev.context}`;
    return { checks: [makeCheck('kube.ingress', subject, notFound('NoIngress', why)), makeCheck('kube.ingress-annotations', subject, notChecked('no Ingress'))] };
  }
  const s = `${ev.namespace}/Ingress/${nameOf(ingress)}`;
  const address = ingressAddress(ingress);
  const h = computeHealth(ingress, now);
  const checks = [makeCheck('kube.ingress', s, h, [`hosts ${ingressHosts(ingress).join(', ') || 'none'}`, `address ${address ?? 'none'}`])];
  const annotations = Object.fromEntries(Object.entries(record(ingress.metadata?.annotations)).map(([k, v]) => [k, String(v)]));
  const problems: string[] = [];
  const klass = record(ingress.spec).ingressClassName;
  if (t.expect.ingressClass && klass !== t.expect.ingressClass) problems.push(`ingressClassName is ${JSON.stringify(klass ?? null)}, the values say ${t.expect.ingressClass}`);
  for (const p of ALB_CONTRACT.tls) {
    const problem = judge(p, annotations[p.annotation]);
    if (problem) problems.push(problem);
  }
  for (const [key, want] of Object.entries(t.expect.annotations)) {
    if (!key.startsWith('alb.ingress.kubernetes.io/') || annotations[key] === want) continue;
    problems.push(`${key} is ${JSON.stringify(annotations[key] ?? null)} in the cluster, ${JSON.stringify(want)} in ${t.valuesFiles.at(-1) ?? 'the values'}`);
  }
  const ev2 = Object.entries(annotations).filter(([k]) => k.startsWith('alb.ingress.kubernetes.io/')).map(([k, v]) => `${k}: ${v}`);
  checks.push(makeCheck('kube.ingress-annotations', s, problems.length ? failed('ContractBroken', problems.join('; ')) : current('ContractKept', 'listen-ports, ssl-redirect, certificate and TLS policy match the values'), ev2));
  return { checks, ingress };
}

function endpointChecks(ev: KubeEvidence, ingress: HealthObject | undefined): Check[] {
  if (!ingress) return [];
  const subject = (n: string) => `${ev.namespace}/Service/${n}`;
  if (!ev.services.ok || !ev.pods.ok) return [makeCheck('kube.service-endpoints', `${ev.namespace}/Service`, notChecked(!ev.services.ok ? ev.services.why : (ev.pods as { why: string }).why))];
  const pods = ev.pods.value;
  return backendServices(ingress).map((name) => {
    const svc = ev.services.ok ? ev.services.value.find((s) => nameOf(s) === name) : undefined;
    if (!svc) return makeCheck('kube.service-endpoints', subject(name), notFound('NoService', 'the Ingress sends traffic to it, but it does not exist'));
    const selector = record(record(svc.spec).selector);
    if (Object.keys(selector).length === 0) return makeCheck('kube.service-endpoints', subject(name), notChecked('the Service has no selector (endpoints are managed by hand)'));
    const picked = pods.filter((p) => Object.entries(selector).every(([k, v]) => labels(p)[k] === v));
    const ready = picked.filter((p) => ((record(p.status).conditions as unknown[] | undefined) ?? []).some((c) => record(c).type === 'Ready' && record(c).status === 'True'));
    const ev2 = [`selector ${Object.entries(selector).map(([k, v]) => `${k}=${String(v)}`).join(',')}`, `pods ${picked.map((p) => `${nameOf(p)}${ready.includes(p) ? ' (ready)' : ' (not ready)'}`).join(', ') || 'none'}`];
    if (picked.length === 0) return makeCheck('kube.service-endpoints', subject(name), failed('NoPods', 'selects no pod'), ev2);
    if (ready.length === 0) return makeCheck('kube.service-endpoints', subject(name), failed('NoReadyEndpoints', `selects ${picked.length} pod(s), none ready`), ev2);
    return makeCheck('kube.service-endpoints', subject(name), current('ReadyEndpoints', `${ready.length} ready endpoint(s)`), ev2);
  });
}

function objectChecks(id: CheckId, kind: string, list: Read<HealthObject[]>, ev: KubeEvidence, now: Date, extra: (o: HealthObject) => string[] = () => []): Check[] {
  if (!list.ok) return [makeCheck(id, `${ev.namespace}/${kind}`, notChecked(list.why))];
  // An empty namespace is not healthy: nothing there can serve the host (fail closed on empty sets).
  if (list.value.length === 0 && kind !== 'ExternalSecret') return [makeCheck(id, `${ev.namespace}/${kind}`, notFound(`No${kind}s`, `no ${kind} in namespace ${ev.namespace}`))];
  return list.value.filter((o) => !(kind === 'Pod' && record(o.status).phase === 'Succeeded')).map((o) => makeCheck(id, `${ev.namespace}/${kind}/${nameOf(o)}`, computeHealth(o, now), extra(o)));
}

function eventsFor(events: Read<WarningEvent[]>, kind: string, name: string): string[] {
  return events.ok ? events.value.filter((e) => e.object === `${kind}/${name}`).slice(0, 3).map((e) => `event ${e.reason}${e.count > 1 ? ` ×${e.count}` : ''}: ${e.message}`) : [];
}

function podEvidence(ev: KubeEvidence, p: HealthObject): string[] {
  const name = nameOf(p);
  const containers = containerStates(p).map((c) => `${c.init ? 'init ' : ''}container ${c.container}: ${c.reason ?? c.state}${c.ready ? ' (ready)' : ''}, ${c.restarts} restart(s)${c.lastTerminated ? `, last exit ${c.lastTerminated}` : ''}`);
  const logs = Object.entries(ev.logs[name] ?? {}).flatMap(([c, lines]) => [`last log lines of ${c}:`, ...lines.map((l) => `  | ${l}`)]);
  return [...containers, ...eventsFor(ev.events, 'Pod', name), ...logs];
}

function secretChecks(ev: KubeEvidence, t: DiagnoseTarget): Check[] {
  if (t.expectedSecrets.length === 0) return [];
  const subject = `${ev.namespace}/Secret`;
  if (!ev.secretNames.ok) return [makeCheck('kube.secrets-present', subject, notChecked(ev.secretNames.why))];
  const names = ev.secretNames.value;
  const missing = t.expectedSecrets.filter((n) => !names.includes(n));
  const evidence = t.expectedSecrets.map((n) => `${n}: ${names.includes(n) ? 'present' : 'missing'} (name only)`);
  return [makeCheck('kube.secrets-present', subject, missing.length ? failed('MissingSecrets', `missing ${missing.join(', ')}`) : current('AllPresent', `all ${t.expectedSecrets.length} expected secrets exist`), evidence)];
}

/** Every Kubernetes check of the environment. */
export function judgeKube(ev: KubeEvidence, t: DiagnoseTarget, now: Date): Check[] {
  const { checks, ingress } = ingressChecks(ev, t, now);
  const externalSecrets = objectChecks('kube.external-secrets', 'ExternalSecret', ev.externalSecrets, ev, now, (o) => {
    const ready = ((record(o.status).conditions as unknown[] | undefined) ?? []).map(record).find((c) => c.type === 'Ready');
    return [`store ${String(record(record(o.spec).secretStoreRef).name ?? '?')}, target ${String(record(record(o.spec).target).name ?? nameOf(o))}`, ...(ready ? [`Ready=${String(ready.status)} ${String(ready.reason ?? '')}: ${String(ready.message ?? '')}`] : []), ...eventsFor(ev.events, 'ExternalSecret', nameOf(o))];
  });
  if (ev.externalSecrets.ok && ev.externalSecrets.value.length === 0 && t.expectedSecrets.length > 0) {
    externalSecrets.push(makeCheck('kube.external-secrets', `${ev.namespace}/ExternalSecret`, notFound('NoExternalSecrets', `no ExternalSecret in ${ev.namespace}, though the values expect ${t.expectedSecrets.length}`)));
  }
  return [
    ...checks,
    ...endpointChecks(ev, ingress),
    ...objectChecks('kube.deployments', 'Deployment', ev.deployments, ev, now, (o) => eventsFor(ev.events, 'Deployment', nameOf(o))),
    ...objectChecks('kube.pods', 'Pod', ev.pods, ev, now, (p) => podEvidence(ev, p)),
    ...externalSecrets,
    ...secretChecks(ev, t),
  ];
}
