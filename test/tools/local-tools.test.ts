// Adapters of the local-loop tools with scripted fakes (kind, skaffold, tilt, ctlptl, a docker engine cannot run
// here): exact argv, effect class per operation, parsed output, dry-run records, long-running starts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EffectRefusedError } from '../../src/core/effects.js';
import { CommandFailedError } from '../../src/exec/command-failed.js';
import { ProcessHandle } from '../../src/exec/process-handle.js';
import * as ctlptl from '../../src/tools/ctlptl.js';
import * as docker from '../../src/tools/docker.js';
import * as kind from '../../src/tools/kind.js';
import * as kubectl from '../../src/tools/kubectl.js';
import * as skaffold from '../../src/tools/skaffold.js';
import * as tilt from '../../src/tools/tilt.js';
import { TOOLS } from '../../src/tools/tool-table.js';
import { createFakeTools, type FakeTools } from '../support/fake-tools.js';
import { createLongRunners, freePort, isRunning, type LongRunners } from '../exec/long-runners.js';
import { fakeTool, makeRun } from './harness.js';

let fakes: FakeTools;
let runners: LongRunners;
beforeEach(async () => {
  fakes = await createFakeTools();
  runners = await createLongRunners();
});
afterEach(async () => {
  for (const p of await runners.pids()) if (isRunning(p.pid)) process.kill(p.pid, 'SIGKILL');
  await Promise.all([fakes.cleanup(), runners.cleanup()]);
});

const argvs = async (tool: string) => (await fakes.calls(tool)).map((c) => c.argv);

describe('kind', () => {
  it('get clusters (read), create (write), load (write), delete (destroy)', async () => {
    const k = fakeTool('kind', await fakes.add('kind', [{ args: ['get', 'clusters'], stdout: 'jetscale\nother\n' }]));
    const { exec, gate } = makeRun();
    expect(await kind.getClusters(exec, k)).toEqual(['jetscale', 'other']);
    await kind.createCluster(exec, k, { name: 'jetscale', config: 'kind/cluster.yaml', wait: '120s' });
    await kind.loadDockerImage(exec, k, { cluster: 'jetscale', images: ['api:dev', 'web:dev'] });
    await kind.deleteCluster(exec, k, { name: 'jetscale' });
    expect(await argvs('kind')).toEqual([
      ['get', 'clusters'],
      ['create', 'cluster', '--name', 'jetscale', '--config', 'kind/cluster.yaml', '--wait', '120s'],
      ['load', 'docker-image', 'api:dev', 'web:dev', '--name', 'jetscale'],
      ['delete', 'cluster', '--name', 'jetscale'],
    ]);
    expect(gate.transcript.map((r) => [r.operation, r.effect])).toEqual([['kind get clusters', 'read'], ['kind create cluster', 'write'], ['kind load docker-image', 'write'], ['kind delete cluster', 'destroy']]);
  });

  it('no clusters is an empty list (kind says so on stderr)', async () => {
    const k = fakeTool('kind', await fakes.add('kind', [{ args: ['get'], stderr: 'No kind clusters found.\n' }]));
    expect(await kind.getClusters(makeRun().exec, k)).toEqual([]);
  });

  it('--dry-run runs the read and records create and delete without running them', async () => {
    const k = fakeTool('kind', await fakes.add('kind', [{ args: ['get'], stdout: '' }]));
    const { exec, commands } = makeRun({ dryRun: true });
    await kind.getClusters(exec, k);
    expect((await kind.createCluster(exec, k, { name: 'x' })).skipped).toBe(true);
    expect((await kind.deleteCluster(exec, k, { name: 'x' })).skipped).toBe(true);
    expect(await argvs('kind')).toEqual([['get', 'clusters']]);
    expect(commands()).toEqual(['ran:kind get clusters', 'recorded:kind create cluster --name x', 'recorded:kind delete cluster --name x']);
  });
});

