// ALB verdicts (seeds §6.1, the parity rule): the load balancer exists and is active, 443 is HTTPS with the expected
// certificate and pinned policy and forwards somewhere, 80 redirects to 443, and each forwarded target group has
// healthy targets. The AWS Load Balancer Controller puts host/path forwards in listener rules (default action
// 404), so a listener's forwards are its default actions and its rules together.
import { makeCheck, type Check } from './checks.js';
import { current, failed, inProgress, notChecked } from './status.js';

/** The load balancer as judged. */
export interface AlbFacts {
  arn: string;
  name: string;
  dnsName: string;
  state: string;
}

/** An action of a listener or rule. */
export interface AlbActionFacts {
  type: string;
  targetGroupArns: string[];
  redirect?: { protocol?: string; port?: string; statusCode?: string };
}

/** A listener with its rules' actions. */
export interface ListenerFacts {
  arn: string;
  port: number | undefined;
  protocol: string;
  sslPolicy: string | undefined;
  certificateArns: string[];
  defaultActions: AlbActionFacts[];
  /** Actions of the listener's non-default rules. */
  ruleActions: AlbActionFacts[];
}

/** One target group and its targets' health. */
export interface TargetGroupFacts {
  arn: string;
  name: string;
  targets: Array<{ id: string; port: number | undefined; state: string; reason: string | undefined; description: string | undefined }>;
}

/** What the environment's values promise: the wildcard certificate and the pinned policy. */
export interface AlbExpectations {
  certificateArn?: string;
  sslPolicy?: string;
}

const actionsOf = (l: ListenerFacts) => [...l.defaultActions, ...l.ruleActions];
const redirectsToHttps = (a: AlbActionFacts) => a.type === 'redirect' && (a.redirect?.protocol ?? '').toUpperCase() === 'HTTPS' && (a.redirect?.port === undefined || a.redirect.port === '443' || a.redirect.port === '#{port}');
const describeListener = (l: ListenerFacts) =>
  `${l.protocol} :${l.port ?? '?'}${l.sslPolicy ? ` policy ${l.sslPolicy}` : ''}${l.certificateArns.length ? ` cert ${l.certificateArns.join(', ')}` : ''} → ${actionsOf(l).map((a) => a.type + (a.redirect ? ` ${a.redirect.protocol ?? ''}:${a.redirect.port ?? ''} ${a.redirect.statusCode ?? ''}` : '')).join(', ') || 'no action'}`;

/** `alb.found` and `alb.state`. */
export function judgeAlbFound(lb: AlbFacts | undefined, lookedFor: string): Check[] {
  if (!lb) return [makeCheck('alb.found', lookedFor, failed('NotFound', `no load balancer found for ${lookedFor}`)), makeCheck('alb.state', lookedFor, notChecked('no load balancer'))];
  const found = makeCheck('alb.found', lb.arn, current('Found', `${lb.name} (${lb.dnsName})`));
  const s = lb.state;
  const state = s === 'active' ? current('Active', 'active') : s === 'provisioning' ? inProgress('Provisioning', 'still provisioning') : failed(s === 'active_impaired' ? 'ActiveImpaired' : 'NotActive', `state ${s || 'unknown'}`);
  return [found, makeCheck('alb.state', lb.arn, state)];
}

