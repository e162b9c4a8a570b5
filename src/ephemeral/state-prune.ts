// Which resources of a Terraform state need the EKS cluster to be refreshed (Kubernetes, Helm, kubectl providers):
// when the cluster is gone they block every plan, so the stale-state step forgets them (and only them), exactly as
// `terraform state rm` would: same lineage, serial + 1. Pure.

/** A state file as far as this module reads it (format version 4). */
interface StateDoc {
  serial?: number;
  resources?: Array<{ module?: string; mode?: string; type?: string; name?: string; provider?: string }>;
}

/** The provider type of a state `provider` string: `provider["registry.terraform.io/hashicorp/helm"].x` → `helm`. */
export function providerType(provider: string): string | undefined {
  const source = /provider\["([^"]+)"\]/.exec(provider)?.[1];
  return source?.split('/').at(-1);
}

/** The serial of a state document, or undefined when the text is not a state. */
export function stateSerial(text: string): number | undefined {
  return parseState(text)?.serial;
}

/** Addresses (`module.x.kubernetes_namespace.this`, `data.helm_template.y`) managed by one of `providers`, sorted. */
export function clusterBoundAddresses(text: string, providers: readonly string[]): string[] {
  const doc = parseState(text);
  if (!doc) throw new Error('the state object is not a Terraform state (JSON with a resources list)');
  const wanted = new Set(providers.map((p) => p.toLowerCase()));
  const addresses = (doc.resources ?? [])
    .filter((r) => r.type && r.name && r.provider && wanted.has(providerType(r.provider)?.toLowerCase() ?? ''))
    .map(addressOf);
  return [...new Set(addresses)].sort();
}

/** The state without the resources at `addresses` (module-qualified, as clusterBoundAddresses gives them), serial + 1. */
export function pruneState(text: string, addresses: readonly string[]): string {
  const doc = JSON.parse(text) as StateDoc & Record<string, unknown>;
  const drop = new Set(addresses);
  const resources = (doc.resources ?? []).filter((r) => !drop.has(addressOf(r)));
  return JSON.stringify({ ...doc, serial: (doc.serial ?? 0) + 1, resources }, null, 2) + '\n';
}

function addressOf(r: NonNullable<StateDoc['resources']>[number]): string {
  return `${r.module ? `${r.module}.` : ''}${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
}

/** The key a state backup is copied to: next to the state, named by time and serial, never overwriting another. */
export function backupKey(stateKey: string, now: Date, serial: number | undefined): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return `${stateKey}.backups/${stamp}${serial === undefined ? '' : `-serial-${serial}`}.tfstate`;
}

function parseState(text: string): StateDoc | undefined {
  try {
    const doc = JSON.parse(text) as unknown;
    return typeof doc === 'object' && doc !== null && Array.isArray((doc as StateDoc).resources) ? (doc as StateDoc) : undefined;
  } catch {
    return undefined;
  }
}
