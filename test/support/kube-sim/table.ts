// meta.k8s.io/v1 Table rendering so `kubectl get` prints familiar columns against the simulator.
import type { KubeObject } from './selectors.js';

type Rec = Record<string, unknown>;
type Column = [name: string, cell: (o: KubeObject) => string | number];

function age(o: KubeObject): string {
  const s = Math.max(0, Math.floor((Date.now() - Date.parse(String(o.metadata.creationTimestamp))) / 1000));
  if (!Number.isFinite(s)) return '<unknown>';
  return s < 120 ? `${s}s` : s < 7200 ? `${Math.floor(s / 60)}m` : s < 172800 ? `${Math.floor(s / 3600)}h` : `${Math.floor(s / 86400)}d`;
}

const st = (o: KubeObject): Rec => (o.status ?? {}) as Rec;
const sp = (o: KubeObject): Rec => (o.spec ?? {}) as Rec;
const containers = (o: KubeObject): Rec[] => (st(o).containerStatuses ?? []) as Rec[];

function podStatus(o: KubeObject): string {
  for (const c of containers(o)) {
    const waiting = (c.state as Rec | undefined)?.waiting as Rec | undefined;
    if (waiting?.reason) return String(waiting.reason);
  }
  return String(st(o).phase ?? 'Pending');
}

function readyCond(o: KubeObject): string {
  const c = ((st(o).conditions ?? []) as Rec[]).find((x) => x.type === 'Ready');
  return c ? String(c.status) : 'Unknown';
}

const EXTRA: Record<string, Column[]> = {
  Pod: [
    ['Ready', (o) => `${containers(o).filter((c) => c.ready).length}/${((sp(o).containers ?? []) as unknown[]).length}`],
    ['Status', podStatus],
    ['Restarts', (o) => containers(o).reduce((n, c) => n + Number(c.restartCount ?? 0), 0)],
  ],
  Deployment: [
    ['Ready', (o) => `${Number(st(o).readyReplicas ?? 0)}/${Number(sp(o).replicas ?? 1)}`],
    ['Up-to-date', (o) => Number(st(o).updatedReplicas ?? 0)],
    ['Available', (o) => Number(st(o).availableReplicas ?? 0)],
  ],
  Ingress: [['Address', (o) => (((st(o).loadBalancer as Rec | undefined)?.ingress ?? []) as Rec[]).map((i) => String(i.hostname ?? i.ip)).join(',')]],
  ExternalSecret: [['Ready', readyCond], ['Status', (o) => String(((st(o).conditions ?? []) as Rec[])[0]?.reason ?? '')]],
  Namespace: [['Status', (o) => String(st(o).phase ?? 'Active')]],
  Service: [
    ['Type', (o) => String(sp(o).type ?? 'ClusterIP')],
    ['Cluster-IP', (o) => String(sp(o).clusterIP ?? '<none>')],
    ['External-IP', (o) => (((st(o).loadBalancer as Rec | undefined)?.ingress ?? []) as Rec[]).map((i) => String(i.hostname ?? i.ip)).join(',') || '<none>'],
    ['Port(s)', (o) => ((sp(o).ports ?? []) as Rec[]).map((p) => `${String(p.port)}/${String(p.protocol ?? 'TCP')}`).join(',') || '<none>'],
  ],
  ReplicaSet: [
    ['Desired', (o) => Number(sp(o).replicas ?? 1)], ['Current', (o) => Number(st(o).replicas ?? 0)], ['Ready', (o) => Number(st(o).readyReplicas ?? 0)],
  ],
  StatefulSet: [['Ready', (o) => `${Number(st(o).readyReplicas ?? 0)}/${Number(sp(o).replicas ?? 1)}`]],
  Job: [['Status', (o) => (Number(st(o).succeeded ?? 0) > 0 ? 'Complete' : Number(st(o).failed ?? 0) > 0 ? 'Failed' : 'Running')], ['Completions', (o) => `${Number(st(o).succeeded ?? 0)}/${Number(sp(o).completions ?? 1)}`]],
  CronJob: [['Schedule', (o) => String(sp(o).schedule ?? '')], ['Suspend', (o) => String(sp(o).suspend ?? false)], ['Active', (o) => ((st(o).active ?? []) as unknown[]).length]],
  Event: [['Reason', (o) => String(o.reason ?? '')], ['Object', (o) => `${String((o.involvedObject as Rec | undefined)?.kind ?? '').toLowerCase()}/${String((o.involvedObject as Rec | undefined)?.name ?? '')}`], ['Message', (o) => String(o.message ?? '')]],
};

/** Renders objects as a Table; `full` embeds whole objects (includeObject=Object) instead of metadata only. */
export function toTable(kind: string, items: KubeObject[], resourceVersion: string, full: boolean): Rec {
  const columns: Column[] = [['Name', (o) => o.metadata.name], ...(EXTRA[kind] ?? []), ['Age', age]];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: columns.map(([name], i) => ({ name, type: ['Restarts', 'Up-to-date', 'Available', 'Desired', 'Current', 'Active'].includes(name) ? 'integer' : 'string', format: i === 0 ? 'name' : '', description: name, priority: 0 })),
    rows: items.map((o) => ({
      cells: columns.map(([, cell]) => cell(o)),
      object: full ? o : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  };
}
