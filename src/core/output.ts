// The one reporter of a run: logs go to stderr, data to stdout; colour, CI and GitHub modes decided once.
// Workflow commands (::add-mask::, ::error::, ::group::) go to stderr too (the runner reads both streams),
// so stdout stays pure data and `--json` output parses under GitHub Actions.
import { Chalk, type ChalkInstance } from 'chalk';
import type { Secrets } from './secrets.js';
import type { Finding } from './finding.js';
import { appendStepSummary, rankAnnotations } from './github.js';

export interface Stream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface OutputOptions {
  stdout: Stream;
  stderr: Stream;
  secrets: Secrets;
  /** Colour on stderr (already resolved from NO_COLOR, FORCE_COLOR, --no-color and TTY-ness). */
  color: boolean;
  /** Colour on stdout, decided for that stream alone (output piped to a file stays plain); default: `color`. */
  colorStdout?: boolean;
  /** Animated progress and no timestamps (an interactive terminal that is not CI). */
  interactive: boolean;
  /** GitHub Actions workflow commands (`GITHUB_ACTIONS=true`). */
  github: boolean;
  /** `--json`: stdout carries one JSON document; human output is kept off stdout. */
  json: boolean;
  verbose: boolean;
  stepSummaryPath?: string;
  now?: () => Date;
}

/** Writes every line through the redactor; the only place that touches the console during a task. */
export class Output {
  readonly c: ChalkInstance;
  readonly #o: OutputOptions;
  readonly #now: () => Date;

  constructor(options: OutputOptions) {
    this.#o = options;
    this.#now = options.now ?? (() => new Date());
    this.c = new Chalk({ level: options.color ? 1 : 0 });
    // The mask command must carry the value itself, so it bypasses redaction (and only it does).
    if (options.github) options.secrets.onAdd((v) => options.stderr.write(`::add-mask::${v}\n`));
  }

  get json(): boolean {
    return this.#o.json;
  }
  get github(): boolean {
    return this.#o.github;
  }

  /** Human result text on stdout (suppressed under --json, where the JSON document is the result). */
  print(text: string): void {
    if (this.#o.json) return;
    const plain = this.#o.colorStdout === false && this.#o.color ? text.replace(ANSI, '') : text;
    this.#raw(this.#o.stdout, plain.endsWith('\n') ? plain : plain + '\n');
  }

  /** A log line on stderr. */
  info(message: string): void {
    this.#log(message);
  }
  warn(message: string): void {
    this.#log(this.c.yellow(`warning: ${message}`));
  }
  error(message: string): void {
    this.#log(this.c.red(`error: ${message}`));
  }
  /** Only with -v. */
  debug(message: string): void {
    if (this.#o.verbose) this.#log(this.c.dim(message));
  }

  /** Runs `fn` as a named step: a GitHub group, a live spinner with elapsed time in a terminal, timed start/end lines elsewhere. */
  async step<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const start = performance.now();
    if (this.#o.github) this.#raw(this.#o.stderr, `::group::${this.#o.secrets.redact(name)}\n`);
    else if (this.#o.interactive) this.#spinner = { name, start, frame: 0, timer: setInterval(() => this.#drawSpinner(), 120) };
    else this.#log(`start ${name}`);
    this.#drawSpinner();
    try {
      const result = await fn();
      this.#stopSpinner();
      this.#log(`${this.c.green('✔')} ${name} ${this.c.dim(`(${formatMs(performance.now() - start)})`)}`);
      return result;
    } catch (error) {
      this.#stopSpinner();
      this.#log(`${this.c.red('✘')} ${name} ${this.c.dim(`(${formatMs(performance.now() - start)})`)}`);
      throw error;
    } finally {
      if (this.#o.github) this.#raw(this.#o.stderr, '::endgroup::\n');
    }
  }

  #spinner: { name: string; start: number; frame: number; timer: ReturnType<typeof setInterval> } | undefined;

  #drawSpinner(): void {
    const s = this.#spinner;
    if (!s) return;
    const frames = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
    s.frame = (s.frame + 1) % frames.length;
    this.#raw(this.#o.stderr, `\r\x1b[K${this.c.cyan(frames[s.frame]!)} ${s.name}… ${this.c.dim(formatMs(performance.now() - s.start))}`);
  }

  #stopSpinner(): void {
    if (!this.#spinner) return;
    clearInterval(this.#spinner.timer);
    this.#clearSpinner();
    this.#spinner = undefined;
  }

  #clearSpinner(): void {
    if (this.#spinner) this.#raw(this.#o.stderr, '\r\x1b[K');
  }

  /** GitHub annotations for findings, ranked and capped; a no-op outside GitHub Actions. */
  annotate(findings: readonly Finding[]): void {
    if (!this.#o.github) return;
    for (const line of rankAnnotations(findings).lines) this.#raw(this.#o.stderr, line + '\n');
  }

  /** Appends Markdown to the GitHub step summary when running under Actions. */
  async summary(markdown: string): Promise<void> {
    if (this.#o.github) await appendStepSummary(this.#o.stepSummaryPath, this.#o.secrets.redact(markdown));
  }

  /** Writes the `--json` document (redacted) to stdout. */
  writeJson(data: unknown): void {
    this.#raw(this.#o.stdout, JSON.stringify(this.#o.secrets.redactData(data), null, 2) + '\n');
  }

  #log(message: string): void {
    const prefix = this.#o.interactive ? '' : this.c.dim(`${this.#now().toISOString().slice(11, 19)} `);
    const text = message.split('\n').map((l) => prefix + l).join('\n');
    this.#clearSpinner();
    this.#raw(this.#o.stderr, text + '\n');
    this.#drawSpinner();
  }

  #raw(stream: Stream, text: string): void {
    stream.write(this.#o.secrets.redact(text));
  }
}

const ANSI = /\x1b\[[0-9;]*m/g;

/** `850ms`, `2.3s`, `1m05s`. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** Colour decision per clig.dev / no-color.org: --no-color and NO_COLOR win, FORCE_COLOR forces, else TTY and not dumb. */
export function decideColor(opts: { flag: boolean | undefined; env: Readonly<Record<string, string | undefined>>; isTTY: boolean }): boolean {
  if (opts.flag === false) return false;
  if (opts.env.NO_COLOR !== undefined && opts.env.NO_COLOR !== '') return false;
  const force = opts.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return opts.isTTY && opts.env.TERM !== 'dumb';
}
