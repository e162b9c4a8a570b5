// The file channel of the effect gate: every file jetscale writes (reports, plans, journals, the step summary)
// is declared first. Writes are atomic (temp file + rename), so a failed or interrupted run leaves no half file.
import { appendFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import type { EffectGate, Performed } from './effects.js';

export interface FileWrite {
  /** Absolute path. */
  path: string;
  data: string;
  /** `write-junit`, `write-plan`, `write-journal`… (the transcript's operation). */
  operation: string;
  /** An output the user asked for (--junit, the runner's step summary): allowed in read-only tasks and under
   * --dry-run, still declared and transcribed. Journals and plans that change what later runs do are not outputs. */
  output?: boolean;
  /** jetscale's own cache under node_modules/.cache (render verdicts): like an output, it changes nothing jetscale
   * manages, so it is written by read-only tasks and under --dry-run, and still transcribed. */
  cache?: boolean;
  /** Append instead of replace (the step summary). */
  append?: boolean;
  mode?: number;
  /** Create missing parent directories (journals, caches); a report path the user typed is taken as given. */
  createDirs?: boolean;
}

/** Writes (or records, or refuses) one file through the gate; `root` only shortens the path shown. */
export function writeFileEffect(gate: EffectGate, write: FileWrite, root?: string): Promise<Performed<void>> {
  const shown = root ? relative(root, write.path) || write.path : write.path;
  const decl = { channel: 'file' as const, operation: write.operation, target: write.path, effect: 'write' as const, command: `${write.append ? 'append to' : 'write'} ${shown}`, ...(write.output || write.cache ? { output: true } : {}) };
  return gate.perform(decl, async () => {
    if (write.append) return appendFile(write.path, write.data);
    if (write.createDirs) await mkdir(dirname(write.path), { recursive: true });
    const temp = join(dirname(write.path), `.${basename(write.path)}.${process.pid}.tmp`);
    try {
      await writeFile(temp, write.data, write.mode === undefined ? {} : { mode: write.mode });
      await rename(temp, write.path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  });
}

/** The `appendSummary` of Output: appends to $GITHUB_STEP_SUMMARY as a declared output write. The summary is a
 * courtesy of the runner: when it cannot be written, `onError` is told (a warning), and the run goes on. */
export function stepSummaryAppender(gate: EffectGate, path: string | undefined, onError?: (error: Error) => void): ((markdown: string) => Promise<void>) | undefined {
  if (!path) return undefined;
  let warned = false;
  return async (markdown) => {
    try {
      await writeFileEffect(gate, { path, data: markdown, operation: 'append-step-summary', append: true, output: true });
    } catch (error) {
      if (!onError) throw error;
      if (!warned) onError(error as Error);
      warned = true;
    }
  };
}
