// Walks the layers and builds the report. Evidence is read concurrently where nothing depends on it (the cluster and
// the public DNS at once; probes next to the Secrets Manager read), then judged outside in. Each layer that cannot be
// read is "not checked: <why>" and the others still run.
import type { Aws } from '../aws/index.js';
import {
  clientSecretName, ingressAddress, judgeAlbFound, judgeCertificate, judgeClientSecret, judgeConnect, judgeHttp, judgeListeners,
  judgePointsAtAlb, judgeRedirect, judgeResolves, judgeTargets, makeCheck, normalizeDnsName, notChecked, type Check, type CheckId, type Layer,
} from '../health/index.js';
import type { KubeClient } from '../kube/index.js';
import type { DnsAnswer, NetClient } from '../net/index.js';
import { attempt, type Read } from './attempt.js';
import { collectAlb, type AlbEvidence, type AlbQuery } from './collect-alb.js';
import { collectClientSecret } from './collect-secret.js';
import { collectKube, type KubeEvidence } from './collect-kube.js';
import { buildCommands } from './commands.js';
import { conclude } from './conclude.js';
import { ingressHosts, judgeKube, pickIngress } from './judge-kube.js';
import { assembleLayers, layerNotChecked, type CredentialsReport, type DiagnosisReport } from './report.js';
import type { DiagnoseTarget } from './target.js';

/** What a diagnosis needs; everything that talks to the outside comes in here (and through the gate). */
export interface DiagnosisDeps {
  target: DiagnoseTarget;
  now: () => Date;
  net: NetClient;
  /** The AWS facades (assumed-role credentials with --role-arn); failing here leaves the AWS layers not checked. */
  aws: () => Promise<Aws>;
  /** The cluster client, or why there is none (no kubeconfig, no context for the env). */
  kube: () => Promise<Read<KubeClient>>;
  /** `tags.controllerCluster`: how a preview env's ALB is found without its DNS name. */
  controllerTagKey: string;
  /** How the AWS credentials themselves are limited. */
  awsReadOnly: { mode: 'session-policy' | 'code-only'; detail: string };
  region?: string;
}

const IDS_OF: Record<'alb', CheckId[]> = { alb: ['alb.state', 'alb.listener-https', 'alb.listener-http', 'alb.certificate', 'alb.ssl-policy', 'alb.targets'] };
const isElb = (name: string) => /\.elb\.amazonaws\.com$/i.test(normalizeDnsName(name));
const preferV4 = (d: DnsAnswer | undefined) => d?.addresses.find((a) => !a.includes(':')) ?? d?.addresses[0];

