import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, usePostgres } from '../../../test/support/postgres.js';
import { controlMigrations, tenantMigrations } from '../../migrations/index.js';
import { Storage } from '../db/storage.js';
import { inTransaction } from '../db/unit-of-work.js';
import { appendAuditMany } from './append-many.js';
import { appendAudit, verifyAuditChain, type Actor } from './audit-log.js';

let dir: string;
let storage: Storage;
let drop: (() => Promise<void>) | undefined;
const actor: Actor = { type: 'user', id: 'u-1', name: '山田 太郎', ip: '127.0.0.1', userAgent: 'vitest' };

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'yosan-audit-many-'));
  let databaseUrl: string | undefined;
  if (usePostgres()) ({ url: databaseUrl, drop } = await createTestDatabase());
  storage = await Storage.open({ dataDir: dir, databaseUrl, controlMigrations, tenantMigrations });
  await storage.migrateControl();
});
afterAll(async () => {
  await storage.close();
  await drop?.();
  rmSync(dir, { recursive: true, force: true });
});

const entry = (i: number) => ({
  kind: 'operation' as const,
  action: 'user.invite',
  target: { type: 'user', id: `u${i}`, label: `u${i}@example.jp` },
  summary: { i },
});

describe('appendAuditMany', () => {
  it('extends the chain exactly as appendAudit would, between single appends', async () => {
    const db = await storage.createTenantDatabase(randomBytes(16).toString('hex'));
    await inTransaction(db, (tx) => appendAudit(tx, actor, entry(0)));
    const many = await inTransaction(db, (tx) =>
      appendAuditMany(
        tx,
        actor,
        Array.from({ length: 1001 }, (_, i) => entry(i + 1)),
      ),
    );
    expect(many.map((e) => e.seq)).toEqual(Array.from({ length: 1001 }, (_, i) => i + 2));
    await inTransaction(db, (tx) => appendAudit(tx, actor, entry(1002)));
    expect(await verifyAuditChain(db.kysely)).toMatchObject({ ok: true, entries: 1003, headSeq: 1003 });
  });

  it('leaves nothing behind when the transaction rolls back', async () => {
    const db = await storage.createTenantDatabase(randomBytes(16).toString('hex'));
    await expect(
      inTransaction(db, async (tx) => {
        await appendAuditMany(tx, actor, [entry(1), entry(2)]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await verifyAuditChain(db.kysely)).toMatchObject({ ok: true, entries: 0, headSeq: 0 });
  });
});
