// The effect gate: the same decisions on every channel, one transcript, refusals before anything runs.
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EffectGate, EffectRefusedError, type Channel, type Effect } from '../../src/core/effects.js';
import { writeFileEffect } from '../../src/core/file-effects.js';
import { Secrets } from '../../src/core/secrets.js';

const CHANNELS: Channel[] = ['process', 'aws', 'kube', 'file', 'net'];
const EFFECTS: Effect[] = ['read', 'write', 'destroy'];

describe('EffectGate', () => {
  it.each(CHANNELS)('dry-run on %s: reads run, writes and destroys are recorded and not run', async (channel) => {
    const gate = new EffectGate({ dryRun: true, ceiling: 'destroy' });
    const ran: Effect[] = [];
    for (const effect of EFFECTS) {
      const r = await gate.perform({ channel, operation: `op-${effect}`, target: 't', effect }, async () => void ran.push(effect));
      expect(r.skipped).toBe(effect !== 'read');
    }
    expect(ran).toEqual(['read']);
    expect(gate.transcript.map((t) => [t.channel, t.effect, t.status])).toEqual([
      [channel, 'read', 'ran'],
      [channel, 'write', 'recorded'],
      [channel, 'destroy', 'recorded'],
    ]);
  });

  it.each(CHANNELS)('a read task on %s: writes and destroys are refused before the action is called', async (channel) => {
    const gate = new EffectGate({ dryRun: false, ceiling: 'read', taskId: 'diagnose:x' });
    let called = 0;
    for (const effect of ['write', 'destroy'] as const) {
      await expect(gate.perform({ channel, operation: 'op', target: 't', effect }, async () => void called++)).rejects.toBeInstanceOf(EffectRefusedError);
    }
    expect(called).toBe(0);
    expect(gate.transcript.every((t) => t.status === 'refused')).toBe(true);
  });

  it('refuses even under --dry-run (refusal beats recording) and a write task may not destroy', async () => {
    const dry = new EffectGate({ dryRun: true, ceiling: 'read' });
    expect(() => dry.admit({ channel: 'aws', operation: 'elbv2:DeleteLoadBalancer', target: 'arn', effect: 'destroy' })).toThrow(/refused to run a destroy aws call in a read-only task/);
    const write = new EffectGate({ dryRun: false, ceiling: 'write', taskId: 'chart:deps' });
    expect(write.verdict('write')).toBe('run');
    expect(() => write.admit({ channel: 'kube', operation: 'delete namespaces', target: 'pr-7', effect: 'destroy' })).toThrow(/may not destroy \(chart:deps\)/);
  });

  it('records failures with the error and redacts targets and commands', async () => {
    const secrets = new Secrets();
    secrets.add('s3cr3t-token-value');
    const gate = new EffectGate({ dryRun: false, ceiling: 'destroy', secrets });
    await expect(gate.perform({ channel: 'process', operation: 'x', target: 'x --token s3cr3t-token-value', effect: 'write' }, () => Promise.reject(new Error('boom s3cr3t-token-value')))).rejects.toThrow('boom');
    expect(gate.transcript[0]).toMatchObject({ status: 'failed', target: 'x --token ***', error: 'boom ***' });
    expect(JSON.stringify(gate.transcript)).not.toContain('s3cr3t');
  });

  it('an in-flight effect shows as started until it settles', async () => {
    const gate = new EffectGate({ dryRun: false, ceiling: 'read' });
    const admission = gate.admit({ channel: 'kube', operation: 'get pods', target: 'pr-7', effect: 'read' });
    expect(gate.transcript[0]?.status).toBe('started');
    if (admission.run) admission.done();
    expect(gate.transcript[0]?.status).toBe('ran');
    expect(gate.transcript[0]?.durationMs).toBeGreaterThanOrEqual(0);
  });
});

describe('file channel', () => {
  it('writes atomically, records under --dry-run without touching the disk, and refuses in read tasks', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jetscale-fx-'));
    const path = join(dir, 'plan.json');
    const dry = new EffectGate({ dryRun: true, ceiling: 'destroy' });
    expect((await writeFileEffect(dry, { path, data: '{}', operation: 'write-plan' })).skipped).toBe(true);
    expect(await readdir(dir)).toEqual([]);
    const read = new EffectGate({ dryRun: false, ceiling: 'read' });
    await expect(writeFileEffect(read, { path, data: '{}', operation: 'write-plan' })).rejects.toBeInstanceOf(EffectRefusedError);
    expect(await readdir(dir)).toEqual([]);
    const live = new EffectGate({ dryRun: false, ceiling: 'write' });
    await writeFileEffect(live, { path, data: '{"a":1}', operation: 'write-plan' });
    expect(await readFile(path, 'utf8')).toBe('{"a":1}');
    expect(await readdir(dir)).toEqual(['plan.json']);
  });

  it('an output the user asked for (--junit) is written by a read task and under --dry-run, and still transcribed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jetscale-fx-'));
    const gate = new EffectGate({ dryRun: true, ceiling: 'read' });
    const r = await writeFileEffect(gate, { path: join(dir, 'junit.xml'), data: '<x/>', operation: 'write-junit', output: true });
    expect(r.skipped).toBe(false);
    expect(await readFile(join(dir, 'junit.xml'), 'utf8')).toBe('<x/>');
    expect(gate.transcript).toMatchObject([{ channel: 'file', operation: 'write-junit', effect: 'write', status: 'ran', output: true }]);
  });

  it('a failed write leaves no file and no temp file behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jetscale-fx-'));
    const gate = new EffectGate({ dryRun: false, ceiling: 'write' });
    await expect(writeFileEffect(gate, { path: join(dir, 'missing', 'x.json'), data: '{}', operation: 'write-plan' })).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual([]);
    expect(gate.transcript[0]?.status).toBe('failed');
  });
});
