// An insertion-ordered keyed collection whose ordered array is cached, so full listings do not copy 5,000 entries per page.

/** A Map plus a lazily rebuilt, cached array of values in insertion order. */
export class Collection<T> {
  private readonly map = new Map<string, T>();
  private cache: T[] | undefined;

  get size(): number {
    return this.map.size;
  }
  get(key: string): T | undefined {
    return this.map.get(key);
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
  set(key: string, value: T): void {
    this.map.set(key, value);
    this.cache = undefined;
  }
  delete(key: string): boolean {
    this.cache = undefined;
    return this.map.delete(key);
  }
  /** Values in insertion order; the same array until the next change, so callers must not mutate it. */
  all(): readonly T[] {
    this.cache ??= [...this.map.values()];
    return this.cache;
  }
}

/** Deleted resources that reads keep returning for a few more calls (eventual consistency). */
export class Ghosts<T> {
  private readonly entries = new Map<string, { value: T; left: number }>();

  add(key: string, value: T, reads: number): void {
    if (reads > 0) this.entries.set(key, { value, left: reads });
  }
  /** The ghosts one read call sees; each is consumed once per call. */
  take(): T[] {
    if (this.entries.size === 0) return [];
    const out: T[] = [];
    for (const [key, e] of this.entries) {
      out.push(e.value);
      if (--e.left <= 0) this.entries.delete(key);
    }
    return out;
  }
  /** Ghost values without consuming a read (for inspection from tests). */
  peek(): T[] {
    return [...this.entries.values()].map((e) => e.value);
  }
}
