// Resolves the tools a task needs, once per process, and fails before anything changes when one is missing.
import { JetscaleError, preconditionError } from '../core/errors.js';
import type { Once } from '../core/once.js';
import { goMainModuleVersion } from './go-buildinfo.js';
import type { Executor } from '../exec/executor.js';
import { findExecutable, parseVersion, satisfiesMin } from './locate.js';
import { TOOLS, type ResolvedTool, type ToolName } from './tool-table.js';

export type { ResolvedTool } from './tool-table.js';

/** A tool found on disk whose version has not been checked yet. */
export type Located = Omit<ResolvedTool, 'version'>;

/** Finds and version-checks tools for one run; results are memoised through `Once`. */
export class ToolFinder {
  readonly #resolved = new Map<ToolName, ResolvedTool>();
  readonly #located = new Map<ToolName, Promise<Located>>();
  readonly #stated = new Map<ToolName, Promise<ResolvedTool | undefined>>();

  constructor(
    private readonly exec: Executor,
    private readonly once: Once,
    private readonly env: Readonly<Record<string, string | undefined>>,
    private readonly taskId: string,
  ) {}

  /** Resolves every tool in parallel; throws one precondition error naming all missing tools. */
  async require(names: readonly ToolName[]): Promise<ResolvedTool[]> {
    const results = await Promise.allSettled(names.map((n) => this.resolve(n)));
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) {
      const lines = failures.map((f) => (f instanceof JetscaleError && f.hint ? `${f.message}\n  fix: ${f.hint}` : f.message));
      throw preconditionError(lines.join('\n'), 'install the tools above (or point JETSCALE_<TOOL> at them) and re-run', 'E_TOOL_MISSING');
    }
    return results.map((r) => (r as PromiseFulfilledResult<ResolvedTool>).value);
  }

  /** Resolves one tool (memoised); throws a precondition error naming the tool, the task and the fix. */
  async resolve(name: ToolName): Promise<ResolvedTool> {
    await this.once.run({ name: 'tool', args: [name], run: async () => void this.#resolved.set(name, await this.#discover(name)) });
    const tool = this.#resolved.get(name);
    if (!tool) throw new Error(`tool ${name} was not resolved`);
    return tool;
  }

  /** Finds the executable without asking its version (memoised): for work that may start while `resolve` checks the
   * version, and is thrown away if that check fails. Throws the same precondition error as `resolve` when missing. */
  locate(name: ToolName): Promise<Located> {
    return memo(this.#located, name, () => this.#find(name));
  }

  async #find(name: ToolName): Promise<Located> {
    const info = TOOLS[name];
    const override = this.env[info.envVar] || undefined;
    let path = await findExecutable(name, this.env, override);
    let actual: ToolName = name;
    if (!path && override) {
      throw preconditionError(`${info.envVar}=${override} is not an executable file (needed by ${this.taskId})`, `fix ${info.envVar} or unset it to search PATH`, 'E_TOOL_MISSING');
    }
    if (!path && info.fallback) {
      const fb = TOOLS[info.fallback];
      path = await findExecutable(fb.name, this.env, this.env[fb.envVar] || undefined);
      if (path) actual = info.fallback;
    }
    if (!path) {
      throw preconditionError(`${name} not found on PATH (needed by ${this.taskId})`, `install it: ${info.install}; or set ${info.envVar}=/path/to/${name}`, 'E_TOOL_MISSING');
    }
    return { name, actual, path };
  }

  async #discover(name: ToolName): Promise<ResolvedTool> {
    const { actual, path } = await this.locate(name);
    const used = TOOLS[actual];
    const r = await this.exec.run({ file: path, tool: actual, args: used.versionArgs, effect: 'read', timeoutMs: 20_000, reject: false });
    const version = parseVersion(r.stdout + r.stderr);
    if (r.exitCode !== 0 || !version) {
      throw preconditionError(`${actual} at ${path} did not report a version (exit ${r.exitCode}) (needed by ${this.taskId})`, `check the installation: ${used.install}`, 'E_TOOL_BROKEN');
    }
    if (!satisfiesMin(version, used.min)) {
      throw preconditionError(`${actual} ${version} at ${path} is too old: ${this.taskId} needs ${used.min} or newer`, `upgrade: ${used.install}`, 'E_TOOL_VERSION');
    }
    // The binary ran; if it also states a version in its build info, the two must agree (else `stated` lied).
    const stated = await this.stated(name);
    if (stated && stated.version !== version) {
      throw preconditionError(`${actual} at ${path} states version ${stated.version} in its build info but reports ${version} (needed by ${this.taskId})`, `check the installation: ${used.install}`, 'E_TOOL_BROKEN');
    }
    return { name, actual, path, version };
  }

  /** The version a genuine Go build of the tool states about itself (its build info), read from the file without
   * starting it; undefined for shims, scripts and development builds. It is not proof that the binary runs:
   * use it for work that `resolve` (which runs the tool) will confirm, e.g. a cache key. Memoised. */
  stated(name: ToolName): Promise<ResolvedTool | undefined> {
    return memo(this.#stated, name, () =>
      this.locate(name).then(
        async ({ actual, path }) => {
          const used = TOOLS[actual];
          const version = used.goModule ? await goMainModuleVersion(path, used.goModule) : undefined;
          return version && satisfiesMin(version, used.min) ? { name, actual, path, version } : undefined;
        },
        () => undefined,
      ),
    );
  }
}

/** The promise for `key` in `cache`, made once. */
function memo<K, V>(cache: Map<K, Promise<V>>, key: K, make: () => Promise<V>): Promise<V> {
  let found = cache.get(key);
  if (!found) cache.set(key, (found = make()));
  return found;
}
