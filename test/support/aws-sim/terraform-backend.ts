// The `backend "s3"` block that points real terraform at the simulator: path-style, every AWS-side check skipped.
// One copy for every test that runs terraform against aws-sim.

/** A `terraform { backend "s3" {…} }` block; `bucket`/`key`/`region` only when the test does not pass them at init. */
export function s3BackendBlock(opts: { url?: string; bucket?: string; key?: string; region?: string; lockfile?: boolean } = {}): string {
  const lines = [
    ...(opts.bucket ? [`bucket                      = "${opts.bucket}"`] : []),
    ...(opts.key ? [`key                         = "${opts.key}"`] : []),
    ...(opts.region ? [`region                      = "${opts.region}"`] : []),
    ...(opts.url ? [`endpoints                   = { s3 = "${opts.url}" }`] : []),
    'use_path_style              = true',
    'skip_credentials_validation = true',
    'skip_requesting_account_id  = true',
    'skip_metadata_api_check     = true',
    'skip_region_validation      = true',
    ...(opts.lockfile ? ['use_lockfile                = true'] : []),
  ];
  return `terraform {\n  backend "s3" {\n${lines.map((l) => `    ${l}`).join('\n')}\n  }\n}\n`;
}
