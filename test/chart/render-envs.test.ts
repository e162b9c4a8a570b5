// Every environment layering renders with the real helm into the expected, complete set of objects.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { helmTemplate, parseManifests, type Manifest } from '../support/helm/helm-cli.js';
import { discoverLayerings, type Layering } from './env-layerings.js';
import { chartDir, envsDir, helmOrSkipReason } from './paths.js';

const helm = helmOrSkipReason();
const RELEASE = 'jetscale';
const SECRET_SUFFIXES = ['db-secret', 'redis-secret', 'common-secrets', 'app-secrets', 'aws-client-secret'];

const awsLayerings = discoverLayerings(envsDir, 'aws');
const azureLayerings = discoverLayerings(envsDir, 'azure');

const names = (manifests: Manifest[], kind: string): string[] =>
  manifests.filter((m) => m.kind === kind).map((m) => m.metadata.name).sort();

// Each layering is rendered once per file and shared by the checks below (helm is the slow part).
const renders = new Map<string, Promise<Manifest[]>>();
function render(layering: Layering): Promise<Manifest[]> {
  let pending = renders.get(layering.name);
  if (!pending) {
    pending = renderOnce(layering);
    renders.set(layering.name, pending);
  }
  return pending;
}

async function renderOnce(layering: Layering): Promise<Manifest[]> {
  const run = await helmTemplate(helm, chartDir, layering.files, RELEASE);
  expect(run.stderr, `helm template failed for ${layering.files.join(' → ')}`).not.toMatch(/Error/);
  expect(run.exitCode).toBe(0);
  return parseManifests(run.stdout);
}

describe('environment discovery', () => {
  it('finds preview, live and at least two staging environments, skipping default.yaml', () => {
    const envs = awsLayerings.map((l) => l.name);
    expect(envs).toContain('aws:preview/preview.yaml');
    expect(envs).toContain('aws:live/console.yaml');
    expect(envs.filter((n) => n.startsWith('aws:staging/')).length).toBeGreaterThanOrEqual(2);
    expect(envs.some((n) => n.includes('default'))).toBe(false);
  });
});

