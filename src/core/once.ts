// mage's mg.Deps: a setup step runs at most once per process, keyed by its name and arguments.

export type DepFn = () => Promise<void>;

/** A named dependency: the same name+args pair runs once even when requested concurrently. */
export interface Dep {
  name: string;
  args?: readonly unknown[];
  run: DepFn;
}

/** Memoises dependency runs for one CLI process; failures are memoised too (mage does the same). */
export class Once {
  readonly #runs = new Map<string, Promise<void>>();

  /** Runs `dep` unless an identical name+args already ran (or is running) in this process. */
  run(dep: Dep): Promise<void> {
    const key = `${dep.name}(${JSON.stringify(dep.args ?? [])})`;
    let pending = this.#runs.get(key);
    if (!pending) {
      pending = dep.run();
      this.#runs.set(key, pending);
    }
    return pending;
  }

  /** Runs several dependencies in parallel, each at most once; rejects with the first failure after all settle. */
  async all(deps: readonly Dep[]): Promise<void> {
    const results = await Promise.allSettled(deps.map((d) => this.run(d)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Runs dependencies one after another, each at most once. */
  async serial(deps: readonly Dep[]): Promise<void> {
    for (const dep of deps) await this.run(dep);
  }

  /** Keys that ran, in first-run order (for tests and `-v`). */
  get keys(): string[] {
    return [...this.#runs.keys()];
  }
}