describe('skaffold', () => {
  it('build parses the built images; run and delete carry the common flags', async () => {
    const builds = JSON.stringify({ builds: [{ imageName: 'api', tag: 'api:abc123@sha256:00' }] });
    const s = fakeTool('skaffold', await fakes.add('skaffold', [{ args: ['build'], stdout: builds + '\n' }]));
    const { exec, gate } = makeRun();
    const r = await skaffold.build(exec, s, { profile: 'ci', push: false });
    expect(r).toEqual({ skipped: false, value: [{ imageName: 'api', tag: 'api:abc123@sha256:00' }] });
    await skaffold.run(exec, s, { kubeContext: 'kind-jetscale', namespace: 'dev' });
    await skaffold.delete(exec, s, { kubeContext: 'kind-jetscale' });
    expect(await argvs('skaffold')).toEqual([
      ['build', '--profile', 'ci', '--quiet', '--push=false'],
      ['run', '--kube-context', 'kind-jetscale', '--namespace', 'dev', '--tail=false'],
      ['delete', '--kube-context', 'kind-jetscale'],
    ]);
    expect(gate.transcript.map((t) => t.effect)).toEqual(['write', 'write', 'destroy']);
  });

  it('unreadable build output is a tool-output error naming the command', async () => {
    const s = fakeTool('skaffold', await fakes.add('skaffold', [{ args: ['build'], stdout: 'Building [api]...\n' }]));
    await expect(skaffold.build(makeRun().exec, s)).rejects.toMatchObject({ code: 'E_TOOL_OUTPUT', message: 'could not read the output of skaffold build --quiet: it is not JSON' });
  });

  it('dev is a long-running write: started and ready on "Watching for changes", skipped under --dry-run', async () => {
    const bin = await runners.add('skaffold', { readyLine: 'Watching for changes...', readyDelayMs: 100 });
    const s = fakeTool('skaffold', bin);
    const dry = makeRun({ dryRun: true });
    expect(await skaffold.dev(dry.group, s, { file: 'skaffold.yaml' })).toMatchObject({ skipped: true, command: 'skaffold dev --filename skaffold.yaml --port-forward=false' });
    expect(await runners.pids()).toEqual([]);
    const { group } = makeRun();
    const h = await skaffold.dev(group, s, { file: 'skaffold.yaml' });
    expect(h).toBeInstanceOf(ProcessHandle);
    await group.stopAll();
  });
});

describe('tilt', () => {
  it('up waits for its API port, ci and down are a write and a destroy', async () => {
    const port = await freePort();
    const t = fakeTool('tilt', await runners.add('tilt', { listenPort: port, readyDelayMs: 200 }));
    const { group, gate } = makeRun();
    const h = await tilt.up(group, t, { port, tiltfileArgs: ['--env', 'dev'], readyTimeoutMs: 5000 });
    expect(h).toBeInstanceOf(ProcessHandle);
    expect((await runners.pids())[0]?.argv).toEqual(['up', '--stream', '--port', String(port), '--', '--env', 'dev']);
    await group.stopAll();
    const ci = fakeTool('tilt', await fakes.add('tilt', []));
    const { exec } = makeRun();
    await tilt.ci(exec, ci, { timeoutMs: 600_000 });
    await tilt.down(exec, ci, { file: 'Tiltfile' });
    expect(await argvs('tilt')).toEqual([['ci', '--timeout', '600s'], ['down', '--file', 'Tiltfile']]);
    expect(gate.transcript[0]).toMatchObject({ operation: 'tilt up', effect: 'write', status: 'ran' });
  });

  it('a read-only run refuses tilt up before it starts', async () => {
    const t = fakeTool('tilt', await runners.add('tilt', { readyLine: 'x' }));
    await expect(tilt.up(makeRun({ ceiling: 'read' }).group, t)).rejects.toBeInstanceOf(EffectRefusedError);
    expect(await runners.pids()).toEqual([]);
  });
});

