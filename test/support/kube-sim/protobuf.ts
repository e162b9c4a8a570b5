// Decodes the Kubernetes protobuf request bodies typed clients send (helm writes its release Secrets this way):
// the `k8s\0` + runtime.Unknown envelope, then Secret, ConfigMap or DeleteOptions. Field numbers are those of
// k8s.io/api/core/v1 and k8s.io/apimachinery/pkg/apis/meta/v1 generated.proto; Go zero values are left out, as JSON does.
import { KubeError } from './status.js';

type Rec = Record<string, unknown>;
type Kind = 'string' | 'bytes' | 'int' | 'bool' | 'time' | 'json' | 'strings' | 'smap' | 'bmap' | Msg | [Msg];
interface Msg { [field: number]: [name: string, kind: Kind] }

const TIME: Msg = { 1: ['seconds', 'int'], 2: ['nanos', 'int'] };
const OWNER: Msg = { 1: ['kind', 'string'], 3: ['name', 'string'], 4: ['uid', 'string'], 5: ['apiVersion', 'string'], 6: ['controller', 'bool'], 7: ['blockOwnerDeletion', 'bool'] };
const MANAGED: Msg = {
  1: ['manager', 'string'], 2: ['operation', 'string'], 3: ['apiVersion', 'string'], 4: ['time', 'time'], 6: ['fieldsType', 'string'],
  7: ['fieldsV1', { 1: ['raw', 'json'] }], 8: ['subresource', 'string'],
};
const META: Msg = {
  1: ['name', 'string'], 2: ['generateName', 'string'], 3: ['namespace', 'string'], 4: ['selfLink', 'string'], 5: ['uid', 'string'],
  6: ['resourceVersion', 'string'], 7: ['generation', 'int'], 8: ['creationTimestamp', 'time'], 9: ['deletionTimestamp', 'time'],
  10: ['deletionGracePeriodSeconds', 'int'], 11: ['labels', 'smap'], 12: ['annotations', 'smap'], 13: ['ownerReferences', [OWNER]],
  14: ['finalizers', 'strings'], 17: ['managedFields', [MANAGED]],
};
const TYPES: Record<string, Msg> = {
  'v1/Secret': { 1: ['metadata', META], 2: ['data', 'bmap'], 3: ['type', 'string'], 4: ['stringData', 'smap'], 5: ['immutable', 'bool'] },
  'v1/ConfigMap': { 1: ['metadata', META], 2: ['data', 'smap'], 3: ['binaryData', 'bmap'], 4: ['immutable', 'bool'] },
  'v1/DeleteOptions': {
    1: ['gracePeriodSeconds', 'int'], 2: ['preconditions', { 1: ['uid', 'string'], 2: ['resourceVersion', 'string'] }],
    3: ['orphanDependents', 'bool'], 4: ['propagationPolicy', 'string'], 5: ['dryRun', 'strings'],
  },
};
TYPES['meta.k8s.io/v1/DeleteOptions'] = TYPES['v1/DeleteOptions'] as Msg;

/** A cursor over protobuf wire fields. */
class Reader {
  private pos = 0;
  constructor(private readonly buf: Buffer) {}
  done(): boolean { return this.pos >= this.buf.length; }
  varint(): bigint {
    let out = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const b = this.buf[this.pos++];
      if (b === undefined) throw new Error('truncated varint');
      out |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return out;
    }
  }
  bytes(): Buffer {
    const n = Number(this.varint());
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 2) this.bytes();
    else if (wire === 1) this.pos += 8;
    else if (wire === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

function entry(buf: Buffer, asBytes: boolean): [string, string] {
  const r = new Reader(buf);
  let key = '';
  let value = '';
  while (!r.done()) {
    const tag = Number(r.varint());
    if (tag >> 3 === 1) key = r.bytes().toString('utf8');
    else if (tag >> 3 === 2) value = asBytes ? r.bytes().toString('base64') : r.bytes().toString('utf8');
    else r.skip(tag & 7);
  }
  return [key, value];
}

function scalar(r: Reader, kind: Kind): unknown {
  if (kind === 'int') return Number(BigInt.asIntN(64, r.varint()));
  if (kind === 'bool') return r.varint() !== 0n;
  const raw = r.bytes();
  if (kind === 'string' || kind === 'strings') return raw.toString('utf8');
  if (kind === 'bytes') return raw.toString('base64');
  if (kind === 'json') return JSON.parse(raw.toString('utf8') || 'null');
  if (kind === 'time') {
    const t = decode(raw, TIME);
    return t.seconds ? new Date(Number(t.seconds) * 1000).toISOString().replace(/\.\d+Z$/, 'Z') : undefined;
  }
  if (kind === 'smap' || kind === 'bmap') return entry(raw, kind === 'bmap');
  return decode(raw, Array.isArray(kind) ? kind[0] : (kind as Msg));
}

function decode(buf: Buffer, msg: Msg): Rec {
  const r = new Reader(buf);
  const out: Rec = {};
  while (!r.done()) {
    const tag = Number(r.varint());
    const field = msg[tag >> 3];
    if (!field) {
      r.skip(tag & 7);
      continue;
    }
    const [name, kind] = field;
    const v = scalar(r, kind);
    if (kind === 'smap' || kind === 'bmap') {
      const [k, val] = v as [string, string];
      out[name] = { ...((out[name] as Rec | undefined) ?? {}), [k]: val };
    } else if (kind === 'strings' || Array.isArray(kind)) out[name] = [...((out[name] as unknown[] | undefined) ?? []), v];
    else if (v !== undefined && v !== '' && v !== 0) out[name] = v;
  }
  // fieldsV1 travels as raw JSON bytes inside a wrapper message.
  if (msg === MANAGED && out.fieldsV1) out.fieldsV1 = (out.fieldsV1 as Rec).raw;
  return out;
}

/** True for `application/vnd.kubernetes.protobuf` bodies. */
export function isProtobuf(contentType: string): boolean {
  return contentType.split(';')[0]?.trim() === 'application/vnd.kubernetes.protobuf';
}

/** Decodes a protobuf body into the JSON object it stands for; types the simulator cannot decode are a 415. */
export function decodeProtobuf(body: Buffer): Rec {
  if (body.subarray(0, 4).toString('latin1') !== 'k8s\0') throw new KubeError(400, 'BadRequest', 'protobuf body without the k8s envelope');
  const env = decode(body.subarray(4), { 1: ['typeMeta', { 1: ['apiVersion', 'string'], 2: ['kind', 'string'] }], 2: ['raw', 'bytes'] });
  const tm = (env.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
  const msg = TYPES[`${tm.apiVersion ?? ''}/${tm.kind ?? ''}`];
  if (!msg) {
    throw new KubeError(415, 'UnsupportedMediaType', `kube-sim decodes protobuf only for Secret, ConfigMap and DeleteOptions, not ${tm.apiVersion}/${tm.kind}; send JSON`);
  }
  return { apiVersion: tm.apiVersion, kind: tm.kind, ...decode(Buffer.from(String(env.raw ?? ''), 'base64'), msg) };
}
