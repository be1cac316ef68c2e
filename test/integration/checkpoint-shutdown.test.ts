import { rmSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { controlMigrations, tenantMigrations } from '../../src/migrations/index.js';
import { Storage } from '../../src/platform/db/storage.js';
import { setUpOperator, tenantBody } from '../support/flows.js';
import { dropTestDatabase } from '../support/postgres.js';
import { startTestServer, type TestServer } from '../support/server.js';

let ts: TestServer | undefined;
afterAll(async () => {
  if (ts?.config.databaseUrl) await dropTestDatabase(ts.config.databaseUrl);
  if (ts) rmSync(ts.dataDir, { recursive: true, force: true });
});

describe('audit checkpoints at shutdown', () => {
  it('signs a checkpoint of every chain, at its head, when the server stops', async () => {
    ts = await startTestServer({ keep: true });
    const op = await setUpOperator(ts);
    const created = await op.post<{ tenant: { id: string } }>(
      '/api/operator/tenants',
      tenantBody('shutdownco'),
    );
    const tenantId = created.json.tenant.id;
    await ts.stop();

    const storage = await Storage.open({
      dataDir: ts.dataDir,
      databaseUrl: ts.config.databaseUrl,
      controlMigrations,
      tenantMigrations,
    });
    try {
      const db = storage.control.kysely as unknown as Kysely<{
        audit_checkpoints: { scope: string; seq: number; hash: string; signature: string };
      }>;
      const checkpoints = await db.selectFrom('audit_checkpoints').selectAll().execute();
      const tenantHead = await storage
        .tenant(tenantId)
        .kysely.selectFrom('audit_head')
        .select(['seq', 'hash'])
        .executeTakeFirstOrThrow();
      const controlHead = await storage.control.kysely
        .selectFrom('audit_head')
        .select(['seq', 'hash'])
        .executeTakeFirstOrThrow();
      const forTenant = checkpoints.filter((c) => c.scope.includes(tenantId));
      expect(forTenant.map((c) => [Number(c.seq), c.hash])).toContainEqual([
        Number(tenantHead.seq),
        tenantHead.hash,
      ]);
      expect(checkpoints.map((c) => [Number(c.seq), c.hash])).toContainEqual([
        Number(controlHead.seq),
        controlHead.hash,
      ]);
      for (const c of checkpoints) expect(c.signature.length).toBeGreaterThan(40);
    } finally {
      await storage.close();
    }
  });
});