/** `alb.listener-https`, `alb.listener-http`, `alb.certificate`, `alb.ssl-policy`. */
export function judgeListeners(lbArn: string, listeners: readonly ListenerFacts[], expect: AlbExpectations): Check[] {
  const ev = listeners.map(describeListener);
  const https = listeners.find((l) => l.port === 443);
  const http = listeners.find((l) => l.port === 80);
  const out: Check[] = [];
  if (!https) out.push(makeCheck('alb.listener-https', lbArn, failed('NoHttpsListener', `no listener on port 443 (listeners: ${listeners.map((l) => `${l.protocol}:${l.port}`).join(', ') || 'none'}): the ALB serves no HTTPS`), ev));
  else if (https.protocol !== 'HTTPS') out.push(makeCheck('alb.listener-https', https.arn, failed('NotHttps', `port 443 listens with ${https.protocol}, not HTTPS`), ev));
  else if (!actionsOf(https).some((a) => a.type === 'forward' && a.targetGroupArns.length > 0)) out.push(makeCheck('alb.listener-https', https.arn, failed('NoForward', 'the 443 listener forwards to no target group'), ev));
  else out.push(makeCheck('alb.listener-https', https.arn, current('Forwards', 'HTTPS on 443 forwards to target groups'), ev));

  if (!http) out.push(makeCheck('alb.listener-http', lbArn, failed('NoHttpListener', 'no listener on port 80: http:// does not reach the ALB at all'), ev));
  else if (!actionsOf(http).some(redirectsToHttps)) out.push(makeCheck('alb.listener-http', http.arn, failed('NoRedirect', 'the port 80 listener does not redirect to HTTPS 443'), ev));
  else out.push(makeCheck('alb.listener-http', http.arn, current('RedirectsToHttps', 'port 80 redirects to HTTPS 443'), ev));

  if (!https || https.protocol !== 'HTTPS') {
    out.push(makeCheck('alb.certificate', lbArn, notChecked('no HTTPS listener')), makeCheck('alb.ssl-policy', lbArn, notChecked('no HTTPS listener')));
    return out;
  }
  const certs = https.certificateArns;
  if (!expect.certificateArn) out.push(makeCheck('alb.certificate', https.arn, notChecked('the environment values name no certificate ARN to compare with'), [`serves ${certs.join(', ') || 'no certificate'}`]));
  else if (certs.includes(expect.certificateArn)) out.push(makeCheck('alb.certificate', https.arn, current('Expected', `serves ${expect.certificateArn}`)));
  else out.push(makeCheck('alb.certificate', https.arn, failed('WrongCertificate', `443 serves ${certs.join(', ') || 'no certificate'}, but the environment expects ${expect.certificateArn}`)));
  if (!expect.sslPolicy) out.push(makeCheck('alb.ssl-policy', https.arn, notChecked('the environment values pin no TLS policy'), [`uses ${https.sslPolicy ?? 'the default policy'}`]));
  else if (https.sslPolicy === expect.sslPolicy) out.push(makeCheck('alb.ssl-policy', https.arn, current('Pinned', `uses ${expect.sslPolicy}`)));
  else out.push(makeCheck('alb.ssl-policy', https.arn, failed('WrongPolicy', `443 uses ${https.sslPolicy ?? 'no policy'}, but the environment pins ${expect.sslPolicy}`)));
  return out;
}

/** `alb.targets`, one check per target group: registered targets, at least one healthy, with the reasons of the rest. */
export function judgeTargets(groups: readonly TargetGroupFacts[], subject: string): Check[] {
  if (groups.length === 0) return [makeCheck('alb.targets', subject, failed('NoTargetGroups', 'no listener forwards to a target group'))];
  return groups.map((g) => {
    const ev = g.targets.map((t) => `${t.id}${t.port ? `:${t.port}` : ''} ${t.state}${t.reason ? ` (${t.reason}${t.description ? `: ${t.description}` : ''})` : ''}`);
    const live = g.targets.filter((t) => t.state !== 'draining');
    const healthy = live.filter((t) => t.state === 'healthy').length;
    const reasons = [...new Set(live.filter((t) => t.state !== 'healthy').map((t) => t.reason ?? t.state))].join(', ');
    if (live.length === 0) return makeCheck('alb.targets', g.name, failed('NoTargets', `${g.name} has no registered targets`), ev);
    if (healthy === 0 && live.every((t) => t.state === 'initial')) return makeCheck('alb.targets', g.name, inProgress('Registering', `${g.name}: ${live.length} target(s) still registering`), ev);
    if (healthy === 0) return makeCheck('alb.targets', g.name, failed('NoHealthyTargets', `${g.name} has 0 of ${live.length} targets healthy (${reasons})`), ev);
    if (healthy < live.length) return makeCheck('alb.targets', g.name, inProgress('SomeUnhealthy', `${g.name} has ${healthy} of ${live.length} targets healthy (${reasons})`), ev);
    return makeCheck('alb.targets', g.name, current('Healthy', `${g.name}: ${healthy} of ${live.length} targets healthy`), ev);
  });
}
