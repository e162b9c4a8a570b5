// argv → the selected task (or a handled builtin), with commander; every usage error exits 2.
import { Command, CommanderError, Option } from 'commander';
import type { TaskSpec } from '../runtime/task-spec.js';
import { GLOBAL_OPTIONS, type GlobalFlags } from './global-flags.js';
import { formatTaskList, formatTopHelp, toTaskModel, usageLine } from './task-list.js';
import { ExitCode } from '../core/exit-codes.js';
import { editDistance } from '../core/edit-distance.js';
import { findTask } from '../tasks/registry.js';

export interface CliStreams {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

/** A task chosen on the command line: its positional values, raw flag values and where each came from. */
export interface Selection {
  task: TaskSpec;
  args: Record<string, string | string[] | undefined>;
  flags: Record<string, unknown>;
  /** Flags given on the command line (they win over env, .env and defaults). */
  fromCli: Set<string>;
  global: GlobalFlags;
}

export type ParseOutcome = { kind: 'task'; selection: Selection } | { kind: 'exit'; code: number };

/** Parses argv (without `node` and the script) against the task registry. */
export async function parseArgv(argv: readonly string[], tasks: readonly TaskSpec[], io: CliStreams): Promise<ParseOutcome> {
  let selection: Selection | undefined;
  // mage matches target names case-insensitively (`mage Validate:Envs aws`); so do we, for the task name only.
  const taskAt = argv.findIndex((a) => !a.startsWith('-'));
  if (taskAt >= 0) {
    const canonical = tasks.flatMap((t) => [t.id, ...(t.aliases ?? [])]).find((id) => id.toLowerCase() === argv[taskAt]!.toLowerCase());
    if (canonical && canonical !== argv[taskAt]) argv = [...argv.slice(0, taskAt), canonical, ...argv.slice(taskAt + 1)];
  }
  const helpTarget = argv[0] === 'help' ? argv[1] : undefined;
  if (helpTarget !== undefined && !findTask(helpTarget, tasks)) return unknownTask(helpTarget, tasks, io, argv.includes('--json'));
  let errorText = '';
  const program = new Command('jetscale')
    .usage('[options] <task> [args...]')
    .description('Validate, test, deploy and clean up the JetScale stack.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => ((errorText += s), io.stderr.write(s)) })
    .configureHelp({ showGlobalOptions: true });
  for (const [flags, description] of GLOBAL_OPTIONS) program.option(flags, description);

  program
    .command('list')
    .description('List the tasks (with --json: the machine-readable task model)')
    .action(() => {
      const global = program.opts<GlobalFlags>();
      io.stdout.write(global.json ? JSON.stringify(toTaskModel(tasks), null, 2) + '\n' : formatTaskList(tasks) + '\n');
    });

  for (const task of tasks) {
    for (const name of [task.id, ...(task.aliases ?? [])]) {
      const cmd = program.command(name, { hidden: name !== task.id });
      defineTask(cmd, task);
      cmd.action((...actionArgs: unknown[]) => {
        const command = actionArgs[actionArgs.length - 1] as Command;
        const values = actionArgs.slice(0, task.args.length) as Array<string | string[] | undefined>;
        const opts = command.opts();
        const fromCli = new Set(Object.keys(opts).filter((k) => command.getOptionValueSource(k) === 'cli'));
        selection = {
          task,
          args: Object.fromEntries(task.args.map((a, i) => [a.name, values[i]])),
          flags: opts,
          fromCli,
          global: program.opts<GlobalFlags>(),
        };
      });
    }
  }

  // Set after the subcommands exist so only the top-level help is replaced by the grouped task list
  // (commander's own list is flat and alphabetical); suggestions still see every visible task.
  program.configureHelp({ formatHelp: () => formatTopHelp(tasks) });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      const ok = ['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(error.code);
      if (!ok && error.code === 'commander.unknownCommand') io.stderr.write('Run `jetscale` to list the tasks.\n');
      if (!ok && argv.includes('--json')) writeUsageJson(io, error.message.replace(/^error: /, ''), errorText);
      return { kind: 'exit', code: ok ? ExitCode.ok : ExitCode.usage };
    }
    throw error;
  }
  return selection ? { kind: 'task', selection } : { kind: 'exit', code: ExitCode.ok };
}

/** `--json` callers get a JSON document for usage errors too, so a script never has to parse stderr. */
function writeUsageJson(io: CliStreams, message: string, detail: string): void {
  const usage = /usage: .*/.exec(detail)?.[0];
  io.stdout.write(JSON.stringify({ ok: false, exitCode: ExitCode.usage, error: { code: 'E_USAGE', message, ...(usage ? { hint: usage } : {}) } }, null, 2) + '\n');
}

/** `jetscale help <name>` for a name that is no task: say so, suggest the closest, exit 2. */
function unknownTask(name: string, tasks: readonly TaskSpec[], io: CliStreams, json: boolean): ParseOutcome {
  const guess = closestTask(name, tasks);
  const message = `unknown task '${name}'${guess ? ` (Did you mean ${guess}?)` : ''}`;
  io.stderr.write(`error: ${message}\nRun \`jetscale\` to list the tasks.\n`);
  if (json) writeUsageJson(io, message, '');
  return { kind: 'exit', code: ExitCode.usage };
}

/** The task id closest to `name` by edit distance, when it is close enough to be a typo. */
export function closestTask(name: string, tasks: readonly TaskSpec[]): string | undefined {
  let best: { id: string; d: number } | undefined;
  for (const t of tasks) {
    const d = editDistance(name.toLowerCase(), t.id);
    if (!best || d < best.d) best = { id: t.id, d };
  }
  return best && best.d <= Math.max(2, Math.floor(name.length / 3)) ? best.id : undefined;
}


/** Declares a task's arguments, flags, usage-on-error and examples on its commander command. */
function defineTask(cmd: Command, task: TaskSpec): void {
  cmd.description(task.description ? `${task.summary}\n\n${task.description}` : task.summary);
  for (const a of task.args) {
    const dots = a.variadic ? '...' : '';
    const label = a.optional ? `[${a.name}${dots}]` : `<${a.name}${dots}>`;
    const choices = a.choices ? ` (${a.choices.join(', ')})` : '';
    cmd.argument(label, a.description + choices);
  }
  for (const f of task.flags) {
    const spec = f.type === 'boolean' ? `--${f.name}` : `--${f.name} <${f.valueName ?? 'value'}>`;
    const extras = [f.default !== undefined && f.default !== false ? `default: ${String(f.default)}` : '', f.env ? `env: ${f.env}` : ''].filter(Boolean);
    const option = new Option(spec, f.description + (extras.length ? ` (${extras.join('; ')})` : ''));
    if (f.choices) option.choices([...f.choices]);
    if (f.type === 'number') option.argParser((v) => v);
    cmd.addOption(option);
    // A boolean that an env var or .env can switch on must be switchable off from the command line.
    if (f.type === 'boolean') cmd.addOption(new Option(`--no-${f.name}`, `turn --${f.name} off (overrides ${f.env ?? 'the default'})`));
  }
  cmd.showHelpAfterError(`usage: ${usageLine(task)}\n(run \`jetscale help ${task.id}\` for details)`);
  const footer = [
    `\nSide effects: ${task.effect}${task.tools.length ? ` · needs: ${task.tools.join(', ')}` : ''}`,
    '\nExamples:',
    ...task.examples.map((e) => `  $ ${e}`),
  ];
  cmd.addHelpText('after', footer.join('\n') + '\n');
}
