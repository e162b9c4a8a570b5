// The read-only commands a human can paste to see the same evidence (seeds §6.6): dig, curl -sSI, aws elbv2/
// secretsmanager describe/get (secret *keys* only, through jq), kubectl get/describe/logs. Never a command that
// changes anything; the layer of the most likely cause comes first.
import { LAYERS, type Check, type Layer } from '../health/index.js';
import type { AlbEvidence } from './collect-alb.js';
import type { KubeEvidence } from './collect-kube.js';

/** What the commands are built from. */
export interface CommandFacts {
  host?: string;
  /** The address the probes used and whether it came from --resolve. */
  address?: { ip: string; fromOverride: boolean };
  ports: { https: number; http: number };
  backendPath: string;
  alb?: AlbEvidence;
  kube?: KubeEvidence;
  secretName?: string;
  region?: string;
  checks: readonly Check[];
  /** The layer of the most likely cause (its commands come first). */
  firstLayer?: Layer;
}

/** POSIX shell quoting: bare when safe, else single quotes. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

const q = shellQuote;

function curl(f: CommandFacts, scheme: 'https' | 'http', path: string): string {
  const port = f.ports[scheme];
  const explicit = port !== (scheme === 'https' ? 443 : 80) ? `:${port}` : '';
  const resolve = f.address?.fromOverride ? ` --resolve ${q(`${f.host}:${port}:${f.address.ip}`)}` : '';
  return `curl -sSI --max-time 8${resolve} ${q(`${scheme}://${f.host}${explicit}${path}`)} | head -n 20`;
}

/** The commands, grouped by layer, the most likely cause's layer first. */
export function buildCommands(f: CommandFacts): Array<{ layer: Layer; command: string }> {
  const out: Array<{ layer: Layer; command: string }> = [];
  const add = (layer: Layer, command: string) => out.push({ layer, command });
  const region = f.region ? ` --region ${q(f.region)}` : '';
  if (f.host) {
    add('dns', `dig +short ${q(f.host)} A`);
    add('dns', `dig +short ${q(f.host)} CNAME`);
    add('https', curl(f, 'https', '/'));
    add('https', curl(f, 'https', f.backendPath));
    add('https', curl(f, 'http', '/'));
  }
  const lb = f.alb?.lb;
  if (lb) {
    // The seeds' form (double quotes around a JMESPath with single-quoted literals); DNS names need no escaping.
    const query = /^[A-Za-z0-9.-]+$/.test(lb.dnsName) ? `"LoadBalancers[?DNSName=='${lb.dnsName}'].[LoadBalancerArn,State.Code]"` : q(`LoadBalancers[?DNSName=='${lb.dnsName}'].[LoadBalancerArn,State.Code]`);
    add('alb', `aws elbv2 describe-load-balancers${region} --query ${query} --output text`);
    add('alb', `aws elbv2 describe-listeners${region} --load-balancer-arn ${q(lb.arn)}`);
    for (const l of f.alb!.listeners.filter((x) => x.port === 443)) add('alb', `aws elbv2 describe-rules${region} --listener-arn ${q(l.arn)}`);
    for (const g of f.alb!.targetGroups) add('alb', `aws elbv2 describe-target-health${region} --target-group-arn ${q(g.arn)}`);
  }
  const k = f.kube;
  if (k) {
    const kc = `kubectl --context ${q(k.context)} -n ${q(k.namespace)}`;
    add('kubernetes', `${kc} get ingress,service,deployment,pod,externalsecret -o wide`);
    add('kubernetes', `${kc} get events --field-selector type=Warning --sort-by .lastTimestamp`);
    const sick = f.checks.filter((c) => c.id === 'kube.pods' && c.health.status !== 'Current').map((c) => c.subject.split('/').pop()!).slice(0, 2);
    for (const pod of sick) {
      add('kubernetes', `${kc} describe pod ${q(pod)}`);
      add('kubernetes', `${kc} logs ${q(pod)} --all-containers --previous --tail 50`);
    }
    for (const es of f.checks.filter((c) => c.id === 'kube.external-secrets' && c.health.status !== 'Current').map((c) => c.subject.split('/').pop()!).slice(0, 2)) {
      add('kubernetes', `${kc} describe externalsecret ${q(es)}`);
    }
    add('kubernetes', `${kc} get secrets -o name`);
  }
  if (f.secretName) {
    add('secrets', `aws secretsmanager describe-secret${region} --secret-id ${q(f.secretName)}`);
    add('secrets', `aws secretsmanager get-secret-value${region} --secret-id ${q(f.secretName)} --query SecretString --output text | jq -r 'keys[]'`);
  }
  const rank = (l: Layer) => (l === f.firstLayer ? -1 : LAYERS.indexOf(l));
  return out.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c.layer) - rank(b.c.layer) || a.i - b.i).map(({ c }) => c);
}
