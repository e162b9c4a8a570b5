// Bad input is a usage error naming what is wrong (exit 2), before any adapter is built: no simulator is running,
// so a request would fail differently. Also the pure target rules: pr-N, hosts, expected secret names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedSecretNames, parseDiagnoseArg } from '../../src/diagnose/target.js';
import { runCli } from '../support/run-cli.js';
import { makeRepo } from './harness.js';

let repo: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => void (repo = await makeRepo()));
afterAll(() => repo.cleanup());

const run = (argv: string[]) => runCli(argv, { cwd: repo.dir, env: { PATH: process.env.PATH, HOME: repo.dir, AWS_ENDPOINT_URL: 'http://127.0.0.1:9' } });

describe('diagnose input', () => {
  it.each([
    [['diagnose', 'not a host!'], /neither a preview environment/],
    [['diagnose', 'pr-7', '--resolve', 'pr-7.x.test'], /invalid --resolve entry "pr-7\.x\.test"/],
    [['diagnose', 'pr-7', '--ca-file', 'missing.pem'], /--ca-file .*missing\.pem cannot be read/],
    [['diagnose', 'pr-7', '--nameserver', 'dns.google'], /invalid --nameserver "dns\.google"/],
    [['diagnose', 'pr-7', '--role-arn', 'arn:aws:iam::1:user/x'], /must be an IAM role ARN/],
    [['diagnose', 'pr-7', '--backend-path', 'api/ready'], /must start with \//],
    [['diagnose:live', 'nope'], /no live environment "nope" in envs\/live\/.*console/s],
  ])('%j is a usage error', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('parses pr-N, hosts (with a preview env in the first label), URLs, and normalises case', () => {
    expect(parseDiagnoseArg('pr-7')).toEqual({ kind: 'preview', envId: 'pr-7' });
    expect(parseDiagnoseArg('https://PR-12-My-Branch.jetscale.ai/x')).toEqual({ kind: 'host', host: 'pr-12-my-branch.jetscale.ai', envId: 'pr-12' });
    expect(parseDiagnoseArg('console.jetscale.ai')).toEqual({ kind: 'host', host: 'console.jetscale.ai' });
    expect(() => parseDiagnoseArg('pr-0')).toThrow(/neither/);
  });

  it('expects the five <release>- secrets unless the values switch an ExternalSecret off', () => {
    expect(expectedSecretNames('pr-7', {})).toEqual(['pr-7-db-secret', 'pr-7-redis-secret', 'pr-7-common-secrets', 'pr-7-aws-client-secret', 'pr-7-app-secrets']);
    expect(expectedSecretNames('jetscale', { externalSecret: { redis: { enabled: false } } })).not.toContain('jetscale-redis-secret');
    expect(expectedSecretNames('x', { externalSecret: { enabled: false } })).toEqual([]);
  });
});
