// Remembers which version a tool binary reported, keyed by the binary's file identity (device, inode, size, mtime,
// ctime, and a hash of its first and last 64 KiB), so a run does not start `helm version` before its first real
// helm call. Replacing, upgrading, touching or re-linking the binary changes its identity and the version is asked
// again. Only native executables named after the tool are cached: a script or a version-manager shim (asdf, mise,
// nix wrappers) may answer differently from one directory to the next, so it is always asked. A cache that cannot be
// read or written only costs that one process. Writes are declared to the gate as jetscale's own cache.
import { createHash } from 'node:crypto';
import { open, readFile, realpath } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { EffectGate } from '../core/effects.js';
import { writeFileEffect } from '../core/file-effects.js';

/** Bump when the entry shape or what counts as identity changes. */
const FORMAT = 1;
const EDGE = 64 * 1024;
/** ELF, Mach-O (both byte orders, 32/64-bit, fat) and PE: a compiled program, not a script that could dispatch. */
const NATIVE_MAGIC = [[0x7f, 0x45, 0x4c, 0x46], [0xcf, 0xfa, 0xed, 0xfe], [0xce, 0xfa, 0xed, 0xfe], [0xfe, 0xed, 0xfa, 0xcf], [0xfe, 0xed, 0xfa, 0xce], [0xca, 0xfe, 0xba, 0xbe], [0x4d, 0x5a]];

/** The cache key of the binary at `path` for `tool`, or undefined when its answer must not be cached. */
export async function binaryIdentity(path: string, tool: string): Promise<string | undefined> {
  try {
    const real = await realpath(path);
    // A multi-call dispatcher (mise links every shim to itself) answers for whichever version is selected.
    if (!basename(real).startsWith(tool)) return undefined;
    const fh = await open(real, 'r');
    try {
      const s = await fh.stat();
      const head = Buffer.alloc(Math.min(EDGE, s.size));
      await fh.read(head, 0, head.length, 0);
      if (!NATIVE_MAGIC.some((m) => m.every((b, i) => head[i] === b))) return undefined;
      const tail = Buffer.alloc(Math.min(EDGE, s.size));
      await fh.read(tail, 0, tail.length, Math.max(0, s.size - tail.length));
      const edges = createHash('sha256').update(head).update(tail).digest('hex');
      return JSON.stringify([real, s.dev, s.ino, s.size, s.mtimeMs, s.ctimeMs, edges]);
    } finally {
      await fh.close();
    }
  } catch {
    return undefined;
  }
}

export interface VersionCache {
  get(path: string, tool: string): Promise<string | undefined>;
  put(path: string, tool: string, version: string): Promise<void>;
}

/** A cache in `dir/versions.json`; `dir` undefined (no install to cache in) makes every lookup a miss. */
export function toolVersionCache(gate: EffectGate, dir: string | undefined): VersionCache {
  const file = dir ? join(dir, 'versions.json') : undefined;
  let entries: Promise<Record<string, string>> | undefined;
  const load = (): Promise<Record<string, string>> =>
    (entries ??= file
      ? readFile(file, 'utf8').then(
          (t) => {
            const parsed = JSON.parse(t) as { format?: unknown; entries?: unknown };
            return parsed.format === FORMAT && typeof parsed.entries === 'object' && parsed.entries !== null ? (parsed.entries as Record<string, string>) : {};
          },
          () => ({}),
        ).catch(() => ({}))
      : Promise.resolve({}));
  return {
    async get(path, tool) {
      const id = await binaryIdentity(path, tool);
      if (!id) return undefined;
      const version = (await load())[id];
      return typeof version === 'string' ? version : undefined;
    },
    async put(path, tool, version) {
      const id = await binaryIdentity(path, tool);
      if (!id || !file) return;
      const current = await load();
      // Entries of binaries that no longer exist are not pruned one by one; the file stays small (one per binary).
      const next = { ...current, [id]: version };
      entries = Promise.resolve(next);
      await writeFileEffect(gate, { path: file, data: JSON.stringify({ format: FORMAT, entries: next }), operation: 'write-tool-cache', cache: true, createDirs: true }).catch(() => undefined);
    },
  };
}
