// The protobuf request bodies Go clients send (helm's release Secrets), decoded into the JSON objects they stand for.
// helm.test.ts drives this with the real helm; here hand-encoded bodies pin the field numbers and zero-value rules.
import { describe, expect, it } from 'vitest';
import { decodeProtobuf, isProtobuf } from './protobuf.js';

const varint = (n: number): Buffer => {
  const out: number[] = [];
  let v = n;
  while (v > 0x7f) { out.push((v & 0x7f) | 0x80); v = Math.floor(v / 128); }
  out.push(v);
  return Buffer.from(out);
};
const bytes = (field: number, b: Buffer): Buffer => Buffer.concat([varint((field << 3) | 2), varint(b.length), b]);
const str = (field: number, s: string): Buffer => bytes(field, Buffer.from(s));
const num = (field: number, n: number): Buffer => Buffer.concat([varint(field << 3), varint(n)]);
const entry = (field: number, k: string, v: Buffer | string): Buffer => bytes(field, Buffer.concat([str(1, k), bytes(2, Buffer.from(v))]));
const envelope = (apiVersion: string, kind: string, raw: Buffer): Buffer =>
  Buffer.concat([Buffer.from('k8s\0', 'latin1'), bytes(1, Buffer.concat([str(1, apiVersion), str(2, kind)])), bytes(2, raw)]);

describe('protobuf request bodies', () => {
  it('decodes a Secret the way helm writes it: empty strings and zero times dropped, data as base64', () => {
    const meta = Buffer.concat([
      str(1, 'sh.helm.release.v1.jr.v1'), str(2, ''), str(3, ''), bytes(8, Buffer.alloc(0)),
      entry(11, 'owner', 'helm'), entry(11, 'status', 'deployed'), str(14, 'example.com/keep'),
      bytes(17, Buffer.concat([str(1, 'helm'), str(2, 'Update'), bytes(4, num(1, 1_700_000_000)), bytes(7, str(1, '{"f:data":{}}'))])),
    ]);
    const secret = Buffer.concat([bytes(1, meta), entry(2, 'release', Buffer.from([0, 1, 2, 255])), str(3, 'helm.sh/release.v1')]);
    expect(decodeProtobuf(envelope('v1', 'Secret', secret))).toEqual({
      apiVersion: 'v1', kind: 'Secret', type: 'helm.sh/release.v1', data: { release: 'AAEC/w==' },
      metadata: {
        name: 'sh.helm.release.v1.jr.v1', labels: { owner: 'helm', status: 'deployed' }, finalizers: ['example.com/keep'],
        managedFields: [{ manager: 'helm', operation: 'Update', time: '2023-11-14T22:13:20Z', fieldsV1: { 'f:data': {} } }],
      },
    });
  });

  it('decodes DeleteOptions and ConfigMaps, and refuses other types with 415', () => {
    const opts = Buffer.concat([bytes(2, Buffer.concat([str(1, 'uid-1')])), str(4, 'Background'), str(5, 'All')]);
    expect(decodeProtobuf(envelope('v1', 'DeleteOptions', opts))).toEqual({
      apiVersion: 'v1', kind: 'DeleteOptions', preconditions: { uid: 'uid-1' }, propagationPolicy: 'Background', dryRun: ['All'],
    });
    expect(decodeProtobuf(envelope('v1', 'ConfigMap', Buffer.concat([bytes(1, str(1, 'cfg')), entry(2, 'a', '1')]))))
      .toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: '1' } });
    expect(() => decodeProtobuf(envelope('apps/v1', 'Deployment', Buffer.alloc(0)))).toThrow(expect.objectContaining({ code: 415 }));
    expect(() => decodeProtobuf(Buffer.from('{"kind":"Secret"}'))).toThrow(expect.objectContaining({ code: 400 }));
    expect(isProtobuf('application/vnd.kubernetes.protobuf; charset=binary')).toBe(true);
    expect(isProtobuf('application/json')).toBe(false);
  });
});
