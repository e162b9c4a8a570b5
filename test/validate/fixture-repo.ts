// Throwaway copies of this repo's chart and environments, for running validate:envs on a broken tree.
// The template (chart incl. vendored subcharts, envs, an empty .git so the CLI finds the root) is copied
// once; each case gets its own copy, edits it textually and computes expected lines from the text it wrote.
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository under test. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** One fixture repo: a temp dir with charts/jetscale, envs and .git, plus text-editing helpers. */
export class FixtureRepo {
  constructor(readonly dir: string) {}

  abs(rel: string): string {
    return join(this.dir, rel);
  }

  read(rel: string): Promise<string> {
    return readFile(this.abs(rel), 'utf8');
  }

  async write(rel: string, text: string): Promise<void> {
    await writeFile(this.abs(rel), text);
  }

  /** Rewrites a file through `fn`; fails when `fn` changed nothing (a mutation that silently missed). */
  async edit(rel: string, fn: (text: string) => string): Promise<void> {
    const before = await this.read(rel);
    const after = fn(before);
    if (after === before) throw new Error(`fixture edit of ${rel} changed nothing`);
    await this.write(rel, after);
  }

  /** Replaces the one line matching `needle` (must be unique) with `lines` (none: deletes it). */
  async replaceLine(rel: string, needle: Needle, lines: readonly string[]): Promise<void> {
    await this.edit(rel, (text) => {
      const all = text.split('\n');
      all.splice(uniqueIndex(all, needle, rel), 1, ...lines);
      return all.join('\n');
    });
  }

  /** Replaces 1-based line `at` with `lines`. */
  async replaceLineAt(rel: string, at: number, lines: readonly string[]): Promise<void> {
    await this.edit(rel, (text) => {
      const all = text.split('\n');
      if (at < 1 || at > all.length) throw new Error(`${rel} has no line ${at}`);
      all.splice(at - 1, 1, ...lines);
      return all.join('\n');
    });
  }

  /** Inserts `lines` right after the one line matching `needle`. */
  async insertAfter(rel: string, needle: Needle, lines: readonly string[]): Promise<void> {
    await this.edit(rel, (text) => {
      const all = text.split('\n');
      all.splice(uniqueIndex(all, needle, rel) + 1, 0, ...lines);
      return all.join('\n');
    });
  }

  /** Appends `lines` at the end of the file (after a trailing newline). */
  async append(rel: string, lines: readonly string[]): Promise<void> {
    await this.edit(rel, (text) => `${text.endsWith('\n') ? text : `${text}\n`}${lines.join('\n')}\n`);
  }

  /** 1-based line of the `nth` (1-based) line matching `needle`; throws when there are fewer. */
  async lineOf(rel: string, needle: Needle, nth = 1): Promise<number> {
    const all = (await this.read(rel)).split('\n');
    let seen = 0;
    for (let i = 0; i < all.length; i++) {
      if (matches(all[i]!, needle) && ++seen === nth) return i + 1;
    }
    throw new Error(`${rel}: occurrence ${nth} of ${String(needle)} not found`);
  }
}

/** A line matcher: a substring, or a RegExp for exact shapes such as /^ingress:$/. */
export type Needle = string | RegExp;

function matches(line: string, needle: Needle): boolean {
  return typeof needle === 'string' ? line.includes(needle) : needle.test(line);
}

function uniqueIndex(lines: readonly string[], needle: Needle, rel: string): number {
  const hits = lines.flatMap((l, i) => (matches(l, needle) ? [i] : []));
  if (hits.length !== 1) throw new Error(`${rel}: expected exactly one line matching ${String(needle)}, found ${hits.length}`);
  return hits[0]!;
}

/** Makes fixture repos from one template copy; call `cleanup()` in afterAll. */
export class FixtureFactory {
  readonly #made: string[] = [];

  private constructor(private readonly template: string) {}

  /** Copies charts/jetscale (with charts/*.tgz) and envs from the real repo into a template dir. */
  static async create(): Promise<FixtureFactory> {
    const template = await mkdtemp(join(tmpdir(), 'jetscale-validate-tpl-'));
    await cp(join(repoRoot, 'charts', 'jetscale'), join(template, 'charts', 'jetscale'), { recursive: true });
    await cp(join(repoRoot, 'envs'), join(template, 'envs'), { recursive: true });
    await mkdir(join(template, '.git'));
    return new FixtureFactory(template);
  }

  /** Names of the vendored subchart archives in the template (render needs them). */
  async subcharts(): Promise<string[]> {
    return (await readdir(join(this.template, 'charts', 'jetscale', 'charts')).catch(() => [] as string[])).filter((f) => f.endsWith('.tgz'));
  }

  /** A fresh copy of the template. */
  async repo(): Promise<FixtureRepo> {
    const dir = await mkdtemp(join(tmpdir(), 'jetscale-validate-'));
    await cp(this.template, dir, { recursive: true });
    this.#made.push(dir);
    return new FixtureRepo(dir);
  }

  async cleanup(): Promise<void> {
    await Promise.all([this.template, ...this.#made].map((d) => rm(d, { recursive: true, force: true })));
  }
}
