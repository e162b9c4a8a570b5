// Runs a real OCI distribution registry on loopback, so tests push and pull charts the way users do.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

// Debian's docker-registry package (github.com/docker/distribution).
export const DOCKER_REGISTRY_BIN = '/usr/bin/docker-registry';

// A running registry: url is "127.0.0.1:PORT" (no scheme, as helm's oci:// references want it).
export interface OciRegistry {
  url: string;
  stop(): Promise<void>;
}

// True when the registry binary is installed and executable.
export async function hasDockerRegistry(bin: string = DOCKER_REGISTRY_BIN): Promise<boolean> {
  try {
    await access(bin, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// Starts the registry with throwaway filesystem storage and waits until /v2/ answers.
export async function startOciRegistry(bin: string = DOCKER_REGISTRY_BIN): Promise<OciRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'jetscale-registry-'));
  const port = await freeLoopbackPort();
  const config = [
    'version: 0.1',
    'log:',
    '  level: error',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'data')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
    `  secret: ${randomBytes(16).toString('hex')}`,
    '',
  ].join('\n');
  const configPath = join(dir, 'config.yml');
  await writeFile(configPath, config);
  const child = execa(bin, ['serve', configPath], { reject: false, stdin: 'ignore', buffer: true });
  let exited = false;
  void child.then(() => {
    exited = true;
  });
  const stop = async (): Promise<void> => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await child;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };
  const url = `127.0.0.1:${port}`;
  try {
    await waitForV2(url, () => exited, 15_000);
  } catch (error) {
    await stop();
    const result = await child;
    throw new Error(`${(error as Error).message}; registry stderr: ${String(result.stderr).trim() || '(empty)'}`);
  }
  return { url, stop };
}

// Asks the kernel for a free port; the tiny race with another binder is acceptable for tests.
async function freeLoopbackPort(): Promise<number> {
  return await new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('could not determine a free loopback port'));
      });
    });
  });
}

// Polls GET /v2/ (the distribution API base) until 200, the process dies, or the deadline passes.
async function waitForV2(url: string, hasExited: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error(`docker-registry exited before ${url}/v2/ answered`);
    try {
      const response = await fetch(`http://${url}/v2/`, { signal: AbortSignal.timeout(1_000) });
      if (response.status === 200) return;
    } catch {
      // Not listening yet; retry until the deadline.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`docker-registry at ${url} did not answer /v2/ within ${timeoutMs} ms`);
}
