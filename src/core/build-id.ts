// Identity of the code that is running: a hash of src/, the lockfile and the build script, stamped in by
// scripts/build.mjs. Caches of jetscale's own results (parsed files, render verdicts) key on it, so a changed
// parser or rule can never serve an old answer. Undefined when running from source (tsx, tests): callers then
// disable such caches or supply their own identity.
declare const __JETSCALE_BUILD_ID__: string | undefined;

export const BUILD_ID: string | undefined = typeof __JETSCALE_BUILD_ID__ === 'string' ? __JETSCALE_BUILD_ID__ : undefined;
