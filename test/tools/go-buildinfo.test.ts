// Reading a Go binary's own statement of its module version: crafted ELF files for each way it can be absent or
// wrong (and the real helm when the test set-up has one, checked against `helm version`).
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goMainModuleVersion } from '../../src/tools/go-buildinfo.js';

const HELM = /^helm\.sh\/helm\/v\d+$/;
const helmPath = process.env.JETSCALE_HELM ?? '';
if (!helmPath) console.warn('real-helm build-info check skipped: JETSCALE_HELM is empty (the global setup could not get helm)');

let dir: string;
beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'jetscale-buildinfo-'))));
afterAll(async () => rm(dir, { recursive: true, force: true }));

const varint = (n: number): Buffer => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return Buffer.from(out);
};

/** A minimal 64-bit little-endian ELF with a section-name table and a `.go.buildinfo` section holding `modinfo`. */
function elf(modinfo: string | undefined, opts: { flags?: number; magic?: string; rawMod?: Buffer; tail?: Buffer } = {}): Buffer {
  const sentinel = Buffer.alloc(16, 0x30);
  const header = Buffer.alloc(32);
  header.write(opts.magic ?? '\xff Go buildinf:', 0, 'latin1');
  header[14] = 8;
  header[15] = opts.flags ?? 2;
  const goVersion = Buffer.from('go1.24.0');
  const mod = modinfo === undefined ? Buffer.alloc(0) : Buffer.concat([sentinel, Buffer.from(modinfo), sentinel]);
  const buildinfo = Buffer.concat([header, varint(goVersion.length), goVersion, opts.rawMod ?? Buffer.concat([varint(mod.length), mod])]);
  const names = Buffer.from('\0.shstrtab\0.go.buildinfo\0', 'latin1');
  const namesAt = 64;
  const infoAt = namesAt + names.length;
  const shoff = infoAt + buildinfo.length;
  const sh = Buffer.alloc(64 * 3);
  // section 1: .shstrtab (name offset 1), section 2: .go.buildinfo (name offset 11)
  sh.writeUInt32LE(1, 64);
  sh.writeBigUInt64LE(BigInt(namesAt), 64 + 24);
  sh.writeBigUInt64LE(BigInt(names.length), 64 + 32);
  sh.writeUInt32LE(11, 128);
  sh.writeBigUInt64LE(BigInt(infoAt), 128 + 24);
  sh.writeBigUInt64LE(BigInt(buildinfo.length), 128 + 32);
  const ident = Buffer.alloc(64);
  ident.writeUInt32BE(0x7f454c46, 0);
  ident[4] = 2; // 64-bit
  ident[5] = 1; // little-endian
  ident.writeBigUInt64LE(BigInt(shoff), 0x28);
  ident.writeUInt16LE(64, 0x3a);
  ident.writeUInt16LE(3, 0x3c);
  ident.writeUInt16LE(1, 0x3e);
  return Buffer.concat([ident, names, buildinfo, sh, opts.tail ?? Buffer.alloc(0)]);
}

async function versionOf(bytes: Buffer, name = 'helm'): Promise<string | undefined> {
  const file = join(dir, `${name}-${Math.random().toString(36).slice(2)}`);
  await writeFile(file, bytes, { mode: 0o755 });
  return goMainModuleVersion(file, HELM);
}

describe('goMainModuleVersion', () => {
  it('reads the main module version a genuine helm build states (helm 3 and 4, with build metadata)', async () => {
    expect(await versionOf(elf('path\thelm.sh/helm/v4/cmd/helm\nmod\thelm.sh/helm/v4\tv4.2.3\t\ndep\tx\tv1\th1:x\n'))).toBe('4.2.3');
    expect(await versionOf(elf('path\thelm.sh/helm/v3/cmd/helm\nmod\thelm.sh/helm/v3\tv3.15.0+g1a2b3c\t\n'))).toBe('3.15.0');
  });

  it('says nothing for another module, a development build, the old pointer format, a bad magic or no build info', async () => {
    expect(await versionOf(elf('path\tgithub.com/example/shim\nmod\tgithub.com/example/shim\tv1.2.3\t\n'))).toBeUndefined();
    expect(await versionOf(elf('path\thelm.sh/helm/v4/cmd/helm\nmod\thelm.sh/helm/v4\t(devel)\t\n'))).toBeUndefined();
    expect(await versionOf(elf('mod\thelm.sh/helm/v4\tv4.2.3\t\n', { flags: 0 }))).toBeUndefined();
    expect(await versionOf(elf('mod\thelm.sh/helm/v4\tv4.2.3\t\n', { magic: '\xff Go buildinf?' }))).toBeUndefined();
    expect(await versionOf(elf(undefined))).toBeUndefined();
  });

  it('says nothing for a script, an empty file, a truncated ELF or a missing file, and never throws', async () => {
    expect(await versionOf(Buffer.from('#!/bin/sh\necho v3.17.0\n'))).toBeUndefined();
    expect(await versionOf(Buffer.alloc(0))).toBeUndefined();
    expect(await versionOf(elf('mod\thelm.sh/helm/v4\tv4.2.3\t\n').subarray(0, 100))).toBeUndefined();
    const lying = elf('mod\thelm.sh/helm/v4\tv4.2.3\t\n');
    lying.writeBigUInt64LE(BigInt(1e15), 0x28); // section table far past the end of the file
    expect(await versionOf(lying)).toBeUndefined();
    expect(await goMainModuleVersion(join(dir, 'no-such-file'), HELM)).toBeUndefined();
  });

  it('a named pipe with the execute bit is not waited on, and an overflowing length is refused', async () => {
    const fifo = join(dir, 'fifo-helm');
    execFileSync('mkfifo', [fifo]);
    execFileSync('chmod', ['+x', fifo]);
    expect(await goMainModuleVersion(fifo, HELM)).toBeUndefined();
    // A 5-byte length of 0xffffff9c: in 32-bit signed arithmetic it is -100, which would read from near the end of
    // the buffer, where this file hides a module line of its own.
    const forged = elf(undefined, { rawMod: Buffer.from([0x9c, 0xff, 0xff, 0xff, 0x0f]), tail: Buffer.concat([Buffer.from('\nmod\thelm.sh/helm/v4\tv9.9.9\t\n'), Buffer.alloc(200, 0x20)]) });
    expect(await versionOf(forged)).toBeUndefined();
  });

  it.skipIf(!helmPath)('agrees with `helm version` for the real helm', async () => {
    const reported = /v?(\d+\.\d+\.\d+)/.exec(execFileSync(helmPath, ['version', '--short'], { encoding: 'utf8' }))?.[1];
    expect(await goMainModuleVersion(helmPath, HELM)).toBe(reported);
  });
});
