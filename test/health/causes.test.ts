// Causal chains: from the outermost failing symptom down the first failing cause, grouped by root, the root that
// explains most symptoms first; a cause that could not be checked ends the chain as "open".
import { describe, expect, it } from 'vitest';
import { current, explainChecks, failed, makeCheck, notChecked, type Check, type CheckId } from '../../src/health/index.js';

const bad = (id: CheckId, subject = id) => makeCheck(id, subject, failed('X', `${subject} failed`));
const ok = (id: CheckId) => makeCheck(id, id, current('Ok', 'ok'));
const blind = (id: CheckId) => makeCheck(id, id, notChecked('no access'));
const ids = (checks: Check[]) => checks.map((c) => c.id);

describe('explainChecks', () => {
  it('HTTPS 503 ← no healthy targets ← pod crash ← ExternalSecret ← Secrets Manager: one root, every symptom explained', () => {
    const causes = explainChecks([
      ok('dns.resolves'), ok('https.connect'), bad('http.root'), bad('http.backend'), bad('alb.targets'), bad('kube.service-endpoints'),
      bad('kube.deployments'), bad('kube.pods'), bad('kube.external-secrets'), bad('kube.secrets-present'), bad('secrets.client'),
    ]);
    expect(causes).toHaveLength(1);
    expect(causes[0]!.root.id).toBe('secrets.client');
    expect(ids(causes[0]!.chains[0]!.links)).toEqual(['http.root', 'alb.targets', 'kube.pods', 'kube.external-secrets', 'secrets.client']);
    expect(causes[0]!.chains).toHaveLength(2);
  });

  it('a chain that reaches an unchecked layer says where the evidence stops', () => {
    const [cause] = explainChecks([bad('http.root'), bad('alb.targets'), blind('kube.pods'), blind('kube.deployments'), blind('kube.service-endpoints')]);
    expect(cause!.root.id).toBe('alb.targets');
    expect(cause!.open?.id).toBe('kube.pods');
  });

  it('an unchecked cause next to a checked healthy one of the same id is not "open"', () => {
    const [cause] = explainChecks([bad('alb.targets'), ok('kube.pods'), blind('kube.pods'), ok('kube.deployments'), ok('kube.service-endpoints')]);
    expect(cause!.open).toBeUndefined();
  });

  it('independent causes: the one explaining more symptoms comes first, then the longer chain', () => {
    const causes = explainChecks([bad('https.connect'), bad('http.redirect'), bad('dns.points-at-alb'), bad('alb.ssl-policy'), bad('kube.ingress-annotations')]);
    expect(causes.map((c) => c.root.id)).toEqual(['dns.points-at-alb', 'kube.ingress-annotations']);
    expect(causes[0]!.chains.map((c) => c.links[0]!.id)).toEqual(['https.connect', 'http.redirect']);
  });

  it('healthy and unchecked checks alone explain nothing', () => {
    expect(explainChecks([ok('dns.resolves'), blind('kube.pods')])).toEqual([]);
  });

  it('a wrong certificate on the listener explains the TLS failure', () => {
    const [cause] = explainChecks([ok('https.connect'), bad('tls.certificate'), bad('alb.certificate'), ok('kube.ingress-annotations')]);
    expect(ids(cause!.chains[0]!.links)).toEqual(['tls.certificate', 'alb.certificate']);
  });
});
