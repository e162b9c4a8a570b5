// Importing the AWS adapter (and building its facades) loads no @aws-sdk module; the first use of a client loads
// that service's SDK only. Checked in a fresh Node process, where the module cache starts empty.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const SCRIPT = `
import { createRequire } from 'node:module';
const cache = createRequire(process.cwd() + '/').cache;
const sdk = () => [...new Set(Object.keys(cache).flatMap((k) => k.match(/node_modules\\/(@aws-sdk\\/[^/]+)\\//)?.[1] ?? []))].sort();
const { createAws } = await import('./src/aws/index.ts');
const { EffectGate } = await import('./src/core/effects.ts');
const aws = createAws({ gate: new EffectGate({ dryRun: true, ceiling: 'destroy' }),
  env: { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIAFAKELAZY', AWS_SECRET_ACCESS_KEY: 'fake-lazy-secret' } });
const afterImport = sdk();
// Recorded under --dry-run: the ELBv2 client is built and used, nothing is sent.
const deleted = await aws.elbv2.deleteLoadBalancer('arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/x/0123456789abcdef');
aws.destroy();
console.log(JSON.stringify({ afterImport, afterUse: sdk(), skipped: deleted.skipped }));
`;

describe('AWS adapter laziness', () => {
  it('loads no @aws-sdk module on import, and only the used service on first use', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], {
      cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', AWS_EC2_METADATA_DISABLED: 'true' },
    });
    const { afterImport, afterUse, skipped } = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { afterImport: string[]; afterUse: string[]; skipped: boolean };
    expect(afterImport).toEqual([]);
    expect(afterUse).toContain('@aws-sdk/client-elastic-load-balancing-v2');
    for (const other of ['client-s3', 'client-eks', 'client-sts', 'client-secrets-manager', 'client-resource-groups-tagging-api']) expect(afterUse).not.toContain(`@aws-sdk/${other}`);
    expect(skipped).toBe(true);
  });
});
