// Entry point: argv → task → exit code. The only module that calls process.exit (via main()).
import { InterruptedError } from './core/errors.js';
import { ExitCode } from './core/exit-codes.js';
import type { Stream } from './core/output.js';
import { formatTaskList, formatTopHelp, toTaskModel } from './cli/task-list.js';
import { TASKS } from './tasks/registry.js';

export interface CliIO {
  stdout: Stream;
  stderr: Stream;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Aborted on the first Ctrl-C or SIGTERM (reason: an InterruptedError). */
  signal: AbortSignal;
  /** Receives a function that kills every child at once (used on the second signal). */
  onForceKill?: (kill: () => void) => void;
  cores?: number;
}

/** Parses argv and runs the task; resolves to the exit code (testable without a process). */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const fast = fastPath(argv);
  if (fast !== undefined) {
    io.stdout.write(fast);
    return ExitCode.ok;
  }
  const { parseArgv } = await import('./cli/program.js');
  const parsed = await parseArgv(argv, TASKS, io);
  if (parsed.kind === 'exit') return parsed.code;
  // Loaded only when a task runs, so listing and --help stay as fast as Node itself.
  const { runSelection } = await import('./cli/run-task.js');
  const { availableParallelism } = await import('node:os');
  return runSelection(parsed.selection, { ...io, cores: io.cores ?? availableParallelism() });
}

/** Listing and top-level help without loading commander: they are typed most and must feel instant. */
function fastPath(argv: readonly string[]): string | undefined {
  const key = argv.join(' ');
  if (key === '') return formatTaskList(TASKS) + '\n';
  if (key === '--help' || key === '-h' || key === 'help') return formatTopHelp(TASKS);
  // `-l` is mage's list flag; users of the magefile type it from habit.
  if (key === 'list' || key === '-l') return formatTaskList(TASKS) + '\n';
  if (key === 'list --json' || key === '--json list') return JSON.stringify(toTaskModel(TASKS), null, 2) + '\n';
  return undefined;
}

/** The process wrapper: Ctrl-C once cancels gracefully, twice forces; sets the exit code. */
export function main(): void {
  // Node 22+: cache compiled code of the chunks loaded from here on (tasks, zod, yaml…); a no-op on Node 20.
  // getBuiltinModule avoids a static `import 'node:module'`, whose ESM facade costs ~5 ms on every start.
  const nodeModule = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule?.('node:module') as { enableCompileCache?: () => unknown } | undefined;
  nodeModule?.enableCompileCache?.();
  const controller = new AbortController();
  let forceKill: (() => void) | undefined;
  let interrupts = 0;
  // SIGTERM (a cancelled CI job) is handled like Ctrl-C, so children are stopped, not orphaned.
  const onSignal = (signal: NodeJS.Signals) => {
    interrupts += 1;
    const name = signal === 'SIGINT' ? 'Ctrl-C' : signal;
    if (interrupts === 1) {
      process.stderr.write(`\ninterrupt (${name}): stopping gracefully (children and port-forwards are being stopped); press Ctrl-C again to force\n`);
      controller.abort(new InterruptedError(name));
      return;
    }
    process.stderr.write('interrupt: forced exit\n');
    forceKill?.();
    process.exit(ExitCode.interrupted);
  };
  // SIGHUP (a closed terminal or SSH session) and SIGQUIT would otherwise kill Node without stopping the children,
  // which run in their own process groups and would be left orphaned.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const) process.on(signal, onSignal);
  run(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
    onForceKill: (kill) => (forceKill = kill),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = ExitCode.taskFailed;
    },
  );
}
