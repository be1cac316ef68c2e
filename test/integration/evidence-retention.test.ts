import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAllCheckpoints } from '../../src/platform/audit/checkpoints.js';
import { evidenceDb } from '../../src/platform/audit/evidence-tables.js';
import { signingKey } from '../../src/platform/audit/signing.js';
import type { AnyDb } from '../../src/platform/db/database.js';
import { purgeExpired } from '../../src/platform/jobs/housekeeping.js';
import { logTenantAdmin } from '../support/evidence.js';
import { setUpOperator } from '../support/flows.js';
import type { HttpsClient } from '../support/https-client.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** Logs are kept for the whole contract: nothing in Yosan edits or deletes them. */
let ts: TestServer;
let admin: HttpsClient;
let tenantId: string;
const LOG_TABLES = ['audit_log', 'access_log', 'error_log'] as const;

beforeAll(async () => {
  ts = await startTestServer();
  const op = await setUpOperator(ts);
  ({ admin, tenantId } = await logTenantAdmin(ts, op, 'keep'));
  await admin.get('/t/keep/api/admin/logs/operations');
  await admin.get('/t/keep/api/admin/logs/operations?from=2026-02-02&to=2026-02-01');
  await ts.server.app.accessLog.flush();
});
afterAll(async () => {
  await ts?.stop();
});

const tenantDb = () => ts.server.runtime.deps.storage.tenant(tenantId);
async function counts(db: AnyDb): Promise<number[]> {
  const k = evidenceDb(db);
  return Promise.all(
    LOG_TABLES.map(async (t) =>
      Number(
        (
          await k
            .selectFrom(t)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ),
  );
}

describe('retention', () => {
  it('has no route that changes or removes a log (walks the server’s own route table)', () => {
    const logRoutes = ts.server.app.routeTable.filter((r) => r.url.includes('/logs'));
    expect(logRoutes.length).toBeGreaterThanOrEqual(9);
    for (const r of logRoutes) {
      expect(['GET', 'POST'], `${r.method} ${r.url}`).toContain(r.method);
      expect(r.auth, `${r.method} ${r.url}`).toBe('tenant-admin');
    }
    expect(logRoutes.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual([
      '/t/:slug/api/admin/logs/verify',
    ]);
    const mutating = ts.server.app.routeTable.filter(
      (r) => ['DELETE', 'PUT', 'PATCH'].includes(r.method) && /log|audit|checkpoint/.test(r.url),
    );
    expect(mutating).toEqual([]);
  });

  it('the housekeeping purge leaves every log table untouched', async () => {
    const control = ts.server.runtime.deps.storage.control.kysely;
    const before = await counts(tenantDb().kysely);
    expect(before.every((n) => n > 0)).toBe(true);
    const controlBefore = await control.selectFrom('audit_log').select('seq').execute();
    const far = new Date(Date.now() + 100 * 365 * 24 * 3_600_000);
    await purgeExpired(ts.server.runtime.deps.storage, far);
    expect(await counts(tenantDb().kysely)).toEqual(before);
    expect(await control.selectFrom('audit_log').select('seq').execute()).toEqual(controlBefore);
  });

  it('the database refuses UPDATE and DELETE on audit_log, access_log and error_log (and checkpoints)', async () => {
    const k = tenantDb().kysely as unknown as Kysely<Record<string, { seq: number; at: string }>>;
    for (const table of LOG_TABLES) {
      await expect(k.updateTable(table).set({ at: 'x' }).execute(), table).rejects.toThrow(/append-only/);
      await expect(k.deleteFrom(table).execute(), table).rejects.toThrow(/append-only/);
      if (tenantDb().dialect === 'postgres') {
        await expect(sql.raw(`truncate ${table}`).execute(k), table).rejects.toThrow(/append-only/);
      }
    }
    const { storage } = ts.server.runtime.deps;
    expect(await writeAllCheckpoints(storage, signingKey(ts.dataDir), new Date())).toBeGreaterThan(0);
    const c = ts.server.runtime.deps.storage.control.kysely as unknown as Kysely<
      Record<string, { seq: number }>
    >;
    await expect(c.deleteFrom('audit_checkpoints').execute()).rejects.toThrow(/append-only/);
  });
});

describe('yosan audit verify', () => {
  const run = (...args: string[]) =>
    spawnSync(
      process.execPath,
      ['--import', 'tsx', path.resolve('src/cli/main.ts'), 'audit', 'verify', ...args],
      {
        env: {
          ...process.env,
          YOSAN_DATA_DIR: ts.dataDir,
          YOSAN_LOG_LEVEL: 'error',
          ...(ts.config.databaseUrl ? { DATABASE_URL: ts.config.databaseUrl } : {}),
        },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );

  it('exits 0 with a readable summary when all is intact, and 1 naming the first bad entry after tampering', async () => {
    const ok = run();
    expect(ok.stdout, ok.stderr).toMatch(/All \d+ audit chains are intact/);
    expect(ok.status).toBe(0);
    const db = tenantDb();
    if (db.dialect === 'postgres') await sql`alter table audit_log disable trigger user`.execute(db.kysely);
    else {
      await sql`drop trigger audit_log_no_update`.execute(db.kysely);
    }
    await sql`update audit_log set actor_name = 'Someone Else' where seq = 2`.execute(db.kysely);
    const bad = run('--tenant', 'keep');
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/FAILED\s+tenant keep: .*first failing entry seq 2 .*hash_mismatch/);
  });
});
