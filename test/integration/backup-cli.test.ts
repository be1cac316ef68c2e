import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlMigrations, tenantMigrations } from '../../src/migrations/index.js';
import { Storage } from '../../src/platform/db/storage.js';
import { auditCount, writeMarkers } from '../support/backups.js';
import { freePort } from '../support/ports.js';
import { createTestDatabase, usePostgres } from '../support/postgres.js';

const root = path.resolve(import.meta.dirname, '../..');
const main = path.join(root, 'src/cli/main.ts');
let dataDir: string;
let env: Record<string, string>;
let dropDb: (() => Promise<void>) | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'yosan-backup-cli-'));
  env = { YOSAN_DATA_DIR: dataDir, YOSAN_LOG_LEVEL: 'silent', YOSAN_HTTPS_PORT: String(await freePort()) };
  if (usePostgres()) {
    const db = await createTestDatabase();
    env.DATABASE_URL = db.url;
    dropDb = db.drop;
  }
});
afterAll(async () => {
  await dropDb?.();
  rmSync(dataDir, { recursive: true, force: true });
});

function yosan(args: string[]) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', main, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

async function withStorage<T>(work: (s: Storage, tenantId: string) => Promise<T>): Promise<T> {
  const s = await Storage.open({
    dataDir,
    databaseUrl: env.DATABASE_URL,
    controlMigrations,
    tenantMigrations,
  });
  try {
    const t = await s.control.kysely
      .selectFrom('tenants')
      .select('id')
      .where('slug', '=', 'acme')
      .executeTakeFirstOrThrow();
    return await work(s, t.id);
  } finally {
    await s.close();
  }
}

describe(`yosan backup (${usePostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('runs, lists, drills and restores, audited', { timeout: 180_000 }, async () => {
    const created = yosan([
      'tenant',
      'create',
      '--slug',
      'acme',
      '--name',
      'Acme',
      '--admin-email',
      'a@example.com',
      '--start',
      '2026-01-01',
      '--end',
      '2027-12-31',
    ]);
    expect(created.code, created.stderr).toBe(0);
    const run = yosan(['backup', 'run', '--tenant', 'acme', '--kind', 'daily']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('All backups were made and verified.');
    yosan(['backup', 'run', '--tenant', 'acme', '--kind', 'weekly']);
    yosan(['backup', 'run', '--tenant', 'acme', '--kind', 'replica']);
    const list = JSON.parse(yosan(['backup', 'list', '--tenant', 'acme', '--json']).stdout) as {
      kind: string;
      generation: string;
      location: string;
    }[];
    const daily = list.find((g) => g.kind === 'daily')!;
    expect(list.find((g) => g.kind === 'weekly')?.location).toBe('secondary');
    const drill = yosan(['backup', 'drill', '--tenant', 'acme']);
    expect(drill.code, drill.stdout + drill.stderr).toBe(0);
    expect(drill.stdout).toMatch(/OK {6}acme daily/);
    const actions = await withStorage(async (s) =>
      (await s.control.kysely.selectFrom('audit_log').select('action').execute()).map((r) => r.action),
    );
    expect(actions).toEqual(expect.arrayContaining(['backup.run', 'backup.drill']));

    const before = await withStorage((s, id) => auditCount(s, id));
    await withStorage((s, id) => writeMarkers(s, id, 'after-backup', 4));
    // While a server answers on the HTTPS port, a restore is refused and changes nothing.
    const listener = createServer();
    await new Promise<void>((r) => listener.listen(Number(env.YOSAN_HTTPS_PORT), '127.0.0.1', r));
    const refused = yosan(['backup', 'restore', '--tenant', 'acme', '--from', daily.generation]);
    await new Promise((r) => listener.close(r));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('stop Yosan before a restore');
    expect(await withStorage((s, id) => auditCount(s, id))).toBe(before + 4);
    const restore = yosan(['backup', 'restore', '--tenant', 'acme', '--from', daily.generation]);
    expect(restore.code, restore.stderr).toBe(0);
    // The restored database has the rows of the generation, plus the restore's own audit entry.
    expect(await withStorage((s, id) => auditCount(s, id))).toBe(before + 1);
    const kinds = (
      JSON.parse(yosan(['backup', 'list', '--tenant', 'acme', '--json']).stdout) as { kind: string }[]
    ).map((g) => g.kind);
    expect(kinds).toContain('pre-restore');
    expect(yosan(['audit', 'verify', '--tenant', 'acme']).stdout).toContain('acme');
  });

  it('refuses an unknown generation clearly and changes nothing', () => {
    const r = yosan(['backup', 'restore', '--tenant', 'acme', '--from', 'nope']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/no backup generation "nope"/);
  });
});
