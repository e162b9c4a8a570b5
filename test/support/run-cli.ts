// Runs the CLI in-process (src/cli.ts `run`) with captured stdout/stderr, as a user would call it.
import { run } from '../../src/cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Captures a stream's writes; `isTTY` off unless asked, like CI. */
function capture(isTTY = false) {
  let text = '';
  return { write: (s: string) => ((text += s), true), isTTY, get text() { return text; } };
}

/** `jetscale <argv>` with an explicit environment (nothing inherited unless passed). */
export async function runCli(argv: readonly string[], opts: { env?: Record<string, string | undefined>; cwd?: string; signal?: AbortSignal; tty?: boolean } = {}): Promise<CliRun> {
  const stdout = capture(opts.tty);
  const stderr = capture(opts.tty);
  const code = await run(argv, {
    stdout,
    stderr,
    env: opts.env ?? { PATH: process.env.PATH },
    cwd: opts.cwd ?? process.cwd(),
    signal: opts.signal ?? new AbortController().signal,
    cores: 2,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
