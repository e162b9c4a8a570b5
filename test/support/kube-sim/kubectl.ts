// Runs the real kubectl against a simulator: a private kubeconfig and discovery cache, argv arrays, no throw on exit codes.
import { access, constants, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import type { KubeSim } from './sim.js';

/** Outcome of one kubectl invocation. */
export interface KubectlRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A kubectl bound to one simulator. */
export interface Kubectl {
  /** Runs to completion; `input` goes to stdin. */
  run(args: string[], opts?: { input?: string; timeoutMs?: number }): Promise<KubectlRun>;
  /** Starts a long-running command (e.g. `get -w`); the caller stops it. */
  spawn(args: string[]): ResultPromise<{ reject: false }>;
  /** Removes the kubeconfig and cache directory. */
  cleanup(): Promise<void>;
}

/** The kubectl on PATH ($KUBECTL wins), or undefined. */
export async function findKubectl(): Promise<string | undefined> {
  const candidates = [process.env.KUBECTL, ...(process.env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, 'kubectl'))];
  for (const c of candidates) {
    if (!c) continue;
    try {
      await access(c, constants.X_OK);
      return c;
    } catch {
      // not here; try the next directory
    }
  }
  return undefined;
}

/** Writes a kubeconfig for `sim` (default namespace `namespace`) and returns a runner using it. */
export async function kubectlFor(bin: string, sim: KubeSim, namespace = 'default'): Promise<Kubectl> {
  const dir = await mkdtemp(join(tmpdir(), 'kube-sim-kubectl-'));
  const kubeconfig = join(dir, 'kubeconfig');
  await sim.writeKubeconfig(kubeconfig, 'kube-sim', namespace);
  // KUBECACHEDIR keeps discovery and HTTP caches out of the user's ~/.kube.
  const env = { KUBECONFIG: kubeconfig, KUBECACHEDIR: join(dir, 'cache'), HOME: dir };
  return {
    async run(args, opts = {}) {
      const r = await execa(bin, args, { env, reject: false, timeout: opts.timeoutMs ?? 20_000, ...(opts.input !== undefined ? { input: opts.input } : {}) });
      return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
    },
    spawn(args) {
      return execa(bin, args, { env, reject: false, timeout: 30_000 });
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
