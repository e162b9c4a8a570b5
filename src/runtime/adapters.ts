// The run's AWS and Kubernetes adapters, built on first use (so tasks that never call them load nothing) over the
// run's one effect gate, env view, secrets and signal, and closed when the run ends.
import type { JetscaleConfig } from '../core/config.js';
import type { EffectGate } from '../core/effects.js';
import type { EnvView } from '../core/env-view.js';
import type { Secrets } from '../core/secrets.js';
import type { Aws } from '../aws/index.js';
import type { KubeClient } from '../kube/index.js';

export interface AdapterDeps {
  gate: EffectGate;
  env: EnvView;
  config: JetscaleConfig;
  secrets: Secrets;
  signal: AbortSignal;
  /** The caller's working directory (relative KUBECONFIG entries resolve against it). */
  cwd: string;
}

/** Session credentials (e.g. from sts:AssumeRole) that replace the standard chain for one set of clients. */
export interface AwsSessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export interface RunAdapters {
  /** The run's AWS facades; with `credentials`, a separate set signed with them (built on each call, closed at the end). */
  aws(opts?: { credentials?: AwsSessionCredentials }): Promise<Aws>;
  kube(opts?: { context?: string }): Promise<KubeClient>;
  /** Closes every client that was built. */
  close(): void;
}

/** Memoised adapter factories for one run. */
export function makeAdapters(deps: AdapterDeps): RunAdapters {
  let aws: Promise<Aws> | undefined;
  const kubes = new Map<string, Promise<KubeClient>>();
  const closers: Array<() => void> = [];
  return {
    aws(opts = {}) {
      const build = async (env: Readonly<Record<string, string | undefined>>) => {
        // The SDK warns on Node 20 on every client; users cannot act on it, so it would only bury our output.
        process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
        const { createAws } = await import('../aws/index.js');
        const made = createAws({ gate: deps.gate, env, retryMode: deps.config.aws.retryMode, maxAttempts: deps.config.aws.maxAttempts, secrets: deps.secrets, signal: deps.signal });
        closers.push(() => made.destroy());
        return made;
      };
      const c = opts.credentials;
      if (c) return build({ ...deps.env.record(), AWS_ACCESS_KEY_ID: c.accessKeyId, AWS_SECRET_ACCESS_KEY: c.secretAccessKey, AWS_SESSION_TOKEN: c.sessionToken, AWS_PROFILE: undefined });
      aws ??= build(deps.env.record());
      return aws;
    },
    kube(opts = {}) {
      const key = opts.context ?? '';
      let client = kubes.get(key);
      if (!client) {
        client = (async () => {
          const { createKubeClient } = await import('../kube/index.js');
          return createKubeClient({ env: deps.env, gate: deps.gate, secrets: deps.secrets, signal: deps.signal, cwd: deps.cwd, ...(opts.context ? { context: opts.context } : {}) });
        })();
        kubes.set(key, client);
      }
      return client;
    },
    close() {
      for (const close of closers.splice(0)) close();
    },
  };
}
