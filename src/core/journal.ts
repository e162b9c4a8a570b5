// The step journal: which steps of a task finished for a given key (an environment id), kept on disk so a
// later run can resume with `--from <step>`. Written through the effect gate, so --dry-run never marks a step done.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import type { EffectGate } from './effects.js';
import { JetscaleError } from './errors.js';
import { ExitCode } from './exit-codes.js';
import { writeFileEffect } from './file-effects.js';

const EntrySchema = z.object({
  name: z.string(),
  status: z.enum(['ok', 'failed', 'skipped']),
  finishedAt: z.string(),
  durationMs: z.number(),
  attempts: z.number().int(),
  error: z.string().optional(),
});

const JournalSchema = z.object({ version: z.literal(1), task: z.string(), key: z.string(), steps: z.array(EntrySchema) });

export type JournalEntry = z.infer<typeof EntrySchema>;
export type JournalDoc = z.infer<typeof JournalSchema>;

/** One task+key's journal file; `record` replaces the step's entry and saves atomically. */
export class Journal {
  #doc: JournalDoc;

  private constructor(readonly path: string, doc: JournalDoc, private readonly gate: EffectGate) {
    this.#doc = doc;
  }

  /** Opens `<dir>/<task>/<key>.json` (absent → empty); a corrupt file is an error naming it, never silently reset. */
  static async open(opts: { dir: string; task: string; key: string; gate: EffectGate }): Promise<Journal> {
    const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');
    const path = join(opts.dir, safe(opts.task), `${safe(opts.key)}.json`);
    let text: string | undefined;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw journalError(path, (error as Error).message);
    }
    if (text === undefined) return new Journal(path, { version: 1, task: opts.task, key: opts.key, steps: [] }, opts.gate);
    let parsed;
    try {
      parsed = JournalSchema.safeParse(JSON.parse(text));
    } catch (error) {
      throw journalError(path, (error as Error).message);
    }
    if (!parsed.success) throw journalError(path, parsed.error.issues[0]?.message ?? 'invalid');
    return new Journal(path, parsed.data, opts.gate);
  }

  get steps(): readonly JournalEntry[] {
    return this.#doc.steps;
  }

  /** The last recorded entry of a step, if any. */
  entry(name: string): JournalEntry | undefined {
    return this.#doc.steps.find((s) => s.name === name);
  }

  /** Records a step's outcome and saves the journal (a recorded write under --dry-run). */
  async record(entry: JournalEntry): Promise<void> {
    this.#doc = { ...this.#doc, steps: [...this.#doc.steps.filter((s) => s.name !== entry.name), entry] };
    await writeFileEffect(this.gate, { path: this.path, data: JSON.stringify(this.#doc, null, 2) + '\n', operation: 'write-journal', createDirs: true });
  }
}

function journalError(path: string, why: string): JetscaleError {
  return new JetscaleError(`step journal ${path} is unreadable: ${why}`, { code: 'E_JOURNAL', exitCode: ExitCode.precondition, hint: 'delete the file to start the task from its first step' });
}
