// The environment as the CLI sees it: the process environment over the repo's `.env`.

/** Environment as the CLI sees it: process environment over `.env` (names from `.env` are kept for -v). */
export interface EnvView {
  get(name: string): string | undefined;
  /** Where a value came from. */
  source(name: string): 'env' | '.env' | undefined;
  /** The process environment only, as given to child processes. */
  readonly process: Readonly<Record<string, string | undefined>>;
  /** Every variable as `get` sees it (for SDK configuration that reads a whole environment). */
  record(): Readonly<Record<string, string | undefined>>;
}

/** Builds the env view: a variable present in the process environment (even empty) wins over `.env`. */
export function makeEnvView(processEnv: Readonly<Record<string, string | undefined>>, dotenv: ReadonlyMap<string, string>): EnvView {
  return {
    get: (name) => (processEnv[name] !== undefined ? processEnv[name] : dotenv.get(name)),
    source: (name) => (processEnv[name] !== undefined ? 'env' : dotenv.has(name) ? '.env' : undefined),
    process: processEnv,
    record: () => ({ ...Object.fromEntries(dotenv), ...processEnv }),
  };
}
