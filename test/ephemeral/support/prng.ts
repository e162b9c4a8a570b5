// A small seeded PRNG (mulberry32) for property tests: the same seed always gives the same inventories.

/** Random helpers over one seeded stream. */
export interface Rng {
  /** [0, 1). */
  next(): number;
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Each item kept with probability p. */
  subset<T>(items: readonly T[], p: number): T[];
}

/** mulberry32: 32-bit state, good enough spread for test data, no dependency. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => items[int(0, items.length - 1)]!,
    subset: (items, p) => items.filter(() => next() < p),
  };
}
