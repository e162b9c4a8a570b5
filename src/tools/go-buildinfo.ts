// Reads the module version a Go program was built from (the `.go.buildinfo` section of an ELF binary, the data
// `go version -m` prints), so jetscale can know helm's version without starting helm (~40 ms of CPU per run).
// Only an answer the binary states about itself counts: anything unexpected (not ELF, no section, a `(devel)`
// build, a shim built from another module) is undefined, and the caller asks the tool instead.
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
/** Upper bound on what is read for the section table and the strings: buildinfo is a few KiB at most. */
const MAX_READ = 1 << 20;

/** The version (`4.2.3`) of `module` (e.g. /^helm\.sh\/helm\/v\d+$/) that the Go binary at `path` was built as. */
export async function goMainModuleVersion(path: string, module: RegExp): Promise<string | undefined> {
  let fh: FileHandle | undefined;
  try {
    // Non-blocking: opening a named pipe would otherwise wait for a writer forever; only a regular file is read.
    fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    if (!(await fh.stat()).isFile()) return undefined;
    const info = await readBuildInfo(fh);
    if (!info) return undefined;
    const main = info.split('\n').find((l) => l.startsWith('mod\t'))?.split('\t');
    if (!main || !module.test(main[1] ?? '')) return undefined;
    return /^v(\d+\.\d+\.\d+)(?:[-+].*)?$/.exec(main[2] ?? '')?.[1];
  } catch {
    return undefined;
  } finally {
    await fh?.close();
  }
}

async function readAt(fh: FileHandle, offset: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(Math.min(length, MAX_READ));
  const { bytesRead } = await fh.read(buf, 0, buf.length, offset);
  return buf.subarray(0, bytesRead);
}

/** The module-info text of the `.go.buildinfo` section (Go ≥ 1.18 inline-string format), or undefined. */
async function readBuildInfo(fh: FileHandle): Promise<string | undefined> {
  const ident = await readAt(fh, 0, 64);
  if (ident.length < 64 || ident.readUInt32BE(0) !== 0x7f454c46) return undefined;
  const is64 = ident[4] === 2;
  const le = ident[5] === 1;
  const u16 = (b: Buffer, o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (b: Buffer, o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const word = (b: Buffer, o: number) => (is64 ? Number(le ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o)) : u32(b, o));
  const shoff = word(ident, is64 ? 0x28 : 0x20);
  const shentsize = u16(ident, is64 ? 0x3a : 0x2e);
  const shnum = u16(ident, is64 ? 0x3c : 0x30);
  const shstrndx = u16(ident, is64 ? 0x3e : 0x32);
  if (!shoff || !shnum || shstrndx >= shnum || shentsize < (is64 ? 64 : 40)) return undefined;
  const table = await readAt(fh, shoff, shnum * shentsize);
  if (table.length < shnum * shentsize) return undefined;
  const section = (i: number) => {
    const at = i * shentsize;
    return { name: u32(table, at), offset: word(table, at + (is64 ? 24 : 16)), size: word(table, at + (is64 ? 32 : 20)) };
  };
  const strtab = section(shstrndx);
  const names = await readAt(fh, strtab.offset, strtab.size);
  const wanted = Buffer.from('.go.buildinfo\0', 'latin1');
  for (let i = 0; i < shnum; i++) {
    const s = section(i);
    if (names.subarray(s.name, s.name + wanted.length).equals(wanted)) return parseSection(await readAt(fh, s.offset, Math.max(s.size, 4096)));
  }
  return undefined;
}

/** Header: 14-byte magic, pointer size, flags (bit 1: strings inline), padding to 32; then two varint-prefixed
 * strings, the Go version and the module info (wrapped in 16-byte sentinels). */
function parseSection(data: Buffer): string | undefined {
  if (data.length < 32 || !data.subarray(0, 14).equals(MAGIC) || ((data[15] ?? 0) & 0x2) === 0) return undefined;
  let at = 32;
  const next = (): string | undefined => {
    let length = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = data[at++];
      if (b === undefined) return undefined;
      length += (b & 0x7f) * 2 ** shift; // not `|=`/`<<`: 32-bit signed arithmetic would wrap to a negative length
      if ((b & 0x80) === 0) {
        if (length > data.length - at) return undefined;
        const text = data.subarray(at, at + length).toString('utf8');
        at += length;
        return text;
      }
    }
    return undefined;
  };
  if (next() === undefined) return undefined; // the Go version
  const mod = next();
  return mod !== undefined && mod.length >= 33 ? mod.slice(16, -16) : undefined;
}
