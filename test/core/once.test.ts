import { describe, expect, it } from 'vitest';
import { Once } from '../../src/core/once.js';

describe('once-only dependencies (mg.Deps)', () => {
  it('runs the same name+args once, even when requested concurrently', async () => {
    const once = new Once();
    let runs = 0;
    const dep = { name: 'login', args: ['ghcr'], run: async () => void (runs += 1) };
    await Promise.all([once.run(dep), once.run(dep), once.all([dep, dep])]);
    expect(runs).toBe(1);
  });

  it('treats different arguments as different dependencies', async () => {
    const once = new Once();
    const seen: string[] = [];
    await once.all(['a', 'b', 'a'].map((host) => ({ name: 'login', args: [host], run: async () => void seen.push(host) })));
    expect(seen.sort()).toEqual(['a', 'b']);
    expect(once.keys).toEqual(['login(["a"])', 'login(["b"])']);
  });

  it('runs parallel deps concurrently and serial deps in order', async () => {
    const once = new Once();
    const events: string[] = [];
    const slow = (n: string, ms: number) => ({ name: n, run: () => new Promise<void>((r) => setTimeout(() => (events.push(n), r()), ms)) });
    await once.all([slow('p1', 30), slow('p2', 5)]);
    expect(events).toEqual(['p2', 'p1']);
    events.length = 0;
    await once.serial([slow('s1', 30), slow('s2', 5)]);
    expect(events).toEqual(['s1', 's2']);
  });

  it('remembers a failure and reports it after the other deps settle', async () => {
    const once = new Once();
    let okRan = false;
    const bad = { name: 'bad', run: async () => { throw new Error('boom'); } };
    await expect(once.all([bad, { name: 'ok', run: async () => void (okRan = true) }])).rejects.toThrow('boom');
    expect(okRan).toBe(true);
    await expect(once.run(bad)).rejects.toThrow('boom');
  });
});
