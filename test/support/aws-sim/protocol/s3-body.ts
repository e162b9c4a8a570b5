// S3 request bodies as the SDKs send them: plain or aws-chunked (with trailing checksums), verified like S3 verifies them.
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { SimError } from '../errors.js';

type Headers = Record<string, string | string[] | undefined>;

/** The decoded body and the flexible checksum that came with it (header or trailer), already verified. */
export interface S3Body {
  body: Buffer;
  checksum: { algorithm: string; value: string } | undefined;
}

let crc32cTable: Uint32Array | undefined;

// CRC-32C (Castagnoli), which zlib does not offer.
function crc32c(buf: Buffer): number {
  if (!crc32cTable) {
    crc32cTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
      crc32cTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of buf) crc = (crc32cTable[(crc ^ b) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const be32 = (n: number): string => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b.toString('base64');
};

// How each flexible checksum is computed; CRC64NVME is accepted unverified (see README).
const digests: Record<string, ((b: Buffer) => string) | undefined> = {
  crc32: (b) => be32(crc32(b)),
  crc32c: (b) => be32(crc32c(b)),
  sha1: (b) => createHash('sha1').update(b).digest('base64'),
  sha256: (b) => createHash('sha256').update(b).digest('base64'),
  crc64nvme: undefined,
};

/** The base64 checksum of `body` with one algorithm (CRC32, CRC32C, SHA1, SHA256), or undefined when not computed here. */
export function checksumOf(algorithm: string, body: Buffer): string | undefined {
  return digests[algorithm.toLowerCase()]?.(body);
}

const one = (h: string | string[] | undefined): string | undefined => (Array.isArray(h) ? h[0] : h);

// aws-chunked: "<hex size>[;chunk-signature=…]\r\n<bytes>\r\n" … "0\r\n" then "name:value\r\n" trailers and "\r\n".
function decodeChunked(raw: Buffer): { body: Buffer; trailers: Record<string, string> } {
  const parts: Buffer[] = [];
  const trailers: Record<string, string> = {};
  let pos = 0;
  const line = (): string => {
    const end = raw.indexOf('\r\n', pos);
    if (end < 0) throw new SimError('IncompleteBody', 'The request body terminated unexpectedly');
    const s = raw.subarray(pos, end).toString('latin1');
    pos = end + 2;
    return s;
  };
  for (;;) {
    const size = Number.parseInt(line().split(';')[0] ?? '', 16);
    if (!Number.isInteger(size) || size < 0) throw new SimError('InvalidRequest', 'Malformed aws-chunked body');
    if (size === 0) break;
    if (pos + size > raw.length) throw new SimError('IncompleteBody', 'The request body terminated unexpectedly');
    parts.push(raw.subarray(pos, pos + size));
    pos += size + 2;
  }
  while (pos < raw.length) {
    const t = line();
    if (!t) break;
    const colon = t.indexOf(':');
    if (colon > 0) trailers[t.slice(0, colon).trim().toLowerCase()] = t.slice(colon + 1).trim();
  }
  return { body: Buffer.concat(parts), trailers };
}

/** Decode and verify a PutObject body: Content-MD5, a hex x-amz-content-sha256 and any x-amz-checksum-* header or trailer. */
export function decodeS3Body(raw: Buffer, headers: Headers): S3Body {
  const payloadHash = one(headers['x-amz-content-sha256']) ?? '';
  const chunked = (one(headers['content-encoding']) ?? '').includes('aws-chunked') || payloadHash.startsWith('STREAMING-');
  let body = raw;
  let trailers: Record<string, string> = {};
  if (chunked) {
    ({ body, trailers } = decodeChunked(raw));
    const declared = one(headers['x-amz-decoded-content-length']);
    if (declared !== undefined && Number(declared) !== body.length) throw new SimError('IncompleteBody', `You did not provide the number of bytes specified by the x-amz-decoded-content-length header (${declared}, got ${body.length})`);
  } else if (/^[0-9a-f]{64}$/.test(payloadHash) && createHash('sha256').update(raw).digest('hex') !== payloadHash) {
    throw new SimError('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.");
  }
  const md5 = one(headers['content-md5']);
  if (md5 !== undefined && createHash('md5').update(body).digest('base64') !== md5) {
    throw new SimError('BadDigest', 'The Content-MD5 you specified did not match what we received.');
  }
  let checksum: S3Body['checksum'];
  for (const name of Object.keys(digests)) {
    const value = one(headers[`x-amz-checksum-${name}`]) ?? trailers[`x-amz-checksum-${name}`];
    if (value === undefined) continue;
    const actual = checksumOf(name, body);
    if (actual !== undefined && actual !== value) throw new SimError('BadDigest', `The ${name.toUpperCase()} you specified did not match the calculated checksum.`);
    checksum = { algorithm: name.toUpperCase(), value };
  }
  return { body, checksum };
}
