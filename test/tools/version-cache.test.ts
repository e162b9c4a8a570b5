// The tool-version cache: a native helm binary is asked its version once, then again only when the binary changes;
// scripts and version-manager dispatchers are asked every time. Native binaries are compiled here with the C compiler.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EffectGate } from '../../src/core/effects.js';
import { Once } from '../../src/core/once.js';
import { Output } from '../../src/core/output.js';
import { Secrets } from '../../src/core/secrets.js';
import { Executor } from '../../src/exec/executor.js';
import { ToolFinder } from '../../src/tools/tool-finder.js';
import { toolVersionCache } from '../../src/tools/version-cache.js';

const cc = ['cc', 'gcc', 'g++'].find((c) => {
  try {
    execFileSync('sh', ['-c', `command -v ${c}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});
if (!cc) console.warn('tool-version cache tests skipped: no C compiler (cc, gcc or g++) to build a native fake helm');

let work: string;
beforeAll(async () => void (work = await mkdtemp(join(tmpdir(), 'jetscale-version-cache-'))));
afterAll(async () => rm(work, { recursive: true, force: true }));

/** A native executable at `path` that prints `version` (as `helm version --short` does) and counts its calls. */
async function nativeTool(path: string, version: string): Promise<void> {
  const src = `${path}.c`;
  await writeFile(src, `#include <stdio.h>\nint main(void){FILE*f=fopen("${path}.calls","a");if(f){fputs("x",f);fclose(f);}puts("${version}");return 0;}\n`);
  execFileSync(cc!, ['-x', 'c', '-O0', '-o', path, src]);
}

function run(cacheDir: string, path: string) {
  const secrets = new Secrets();
  const out = new Output({ stdout: { write: () => true }, stderr: { write: () => true }, secrets, color: false, interactive: false, github: false, json: false, verbose: false });
  const gate = new EffectGate({ dryRun: false, ceiling: 'read', secrets });
  const exec = new Executor({ gate, out, secrets, signal: new AbortController().signal, baseEnv: { PATH: process.env.PATH } });
  const finder = new ToolFinder(exec, new Once(), { PATH: process.env.PATH, JETSCALE_HELM: path }, 'validate:envs', toolVersionCache(gate, cacheDir));
  const asked = () => gate.transcript.filter((r) => r.channel === 'process').length;
  return { finder, asked, gate };
}

describe.skipIf(!cc)('tool-version cache', () => {
  it('asks a native binary once, then again after it is replaced; the cache write is a declared cache effect', async () => {
    const dir = join(work, 'native');
    await mkdir(dir);
    const helm = join(dir, 'helm');
    await nativeTool(helm, 'v3.15.2+g1234');
    const cache = join(work, 'cache-native');
    const first = run(cache, helm);
    expect((await first.finder.resolve('helm')).version).toBe('3.15.2');
    expect(first.asked()).toBe(1);
    expect(first.gate.transcript.find((r) => r.channel === 'file')).toMatchObject({ operation: 'write-tool-cache', output: true, status: 'ran' });
    const second = run(cache, helm);
    expect((await second.finder.resolve('helm')).version).toBe('3.15.2');
    expect(second.asked()).toBe(0);
    // An upgrade in place: same path, new bytes.
    await nativeTool(helm, 'v3.17.0+gabcd');
    const third = run(cache, helm);
    expect((await third.finder.resolve('helm')).version).toBe('3.17.0');
    expect(third.asked()).toBe(1);
  });

  it('a version-manager dispatcher (helm → mise) and a script are asked on every run', async () => {
    const dir = join(work, 'shims');
    await mkdir(dir);
    const mise = join(dir, 'mise');
    await nativeTool(mise, 'v3.16.0');
    const shim = join(dir, 'helm');
    await symlink(mise, shim);
    await mkdir(join(dir, 'script'));
    const scripted = join(dir, 'script', 'helm');
    await writeFile(scripted, '#!/bin/sh\necho v3.16.1\n', { mode: 0o755 });
    for (const path of [shim, scripted]) {
      const cache = join(work, `cache-${path.replace(/\W/g, '_')}`);
      for (let i = 0; i < 2; i++) {
        const r = run(cache, path);
        await r.finder.resolve('helm');
        expect(r.asked()).toBe(1);
      }
    }
  });

  it('a corrupt cache file is a miss, never an error', async () => {
    const dir = join(work, 'corrupt');
    await mkdir(dir);
    const helm = join(dir, 'helm');
    await nativeTool(helm, 'v3.15.0');
    const cache = join(work, 'cache-corrupt');
    await mkdir(cache, { recursive: true });
    await writeFile(join(cache, 'versions.json'), '{"format":1,"entries":');
    const r = run(cache, helm);
    expect((await r.finder.resolve('helm')).version).toBe('3.15.0');
    expect(r.asked()).toBe(1);
  });
});
