// Redaction works on data: a .env value such as `true` cannot corrupt --json, and masked values cannot shift tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureFactory, type FixtureRepo } from '../validate/fixture-repo.js';
import { runCli } from '../support/run-cli.js';

let factory: FixtureFactory;
let repo: FixtureRepo;
beforeAll(async () => {
  factory = await FixtureFactory.create();
  repo = await factory.repo();
});
afterAll(() => factory.cleanup());

describe('redaction on data', () => {
  it('.env with DEBUG=true, PORT=8080 and LEVEL=debug keeps --json valid and ok: true', async () => {
    await repo.write('.env', 'DEBUG=true\nPORT=8080\nLEVEL=debug\nAPI_TOKEN=tok-9f8e7d6c5b4a\n');
    const r = await runCli(['validate:envs', 'aws', '--render=off', '--json'], { cwd: repo.dir });
    const doc = JSON.parse(r.stdout) as { ok: boolean; exitCode: number };
    expect(doc.ok).toBe(true);
    expect(r.stdout).not.toContain('tok-9f8e7d6c5b4a');
  });

  it('a secret that appears in the table is masked before layout, so every row keeps its width', async () => {
    // The environment name doubles as a secret value: the masked cell must not misalign the table.
    const envs = (await import('node:fs/promises')).readdir;
    const live = (await envs(repo.abs('envs/live'))).find((f) => f !== 'default.yaml' && f.endsWith('.yaml'))!;
    await repo.write('.env', `NAME_AS_SECRET=${live.replace(/\.yaml$/, '')}\n`);
    const r = await runCli(['validate:envs', 'aws', '--render=off'], { cwd: repo.dir });
    const table = r.stdout.split('\n\n')[0]!.split('\n').filter((l) => l.trim());
    expect(table.length).toBeGreaterThan(2);
    const widths = new Set(table.map((l) => l.trimEnd().length));
    const header = table[0]!;
    // Every column starts at the same offset in every row.
    const starts = [...header.matchAll(/\S+/g)].map((m) => m.index);
    for (const row of table.slice(1)) for (const s of starts.slice(1)) expect(row[s! - 1], `${row}\n${header}`).toBe(' ');
    expect(widths.size).toBeLessThanOrEqual(table.length);
    expect(r.stdout).toContain('***');
  });
});
