// ephemeral:deploy's look at the environment, for its health gate: the same collectors and verdicts diagnose uses
// (Kubernetes objects, the ALB found by the Ingress address, DNS and verified HTTPS through the net adapter), so a
// gate failure and a later `jetscale diagnose pr-N` explain the same thing the same way. It lives with the tasks
// because it joins the ephemeral domain with diagnose's collectors.
import { readFile } from 'node:fs/promises';
import { collectAlb } from '../diagnose/collect-alb.js';
import { collectKube, type KubeEvidence } from '../diagnose/collect-kube.js';
import { judgeKube, pickIngress } from '../diagnose/judge-kube.js';
import { expectedSecretNames, ingressExpectations, type DiagnoseTarget } from '../diagnose/target.js';
import type { DeployContext } from '../ephemeral/deploy-context.js';
import type { KubeClient } from '../kube/index.js';
import {
  ingressAddress, judgeAlbFound, judgeCertificate, judgeConnect, judgeHttp, judgeListeners, judgePointsAtAlb, judgeResolves, judgeTargets,
  makeCheck, notChecked, type Check,
} from '../health/index.js';
import { createNetClient, parseResolveOverrides, type NetClient } from '../net/index.js';

/** What diagnose calls the preview environment. */
async function targetOf(d: DeployContext): Promise<DiagnoseTarget> {
  const values = (await d.values()).values;
  const h = d.ctx.config.ephemeral.health;
  return {
    kind: 'preview', label: d.id.envId, envId: d.id.envId, host: d.id.host, namespace: d.id.namespace, release: d.id.release, secretPrefix: `${d.id.envId}-ephemeral`,
    backendPath: h.paths.find((p) => p !== '/') ?? '/', expect: ingressExpectations(values), expectedSecrets: expectedSecretNames(d.id.release, values), valuesFiles: (await d.values()).files,
  };
}

const cas = new WeakMap<DeployContext, Promise<string | undefined>>();
const kubes = new WeakMap<AbortSignal, Promise<KubeClient>>();

/** A net client for one poll: --resolve overrides, --ca-file (read once), --https-port, the probe deadline. Its signal
 * is the poll's own, so the listeners each request adds to it go away with the poll, not onto the step's signal. */
async function netFor(d: DeployContext, signal: AbortSignal): Promise<NetClient> {
  let ca = cas.get(d);
  if (!ca) cas.set(d, (ca = d.flags.caFile ? readFile(d.flags.caFile, 'utf8') : Promise.resolve(undefined)));
  const caPem = await ca;
  return createNetClient({
    gate: d.ctx.effects, overrides: parseResolveOverrides(d.flags.resolve), ...(caPem ? { caPem } : {}),
    ports: { https: d.flags.httpsPort ?? 443 }, timeoutMs: d.ctx.config.ephemeral.health.requestTimeoutMs, signal,
  });
}

/** One signal-bound client per gate run (a new one per poll would pile listeners onto the step's signal). */
function kubeFor(d: DeployContext, signal: AbortSignal): Promise<KubeClient> {
  let k = kubes.get(signal);
  if (!k) kubes.set(signal, (k = d.kube().then((c) => c.withSignal(signal))));
  return k;
}

/** The edge: ALB by the Ingress address, then DNS, then TLS and every configured path over HTTPS. */
async function edgeChecks(d: DeployContext, t: DiagnoseTarget, address: string | undefined, signal: AbortSignal): Promise<Check[]> {
  const host = d.id.host;
  if (!address) {
    const why = 'the Ingress has no load balancer address yet (DNS is not asked before, so no NXDOMAIN gets cached)';
    return (['alb.found', 'dns.resolves', 'https.connect', 'http.root'] as const).map((id) => makeCheck(id, host, notChecked(why)));
  }
  const aws = await d.aws();
  const alb = await collectAlb(aws, { dnsName: address });
  const checks = judgeAlbFound(alb.lb ? { arn: alb.lb.arn, name: alb.lb.name, dnsName: alb.lb.dnsName, state: alb.lb.state } : undefined, alb.lookedFor);
  if (alb.lb) checks.push(...judgeListeners(alb.lb.arn, alb.listeners, t.expect), ...judgeTargets(alb.targetGroups, alb.lb.name));
  const net = await netFor(d, signal);
  const dns = await net.lookup(host);
  checks.push(judgeResolves(dns));
  checks.push(judgePointsAtAlb(dns, address, await net.lookup(address)));
  const ip = dns.addresses[0];
  if (!ip) return [...checks, makeCheck('https.connect', host, notChecked(`${host} does not resolve`))];
  const tls = await net.handshake(host, ip);
  checks.push(judgeConnect(tls), judgeCertificate(tls, d.ctx.now()));
  if (tls.error) return checks;
  const expect = d.ctx.config.ephemeral.health.expectStatus;
  for (const path of d.ctx.config.ephemeral.health.paths) {
    const answer = await net.request('GET', `https://${host}${path}`, ip);
    checks.push(judgeHttp(path === '/' ? 'http.root' : 'http.backend', answer, (s) => s === expect));
  }
  return checks;
}

/** One look at every layer, judged. */
export async function observeEnvironment(d: DeployContext, stepSignal: AbortSignal): Promise<Check[]> {
  const poll = new AbortController();
  const stop = () => poll.abort(stepSignal.reason);
  stepSignal.addEventListener('abort', stop, { once: true });
  try {
    return await observeOnce(d, stepSignal, poll.signal);
  } finally {
    stepSignal.removeEventListener('abort', stop);
  }
}

async function observeOnce(d: DeployContext, signal: AbortSignal, pollSignal: AbortSignal): Promise<Check[]> {
  const t = await targetOf(d);
  const now = d.ctx.now();
  const ev = await collectKube(await kubeFor(d, signal), d.id.namespace, now);
  if (!ev.ok) return [makeCheck('kube.deployments', d.id.namespace, notChecked(ev.why)), ...(await edgeChecks(d, t, undefined, pollSignal))];
  const ingress = ev.value.ingresses.ok ? pickIngress(ev.value.ingresses.value, d.id.host, d.id.release) : undefined;
  return [...judgeKube(ev.value, t, now), ...(await edgeChecks(d, t, ingress ? ingressAddress(ingress) : undefined, pollSignal))];
}

/** The diagnostics bundle: pods with reasons and log lines, Warning events, ExternalSecret conditions, ALB listeners
 * and target health (all already in the checks' evidence), plus the raw Warning events. Secrets never: names only. */
export async function gateDiagnostics(d: DeployContext, checks: readonly Check[], signal: AbortSignal): Promise<Record<string, unknown>> {
  const ev = await collectKube(await kubeFor(d, signal), d.id.namespace, d.ctx.now());
  const k: Partial<KubeEvidence> = ev.ok ? ev.value : {};
  const byLayer = (prefix: string) => checks.filter((c) => c.id.startsWith(prefix)).map((c) => ({ check: c.id, subject: c.subject, status: c.health.status, reason: c.health.reason, message: c.health.message, evidence: c.evidence }));
  return {
    pods: byLayer('kube.pods'), externalSecrets: byLayer('kube.external-secrets'), listeners: byLayer('alb.listener'), targets: byLayer('alb.targets'),
    events: k.events?.ok ? k.events.value.slice(0, 50) : [], logs: k.logs ?? {}, secretNames: k.secretNames?.ok ? k.secretNames.value : [],
  };
}