describe('kubectl port-forward', () => {
  it('is a long-running read bound to 127.0.0.1: it runs under --dry-run and is ready when forwarding', async () => {
    const k = fakeTool('kubectl', await runners.add('kubectl', { readyLine: 'Forwarding from 127.0.0.1:18080 -> 80' }));
    const { group, gate } = makeRun({ dryRun: true });
    const h = await kubectl.portForward(group, k, { target: 'svc/api', namespace: 'pr-7', ports: [{ local: 18080, remote: 80 }] });
    expect(h).toBeInstanceOf(ProcessHandle);
    expect(gate.transcript[0]).toMatchObject({ operation: 'kubectl port-forward', effect: 'read', status: 'started', command: 'kubectl port-forward svc/api 18080:80 --namespace pr-7 --address 127.0.0.1' });
    await group.stopAll();
  });
});

describe('ctlptl', () => {
  it('apply is a write, delete a destroy; both take the file', async () => {
    const c = fakeTool('ctlptl', await fakes.add('ctlptl', []));
    const { exec, gate } = makeRun();
    await ctlptl.apply(exec, c, { file: 'kind/ctlptl.yaml' });
    await ctlptl.delete(exec, c, { file: 'kind/ctlptl.yaml' });
    expect(await argvs('ctlptl')).toEqual([['apply', '--filename', 'kind/ctlptl.yaml'], ['delete', '--filename', 'kind/ctlptl.yaml']]);
    expect(gate.transcript.map((t) => t.effect)).toEqual(['write', 'destroy']);
  });
});

describe('docker', () => {
  it('version reads client and engine; without an engine the server is undefined', async () => {
    const both = JSON.stringify({ Client: { Version: '27.1.1' }, Server: { Version: '27.1.1' } });
    const d = fakeTool('docker', await fakes.add('docker', [{ args: ['version'], stdout: both + '\n' }]));
    expect(await docker.version(makeRun().exec, d)).toEqual({ client: '27.1.1', server: '27.1.1' });
    const clientOnly = JSON.stringify({ Client: { Version: '27.1.1' }, Server: null });
    const down = fakeTool('docker', await fakes.add('docker', [{ args: ['version'], stdout: clientOnly + '\n', stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock.\n', exitCode: 1 }]));
    expect(await docker.version(makeRun().exec, down)).toEqual({ client: '27.1.1' });
  });

  it('info parses the engine facts, and an unreachable engine fails with docker\'s message as the tail', async () => {
    const info = JSON.stringify({ ServerVersion: '27.1.1', OperatingSystem: 'Debian', NCPU: 4, MemTotal: 8_000_000_000, Driver: 'overlay2', Extra: true });
    const d = fakeTool('docker', await fakes.add('docker', [{ args: ['info'], stdout: info + '\n' }]));
    expect(await docker.info(makeRun().exec, d)).toEqual({ serverVersion: '27.1.1', os: 'Debian', cpus: 4, memoryBytes: 8_000_000_000, storageDriver: 'overlay2' });
    const down = fakeTool('docker', await fakes.add('docker', [{ args: ['info'], stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock.\n', exitCode: 1 }]));
    const error = await docker.info(makeRun().exec, down).then(() => undefined, (e: unknown) => e as CommandFailedError);
    expect(error).toBeInstanceOf(CommandFailedError);
    expect(error?.tail).toContain('Cannot connect to the Docker daemon');
  });
});

describe('tool table', () => {
  it('the version probe of every tool is its adapter\'s argv', async () => {
    const probe = Object.fromEntries(Object.entries(TOOLS).map(([name, t]) => [name, t.versionArgs.join(' ')]));
    expect(probe).toEqual({ helm: 'version --short', kind: 'version', skaffold: 'version', tofu: 'version', terraform: 'version', kubectl: 'version --client', tilt: 'version', ctlptl: 'version', docker: '--version' });
    await fakes.add('kind', [{ args: ['version'], stdout: 'kind v0.24.0 go1.22 linux/amd64\n' }]);
    const { finder } = makeRun({ env: { PATH: fakes.path({ isolate: true }) } });
    expect(await finder.resolve('kind')).toMatchObject({ name: 'kind', actual: 'kind', version: '0.24.0' });
    expect(await argvs('kind')).toEqual([['version']]);
  });
});