/** Runs every layer and returns the report (the caller renders it and exits with `report.conclusion.exitCode`). */
export async function runDiagnosis(deps: DiagnosisDeps): Promise<DiagnosisReport> {
  const t: DiagnoseTarget = { ...deps.target };
  const now = deps.now();
  const notes: Partial<Record<Layer, string[]>> = {};
  const note = (l: Layer, s: string) => (notes[l] ??= []).push(s);

  // Cluster and public DNS at once (the host may only be learnt from the Ingress).
  const kubeClient = await deps.kube();
  const hostDnsEarly = t.host ? deps.net.lookup(t.host) : undefined;
  hostDnsEarly?.catch(() => undefined); // awaited below; only an interruption rejects it
  // A bare host has no namespace of its own: look in the context's default namespace.
  if (!t.namespace && t.kind === 'host' && kubeClient.ok) t.namespace = kubeClient.value.namespace;
  const kube: Read<KubeEvidence> | undefined = !kubeClient.ok ? kubeClient : t.namespace ? await collectKube(kubeClient.value, t.namespace, now) : undefined;
  const ingress = kube?.ok && kube.value.ingresses.ok ? pickIngress(kube.value.ingresses.value, t.host, t.release) : undefined;
  if (!t.host && ingress) t.host = ingressHosts(ingress)[0];

  const awsRead = await attempt(async () => {
    const aws = await deps.aws();
    return { aws, caller: await aws.sts.getCallerIdentity() };
  });
  let hostDns = t.host ? await (hostDnsEarly ?? deps.net.lookup(t.host)) : undefined;
  const albName = (ingress && ingressAddress(ingress)) ?? hostDns?.cnames.find(isElb);
  const query: AlbQuery | undefined = albName ? { dnsName: albName } : t.envId ? { tag: { key: deps.controllerTagKey, value: t.envId }, ...(t.namespace && t.release ? { stack: `${t.namespace}/${t.release}` } : {}) } : undefined;
  const alb: Read<AlbEvidence> | undefined = awsRead.ok && query ? await attempt(() => collectAlb(awsRead.value.aws, query)) : undefined;
  if (!t.host && alb?.ok && alb.value.ruleHosts[0]) {
    t.host = alb.value.ruleHosts[0];
    hostDns = await deps.net.lookup(t.host);
  }
  const lb = alb?.ok ? alb.value.lb : undefined;
  const cnameToLb = lb && hostDns?.cnames.some((c) => normalizeDnsName(c) === normalizeDnsName(lb.dnsName));
  const secretName = t.secretPrefix ? clientSecretName(t.secretPrefix) : undefined;

  // Probes and the secret read at once.
  const address = preferV4(hostDns);
  const [albDns, probes, secret] = await Promise.all([
    lb && !cnameToLb && hostDns?.addresses.length ? deps.net.lookup(lb.dnsName) : Promise.resolve(undefined),
    (async () => {
      if (!t.host || !address) return undefined;
      const tls = await deps.net.handshake(t.host, address);
      const [root, backend] = tls.error ? [undefined, undefined] : await Promise.all([
        deps.net.request('HEAD', `https://${t.host}/`, address, { insecure: !tls.authorized }),
        deps.net.request('HEAD', `https://${t.host}${t.backendPath}`, address, { insecure: !tls.authorized }),
      ]);
      const redirect = await deps.net.request('HEAD', `http://${t.host}/`, address);
      return { tls, root, backend, redirect };
    })(),
    awsRead.ok && secretName ? attempt(() => collectClientSecret(awsRead.value.aws, secretName)) : Promise.resolve(undefined),
  ]);

  const checks: Check[] = [];
  // DNS
  if (!t.host || !hostDns) checks.push(...layerNotChecked('dns', 'the public host is unknown: pass it as the argument, or give a --context whose Ingress names it'));
  else checks.push(judgeResolves(hostDns), judgePointsAtAlb(hostDns, lb?.dnsName ?? albName, albDns));
  // HTTPS
  if (!t.host || !probes) checks.push(...layerNotChecked('https', !t.host ? 'the public host is unknown' : `${t.host} does not resolve to an address`));
  else {
    checks.push(judgeConnect(probes.tls), judgeCertificate(probes.tls, now), judgeHttp('http.root', probes.root), judgeHttp('http.backend', probes.backend), judgeRedirect(probes.redirect, t.host));
    if (address && hostDns?.source === 'override') note('https', `probes went to ${address} (from --resolve), with SNI and Host ${t.host}`);
  }
  // ALB
  if (!awsRead.ok) checks.push(...layerNotChecked('alb', awsRead.why));
  else if (!query) checks.push(...layerNotChecked('alb', 'which load balancer serves this host is unknown: the Ingress has no address and DNS names no ALB (pass --context)'));
  else if (!alb?.ok) checks.push(...layerNotChecked('alb', alb ? alb.why : 'not read'));
  else {
    note('alb', `looked for ${alb.value.lookedFor} among ${alb.value.listed} load balancer(s) (all pages)`);
    checks.push(...judgeAlbFound(lb, alb.value.lookedFor));
    if (lb) checks.push(...judgeListeners(lb.arn, alb.value.listeners, t.expect), ...judgeTargets(alb.value.targetGroups, lb.arn));
    else checks.push(...IDS_OF.alb.filter((id) => id !== 'alb.state').map((id) => makeCheck(id, alb.value.lookedFor, notChecked('no load balancer'))));
  }
  // Kubernetes
  if (!kube) checks.push(...layerNotChecked('kubernetes', 'the namespace of this host is unknown (diagnose pr-<n> or diagnose:live <project> name it)'));
  else if (!kube.ok) checks.push(...layerNotChecked('kubernetes', kube.why));
  else {
    note('kubernetes', `context ${kube.value.context}, namespace ${kube.value.namespace}`);
    if (kube.value.events.ok) for (const e of kube.value.events.value.slice(0, 5)) note('kubernetes', `Warning ${e.object} ${e.reason}${e.count > 1 ? ` ×${e.count}` : ''}: ${e.message}`);
    checks.push(...judgeKube(kube.value, t, now));
  }
  // Secrets Manager
  if (!awsRead.ok) checks.push(...layerNotChecked('secrets', awsRead.why));
  else if (!secretName || !secret) checks.push(...layerNotChecked('secrets', 'the secret prefix of this host is unknown (diagnose pr-<n> or diagnose:live <project> name it)'));
  else if (!secret.ok) checks.push(...layerNotChecked('secrets', secret.why));
  else checks.push(judgeClientSecret(secret.value));

  const layers = assembleLayers(checks, notes);
  const conclusion = conclude(checks, layers);
  const credentials: CredentialsReport = {
    ...(awsRead.ok ? { aws: { caller: awsRead.value.caller.arn, readOnly: deps.awsReadOnly.mode, detail: deps.awsReadOnly.detail } } : {}),
    ...(kube?.ok ? { kube: kubeAccess(kube.value) } : {}),
  };
  const commands = buildCommands({
    ...(t.host ? { host: t.host } : {}), ...(address ? { address: { ip: address, fromOverride: hostDns?.source === 'override' } } : {}),
    ports: deps.net.ports, backendPath: t.backendPath, ...(alb?.ok ? { alb: alb.value } : {}), ...(kube?.ok ? { kube: kube.value } : {}),
    ...(secretName ? { secretName } : {}), ...(deps.region ? { region: deps.region } : {}), checks, ...(conclusion.causes[0] ? { firstLayer: conclusion.causes[0].layer } : {}),
  });
  return {
    target: {
      kind: t.kind, label: t.label, ...(t.host ? { host: t.host } : {}), ...(t.envId ? { envId: t.envId } : {}), ...(t.namespace ? { namespace: t.namespace } : {}),
      ...(t.release ? { release: t.release } : {}), ...(t.secretPrefix ? { secretPrefix: t.secretPrefix } : {}), ...(kubeClient.ok ? { context: kubeClient.value.context } : {}),
    },
    credentials, layers, conclusion, commands,
  };
}

function kubeAccess(k: KubeEvidence): NonNullable<CredentialsReport['kube']> {
  const can = k.access.filter((a) => a.allowed === true).map((a) => `${a.verb} ${a.resource}`);
  if (k.access.some((a) => a.allowed === undefined) && can.length === 0) return { context: k.context, readOnly: 'unknown', detail: 'the API server did not answer the access reviews' };
  if (can.length) return { context: k.context, readOnly: 'can-write', detail: `this identity may ${can.join(', ')}: jetscale's gate still refuses every change, but a view-only identity would make that hold even for other tools` };
  return { context: k.context, readOnly: 'view-only', detail: `this identity may not ${k.access.map((a) => `${a.verb} ${a.resource}`).join(', ')} (checked with SelfSubjectAccessReview)` };
}