describe.skipIf(!helm)('helm template of each environment', () => {
  it.each([...awsLayerings, ...azureLayerings].map((l) => [l.name, l] as const))(
    '%s renders the full stack',
    async (_name, layering) => {
      const manifests = await render(layering);
      expect(names(manifests, 'Ingress')).toEqual([RELEASE]);
      expect(names(manifests, 'ExternalSecret')).toEqual(SECRET_SUFFIXES.map((s) => `${RELEASE}-${s}`).sort());
      expect(names(manifests, 'SecretStore')).toEqual([`${RELEASE}-secrets-store`]);
      expect(names(manifests, 'ConfigMap')).toEqual([`${RELEASE}-config`]);
      expect(names(manifests, 'Deployment')).toEqual(
        ['backend-api', 'backend-ws', 'frontend'].map((s) => `${RELEASE}-${s}`),
      );
      // Local/Kind-only objects never reach a real environment.
      expect(names(manifests, 'StatefulSet')).toEqual([]);
      expect(names(manifests, 'Secret')).toEqual([]);
    },
  );

  it.each(awsLayerings.map((l) => [l.name, l] as const))('%s is complete: identity, IRSA, prefix-based secret paths', async (_name, layering) => {
    const manifests = await render(layering);
    const config = manifests.find((m) => m.kind === 'ConfigMap');
    expect(config?.data?.JETSCALE_CLIENT_NAME).toMatch(/^[a-z0-9-]+$/);
    expect(config?.data?.JETSCALE_PROJECT_NAME).toMatch(/^[a-z0-9-]+$/);
    const eso = manifests.find((m) => m.kind === 'ServiceAccount' && m.metadata.name === `${RELEASE}-external-secrets`);
    expect(eso?.metadata.annotations?.['eks.amazonaws.com/role-arn']).toMatch(/^arn:aws:iam::[0-9]{12}:role\//);
    // Every remote key starts with the environment's non-empty prefix (no "/application/..." keys).
    const merged = mergedExternalSecret(layering);
    for (const es of manifests.filter((m) => m.kind === 'ExternalSecret')) {
      for (const key of remoteKeys(es)) expect(key.startsWith(`${merged.awsSecretPrefix}/`), key).toBe(true);
    }
  });

  it.each(awsLayerings.map((l) => [l.name, l] as const))('%s routes every ingress path to a rendered Service', async (_name, layering) => {
    const manifests = await render(layering);
    const ingress = manifests.find((m) => m.kind === 'Ingress');
    const spec = ingress?.spec as unknown as IngressSpec;
    expect(spec.ingressClassName).toBe('alb');
    const annotations = ingress?.metadata.annotations ?? {};
    expect(JSON.parse(annotations['alb.ingress.kubernetes.io/listen-ports'] ?? '[]')).toEqual([{ HTTP: 80 }, { HTTPS: 443 }]);
    expect(annotations['alb.ingress.kubernetes.io/ssl-redirect']).toBe('443');
    expect(annotations['alb.ingress.kubernetes.io/certificate-arn']).toMatch(/^arn:aws:acm:us-east-1:[0-9]{12}:certificate\//);
    const services = new Set(names(manifests, 'Service'));
    const backends = spec.rules.flatMap((r) => r.http.paths.map((p) => p.backend.service.name));
    expect(backends.length).toBeGreaterThan(0);
    for (const name of backends) expect(services.has(name), name).toBe(true);
    expect(new Set(backends)).toEqual(new Set([`${RELEASE}-backend-api`, `${RELEASE}-backend-ws`, `${RELEASE}-frontend`]));
  });

  it('uses the ingress driver of the cloud layer (azure: Application Gateway, no ALB annotations)', async () => {
    const layering = azureLayerings.find((l) => l.name === 'azure:live/console.yaml');
    expect(layering).toBeDefined();
    const manifests = await render(layering as Layering);
    const ingress = manifests.find((m) => m.kind === 'Ingress');
    expect((ingress?.spec as unknown as IngressSpec).ingressClassName).toBe('azure-application-gateway');
    const keys = Object.keys(ingress?.metadata.annotations ?? {});
    expect(keys.some((k) => k.startsWith('appgw.ingress.kubernetes.io/'))).toBe(true);
    expect(keys.some((k) => k.startsWith('alb.ingress.kubernetes.io/'))).toBe(false);
  });

  it('shares one wildcard certificate between preview and live', async () => {
    const arn = async (name: string): Promise<string | undefined> => {
      const manifests = await render(awsLayerings.find((l) => l.name === name) as Layering);
      return manifests.find((m) => m.kind === 'Ingress')?.metadata.annotations?.['alb.ingress.kubernetes.io/certificate-arn'];
    };
    const preview = await arn('aws:preview/preview.yaml');
    expect(preview).toBeDefined();
    expect(await arn('aws:live/console.yaml')).toBe(preview);
  });
});

interface IngressSpec {
  ingressClassName?: string;
  rules: Array<{ host: string; http: { paths: Array<{ backend: { service: { name: string } } }> } }>;
}

// Last layer that sets externalSecret.awsSecretPrefix wins (all envs set it explicitly).
function mergedExternalSecret(layering: Layering): { awsSecretPrefix: string } {
  let prefix = '';
  for (const file of layering.files) {
    const values = parse(readFileSync(file, 'utf8')) as { externalSecret?: { awsSecretPrefix?: string } } | null;
    prefix = values?.externalSecret?.awsSecretPrefix ?? prefix;
  }
  expect(prefix).not.toBe('');
  return { awsSecretPrefix: prefix };
}

function remoteKeys(es: Manifest): string[] {
  const spec = es.spec as { data?: Array<{ remoteRef: { key: string } }>; dataFrom?: Array<{ extract: { key: string } }> };
  return [...(spec.data ?? []).map((d) => d.remoteRef.key), ...(spec.dataFrom ?? []).map((d) => d.extract.key)];
}
