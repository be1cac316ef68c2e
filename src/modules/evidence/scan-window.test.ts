import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, usePostgres } from '../../../test/support/postgres.js';
import { controlMigrations, tenantMigrations } from '../../migrations/index.js';
import { appendAudit, SYSTEM_ACTOR } from '../../platform/audit/audit-log.js';
import { newTenantId } from '../../platform/crypto/tokens.js';
import type { Database } from '../../platform/db/database.js';
import { Storage } from '../../platform/db/storage.js';
import type { TenantDB } from '../../platform/db/types.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import { allOf, pageOf, type PageResult } from './repository.js';
import { auditFilter } from './service.js';

let dir: string;
let storage: Storage;
let db: Database<TenantDB>;
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'yosan-scan-'));
  let databaseUrl: string | undefined;
  if (usePostgres()) ({ url: databaseUrl, drop } = await createTestDatabase());
  storage = await Storage.open({ dataDir: dir, databaseUrl, controlMigrations, tenantMigrations });
  await storage.migrateControl();
  db = await storage.createTenantDatabase(newTenantId());
  // 100 operations; only entry 7 has the rare target name.
  await inTransaction(db, async (tx) => {
    for (let i = 1; i <= 100; i++) {
      await appendAudit(tx, SYSTEM_ACTOR, {
        kind: 'operation',
        action: 'thing.change',
        target: { type: 'budget', id: `b-${i}`, label: i === 7 ? '希少な予算 rare' : `予算 ${i}` },
      });
    }
  });
});
afterAll(async () => {
  await storage.close();
  await drop?.();
  rmSync(dir, { recursive: true, force: true });
});

describe('free-text log search', () => {
  const filter = () => auditFilter('operation', { target: '希少' }, 'Asia/Tokyo');

  it('scans at most one window per page and says where to continue', async () => {
    const first = await pageOf(db.kysely, 'operations', filter(), undefined, 50, 10);
    expect(first.rows).toEqual([]);
    expect(first.continueBelow).toBe(91);
    let cursor: number | undefined = first.continueBelow!;
    const found: number[] = [];
    for (let pages = 0; cursor !== undefined && pages < 20; pages++) {
      const p: PageResult<'operations'> = await pageOf(db.kysely, 'operations', filter(), cursor, 50, 10);
      found.push(...p.rows.map((r) => r.seq));
      cursor = p.continueBelow ?? undefined;
    }
    expect(found).toEqual([7]);
  });

  it('needs no window for indexed filters, and exports every match across windows', async () => {
    const indexed = await pageOf(
      db.kysely,
      'operations',
      auditFilter('operation', { targetType: 'budget', targetId: 'b-7' }, 'Asia/Tokyo'),
      undefined,
      50,
      10,
    );
    expect(indexed.rows.map((r) => r.seq)).toEqual([7]);
    expect(indexed.continueBelow).toBeNull();
    const exported: number[] = [];
    for await (const rows of allOf(db.kysely, 'operations', filter(), 5, 10))
      exported.push(...rows.map((r) => r.seq));
    expect(exported).toEqual([7]);
  });
});
