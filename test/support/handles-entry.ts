// A CLI-like process for the no-orphans test: the real EffectGate, Executor and ProcessGroup, the signal handling
// of src/cli.ts main() (first SIGINT/SIGTERM aborts the run, a second forces), and three long-running tool
// handles opened through the real adapters (tilt up, skaffold dev, kubectl port-forward).
// argv[2]: JSON { tilt, skaffold, kubectl: paths; tiltPort, forwardPort: numbers; mode; graceMs }.
import { EffectGate } from '../../src/core/effects.js';
import { InterruptedError, JetscaleError } from '../../src/core/errors.js';
import { ExitCode } from '../../src/core/exit-codes.js';
import { Output } from '../../src/core/output.js';
import { Secrets } from '../../src/core/secrets.js';
import { ProcessGroup } from '../../src/exec/process-group.js';
import * as kubectl from '../../src/tools/kubectl.js';
import * as skaffold from '../../src/tools/skaffold.js';
import * as tilt from '../../src/tools/tilt.js';
import type { ResolvedTool, ToolName } from '../../src/tools/tool-table.js';

interface EntryConfig {
  tilt: string;
  skaffold: string;
  kubectl: string;
  tiltPort: number;
  forwardPort: number;
  /** wait: until a signal; finish: return normally once ready; fail: throw once ready; exit: process.exit at once. */
  mode: 'wait' | 'finish' | 'fail' | 'exit';
  graceMs: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as EntryConfig;
const tool = (name: ToolName, path: string): ResolvedTool => ({ name, actual: name, path, version: '0.0.0' });

const controller = new AbortController();
const secrets = new Secrets();
const out = new Output({ stdout: process.stdout, stderr: process.stderr, secrets, color: false, interactive: false, github: false, json: false, verbose: true });
const gate = new EffectGate({ dryRun: false, ceiling: 'write', secrets });
const processes = new ProcessGroup({ gate, out, secrets, signal: controller.signal, baseEnv: process.env, graceMs: config.graceMs });

let interrupts = 0;
const onSignal = () => {
  interrupts += 1;
  if (interrupts === 1) {
    process.stderr.write('interrupt: stopping gracefully\n');
    controller.abort(new InterruptedError('Ctrl-C'));
    return;
  }
  processes.killAll();
  process.exit(ExitCode.interrupted);
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

async function run(): Promise<number> {
  try {
    await Promise.all([
      tilt.up(processes, tool('tilt', config.tilt), { port: config.tiltPort, readyTimeoutMs: 10_000 }),
      skaffold.dev(processes, tool('skaffold', config.skaffold), { readyTimeoutMs: 10_000 }),
      kubectl.portForward(processes, tool('kubectl', config.kubectl), { target: 'svc/api', namespace: 'pr-7', ports: [{ local: config.forwardPort, remote: 80 }], readyTimeoutMs: 10_000 }),
    ]);
    process.stdout.write('all ready\n');
    if (config.mode === 'exit') process.exit(7);
    if (config.mode === 'fail') throw new JetscaleError('the task failed after starting its processes', { code: 'E_INTERNAL' });
    if (config.mode === 'wait') await new Promise((_, reject) => controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error)));
    return ExitCode.ok;
  } catch (error) {
    out.error(error instanceof Error ? error.message : String(error));
    return error instanceof JetscaleError ? error.exitCode : ExitCode.taskFailed;
  } finally {
    // What run-task does at the end of every run: normal exit, error or interrupt.
    await processes.stopAll();
  }
}

void run().then((code) => {
  process.exitCode = code;
});
