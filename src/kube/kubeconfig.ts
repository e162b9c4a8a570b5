// Loads the kubeconfig the way kubectl does (KUBECONFIG list merged first-wins, else ~/.kube/config) from the run's
// env view, and selects the context in memory only: jetscale never writes a kubeconfig or switches the current context.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import type { Cluster, Context, KubeConfig, User } from '@kubernetes/client-node';
import { preconditionError } from '../core/errors.js';
import type { Secrets } from '../core/secrets.js';

/** Where to find the kubeconfig and which context to use. */
export interface KubeConfigRequest {
  /** The run's environment view (KUBECONFIG, HOME), never `process.env`. */
  env: { get(name: string): string | undefined };
  /** `--context`: overrides the file's current-context for this run only. */
  context?: string;
  /** One explicit kubeconfig file (a `--kubeconfig` flag); wins over KUBECONFIG. */
  kubeconfigPath?: string;
  /** Base for relative paths in KUBECONFIG (default: the process working directory). */
  cwd?: string;
  /** Credential values (tokens, passwords, keys) are registered here for redaction. */
  secrets?: Secrets;
}

/** The merged kubeconfig with the chosen context current (in memory). */
export interface LoadedKubeConfig {
  kubeConfig: KubeConfig;
  context: string;
  cluster: Cluster;
  user: User;
  /** The context's default namespace, or `default`. */
  namespace: string;
  /** The files that were read, in precedence order. */
  files: string[];
}

interface Source { files: string[]; from: 'flag' | 'KUBECONFIG' | 'home' }

function sourceOf(req: KubeConfigRequest): Source {
  const cwd = req.cwd ?? process.cwd();
  if (req.kubeconfigPath) return { files: [resolve(cwd, req.kubeconfigPath)], from: 'flag' };
  const list = req.env.get('KUBECONFIG');
  if (list) return { files: list.split(delimiter).filter((f) => f !== '').map((f) => resolve(cwd, f)), from: 'KUBECONFIG' };
  const home = req.env.get('HOME') || req.env.get('USERPROFILE') || homedir();
  return { files: [join(home, '.kube', 'config')], from: 'home' };
}

const MISSING_HINT = 'set KUBECONFIG to your kubeconfig file, or create one (for EKS: `aws eks update-kubeconfig --name <cluster> --kubeconfig <file>`)';

// kubectl skips files of a KUBECONFIG list that do not exist; an explicit file must exist.
async function readAll(src: Source): Promise<Array<{ file: string; text: string }>> {
  const found: Array<{ file: string; text: string }> = [];
  for (const file of src.files) {
    try {
      found.push({ file, text: await readFile(file, 'utf8') });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && src.from !== 'flag') continue;
      if (code === 'ENOENT') throw preconditionError(`kubeconfig ${file} does not exist`, MISSING_HINT, 'E_KUBECONFIG_MISSING');
      throw preconditionError(`cannot read kubeconfig ${file}: ${(error as Error).message}`, 'check the file permissions, or point KUBECONFIG at another file', 'E_KUBECONFIG_INVALID');
    }
  }
  if (found.length > 0) return found;
  const what = src.from === 'KUBECONFIG' ? `none of the files in KUBECONFIG exist (${src.files.join(', ')})` : `KUBECONFIG is not set and ${src.files[0]} does not exist`;
  throw preconditionError(`no kubeconfig found: ${what}`, MISSING_HINT, 'E_KUBECONFIG_MISSING');
}

function parseOne(k8s: typeof import('@kubernetes/client-node'), file: string, text: string): KubeConfig {
  const kc = new k8s.KubeConfig();
  // kubectl reads an empty file as an empty config.
  if (text.trim() === '') return kc;
  try {
    kc.loadFromString(text);
  } catch (error) {
    const first = String((error as Error).message).split('\n')[0];
    throw preconditionError(`kubeconfig ${file} does not parse: ${first}`, `fix ${file} or regenerate it (for EKS: \`aws eks update-kubeconfig\`)`, 'E_KUBECONFIG_INVALID');
  }
  kc.makePathsAbsolute(dirname(file));
  return kc;
}

// The first file to define a name (or a current-context) wins, as in kubectl.
function firstWins<T extends { name: string }>(lists: T[][]): T[] {
  const byName = new Map<string, T>();
  for (const item of lists.flat()) if (!byName.has(item.name)) byName.set(item.name, item);
  return [...byName.values()];
}

function pick(req: KubeConfigRequest, files: string[], contexts: Context[], clusters: Cluster[], users: User[], current: string | undefined) {
  const where = files.join(delimiter);
  const names = contexts.map((c) => c.name);
  const available = names.length > 0 ? `available: ${names.join(', ')}` : 'it defines no contexts';
  const name = req.context ?? current;
  if (!name) {
    throw preconditionError(`no kube context selected: ${where} has no current-context (${available})`, 'pass --context with one of the available contexts', 'E_KUBE_CONTEXT');
  }
  const origin = req.context !== undefined ? ' (from --context)' : ' (the current-context)';
  const context = contexts.find((c) => c.name === name);
  if (!context) {
    throw preconditionError(`kube context "${name}"${origin} does not exist in ${where} (${available})`, names.length > 0 ? `pass --context with one of: ${names.join(', ')}` : MISSING_HINT, 'E_KUBE_CONTEXT');
  }
  const cluster = clusters.find((c) => c.name === context.cluster);
  const user = users.find((u) => u.name === context.user);
  if (!cluster || !user) {
    const missing = !cluster ? `cluster "${context.cluster}"` : `user "${context.user}"`;
    throw preconditionError(`kube context "${name}"${origin} refers to ${missing}, which ${where} does not define`, 'regenerate the kubeconfig entry for this cluster (for EKS: `aws eks update-kubeconfig --name <cluster>`)', 'E_KUBE_CONTEXT_INCOMPLETE');
  }
  return { name, context, cluster, user };
}

/** Reads and merges the kubeconfig files and selects the context, without touching the files. */
export async function loadKubeConfig(req: KubeConfigRequest): Promise<LoadedKubeConfig> {
  const src = sourceOf(req);
  const texts = await readAll(src);
  const k8s = await import('@kubernetes/client-node');
  const parsed = texts.map(({ file, text }) => parseOne(k8s, file, text));
  const contexts = firstWins(parsed.map((kc) => kc.getContexts()));
  const clusters = firstWins(parsed.map((kc) => kc.getClusters()));
  const users = firstWins(parsed.map((kc) => kc.getUsers()));
  const current = parsed.map((kc) => kc.getCurrentContext() as string | undefined).find((c) => !!c);
  const files = texts.map((t) => t.file);
  const chosen = pick(req, files, contexts, clusters, users, current);
  for (const secret of [chosen.user.token, chosen.user.password, chosen.user.keyData]) req.secrets?.add(secret);
  const kubeConfig = new k8s.KubeConfig();
  kubeConfig.loadFromOptions({ clusters, users, contexts, currentContext: chosen.name });
  return { kubeConfig, context: chosen.name, cluster: chosen.cluster, user: chosen.user, namespace: chosen.context.namespace ?? 'default', files };
}
