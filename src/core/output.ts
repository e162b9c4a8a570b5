// The one reporter of a run: logs go to stderr, data to stdout; colour, CI and GitHub modes decided once.
// Workflow commands (::add-mask::, ::error::, ::group::) go to stderr too (the runner reads both streams),
// so stdout stays pure data and `--json` output parses under GitHub Actions.
import { randomBytes } from 'node:crypto';
import { Chalk } from 'chalk';
import type { Secrets } from './secrets.js';
import type { Finding } from './finding.js';
import type { Reporter, RunEvent } from './events.js';
import { rankAnnotations } from './github.js';
import { escapeControls, neutralizeCommands } from './sanitize.js';

/** The styles tasks may use. Their escape sequences are marked so that Output can tell them from control
 * characters that arrived in data (which are escaped). */
export interface Colors {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  cyan(s: string): string;
  bold(s: string): string;
}

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
  /** Appends to the GitHub step summary (through the effect gate's file channel); absent outside Actions. */
  appendSummary?: (markdown: string) => Promise<void>;
  now?: () => Date;
}

/** Writes every line through the redactor; the only place that touches the console during a task. */
export class Output implements Reporter {
  readonly c: Colors;
  /** Stands for ESC in our own styling; random per run, so data cannot forge it. */
  readonly #mark = `\u0000${randomBytes(8).toString('hex')}`;
  /** Every coded event of the run, for `--json`. */
  readonly events: RunEvent[] = [];
  readonly #o: OutputOptions;
  readonly #now: () => Date;

  constructor(options: OutputOptions) {
    this.#o = options;
    this.#now = options.now ?? (() => new Date());
    const chalk = new Chalk({ level: options.color ? 1 : 0 });
    // Data inside a styled string is escaped first (nested styles keep their marks), then chalk's own ESCs are marked.
    const style = (fn: (s: string) => string) => (s: string) => fn(s.split(this.#mark).map(escapeControls).join(this.#mark)).replaceAll('\x1b', this.#mark);
    this.c = { red: style(chalk.red), green: style(chalk.green), yellow: style(chalk.yellow), dim: style(chalk.dim), cyan: style(chalk.cyan), bold: style(chalk.bold) };
    // The mask command must carry the value itself, so it bypasses redaction (and only it does).
    if (options.github) options.secrets.onAdd((v) => options.stderr.write(`::add-mask::${escapeControls(v).replace(/\n/g, '')}\n`));
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
    const plain = this.#o.colorStdout === false && this.#o.color ? text.replace(new RegExp(`${this.#mark}\\[[0-9;]*m`, 'g'), '') : text;
    this.#write(this.#o.stdout, plain.endsWith('\n') ? plain : plain + '\n');
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

  /** Renders a coded event at its level (debug only with -v) and keeps it for `--json`. */
  event(e: RunEvent): void {
    this.events.push(e);
    if (e.level === 'debug') this.debug(e.message);
    else if (e.level === 'warn') this.warn(e.message);
    else if (e.level === 'error') this.error(e.message);
    else this.info(e.message);
  }

  /** Runs `fn` as a named step: a GitHub group, a live spinner with elapsed time in a terminal, timed start/end lines elsewhere. */
  async step<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const start = performance.now();
    if (this.#o.github) this.#write(this.#o.stderr, `::group::${neutralizeCommands(name).replace(/\n/g, ' ')}\n`, { command: true });
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
      if (this.#o.github) this.#o.stderr.write('::endgroup::\n');
    }
  }

  #spinner: { name: string; start: number; frame: number; timer: ReturnType<typeof setInterval> } | undefined;

  #drawSpinner(): void {
    const s = this.#spinner;
    if (!s) return;
    const frames = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
    s.frame = (s.frame + 1) % frames.length;
    this.#o.stderr.write(`\r\x1b[K${this.#safe(`${this.c.cyan(frames[s.frame]!)} ${s.name.replace(/\n/g, ' ')}… ${this.c.dim(formatMs(performance.now() - s.start))}`)}`);
  }

  #stopSpinner(): void {
    if (!this.#spinner) return;
    clearInterval(this.#spinner.timer);
    this.#clearSpinner();
    this.#spinner = undefined;
  }

  #clearSpinner(): void {
    if (this.#spinner) this.#o.stderr.write('\r\x1b[K');
  }

  /** GitHub annotations for findings, ranked and capped; a no-op outside GitHub Actions. */
  annotate(findings: readonly Finding[]): void {
    if (!this.#o.github) return;
    for (const line of rankAnnotations(findings).lines) this.#write(this.#o.stderr, line + '\n', { command: true });
  }

  /** Appends Markdown to the GitHub step summary when running under Actions. */
  async summary(markdown: string): Promise<void> {
    if (this.#o.github && this.#o.appendSummary) await this.#o.appendSummary(this.#o.secrets.redact(markdown.endsWith('\n') ? markdown : markdown + '\n'));
  }

  /** Writes the `--json` document to stdout. Redaction works on the data before it is serialised (never on the
   * JSON text, which a secret such as `true` would corrupt); JSON escapes every control character itself. */
  writeJson(data: unknown): void {
    this.#o.stdout.write(JSON.stringify(this.#o.secrets.redactData(data), null, 2) + '\n');
  }

  #log(message: string): void {
    const prefix = this.#o.interactive ? '' : this.c.dim(`${this.#now().toISOString().slice(11, 19)} `);
    const text = message.split('\n').map((l) => prefix + l).join('\n');
    this.#clearSpinner();
    this.#write(this.#o.stderr, text + '\n');
    this.#drawSpinner();
  }

  /** The only writer: redacts, escapes control characters that came from data, keeps our own styling, and
   * (under Actions) stops any line from being read as a workflow command unless it is one we built. */
  #write(stream: Stream, text: string, opts: { command?: boolean } = {}): void {
    const safe = this.#safe(text);
    stream.write(this.#o.github && !opts.command ? neutralizeCommands(safe) : safe);
  }

  #safe(text: string): string {
    return this.#o.secrets.redact(text).split(this.#mark).map(escapeControls).join('\x1b');
  }
}

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
