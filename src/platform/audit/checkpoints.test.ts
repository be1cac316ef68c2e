import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, usePostgres } from '../../../test/support/postgres.js';
import { controlMigrations, tenantMigrations } from '../../migrations/index.js';
import type { Database } from '../db/database.js';
import { Storage } from '../db/storage.js';
import type { AuditTables, TenantDB } from '../db/types.js';
import { inTransaction } from '../db/unit-of-work.js';
import { appendAudit, type Actor } from './audit-log.js';
import { CONTROL_SCOPE, verifyScope, writeAllCheckpoints, writeCheckpoint } from './checkpoints.js';
import { checkpointDb } from './evidence-tables.js';
import { signingKey } from './signing.js';

let dir: string;
let storage: Storage;
let drop: (() => Promise<void>) | undefined;
const actor: Actor = { type: 'user', id: 'u1', name: 'Sato', ip: '127.0.0.1', userAgent: 'vitest' };

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'yosan-cp-'));
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

const key = () => signingKey(dir);
const audit = (db: Database<TenantDB>) => db.kysely as unknown as Kysely<AuditTables>;
const control = () => checkpointDb(storage.control.kysely);

async function tenantWith(n: number): Promise<{ id: string; db: Database<TenantDB> }> {
  const id = randomBytes(16).toString('hex');
  const db = await storage.createTenantDatabase(id);
  await inTransaction(db, async (tx) => {
    for (let i = 1; i <= n; i++) {
      await appendAudit(tx, actor, { kind: 'operation', action: `thing.change${i}`, summary: { i } });
    }
  });
  return { id, db };
}

/** What an attacker with file or superuser access does first: switch the guards off. */
async function disableGuards<DB>(db: Database<DB>, table: string, triggers: string[]): Promise<void> {
  if (db.dialect === 'postgres')
    await sql.raw(`alter table ${table} disable trigger user`).execute(db.kysely);
  else for (const t of triggers) await sql.raw(`drop trigger ${t}`).execute(db.kysely);
}
const unguardAudit = (db: Database<TenantDB>) =>
  disableGuards(db, 'audit_log', ['audit_log_no_update', 'audit_log_no_delete']);
const unguardCheckpoints = () =>
  disableGuards(storage.control, 'audit_checkpoints', [
    'audit_checkpoints_no_update',
    'audit_checkpoints_no_delete',
  ]);

describe('signed checkpoints', () => {
  it('makes the Ed25519 key once, private key mode 0600', () => {
    const k = key();
    expect(k.keyId).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(path.join(dir, 'keys', 'audit-ed25519.key')).mode & 0o777).toBe(0o600);
    expect(signingKey(dir).keyId).toBe(k.keyId);
  });

  it('records one checkpoint per moved head (control and tenants) and verifies clean chains', async () => {
    const t = await tenantWith(5);
    await storage.control.kysely
      .insertInto('tenants')
      .values({
        id: t.id,
        slug: `cp${t.id.slice(0, 6)}`,
        display_name: 'CP',
        status: 'active',
        contract_start: '2026-04-01',
        contract_end: '2027-03-31',
        region: 'JP',
        time_zone: 'Asia/Tokyo',
        first_admin_email: 'a@b.example',
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })
      .execute();
    await inTransaction(storage.control, (tx) =>
      appendAudit(tx, actor, { kind: 'operation', action: 'control.thing' }),
    );
    expect(await writeAllCheckpoints(storage, key(), new Date())).toBeGreaterThanOrEqual(2);
    expect(await writeAllCheckpoints(storage, key(), new Date())).toBe(0);
    const v = await verifyScope(storage.control.kysely, t.id, t.db.kysely, key());
    expect(v).toMatchObject({ ok: true, entries: 5, headSeq: 5, checkpointsChecked: 1 });
    const c = await verifyScope(storage.control.kysely, CONTROL_SCOPE, storage.control.kysely, key());
    expect(c.ok).toBe(true);
  });

  it('detects a changed byte in an entry and names it', async () => {
    const t = await tenantWith(6);
    await writeCheckpoint(storage.control.kysely, t.id, t.db.kysely, key(), new Date());
    await unguardAudit(t.db);
    await audit(t.db)
      .updateTable('audit_log')
      .set({ action: 'thing.chanGe3' })
      .where('seq', '=', 3)
      .execute();
    const v = await verifyScope(storage.control.kysely, t.id, t.db.kysely, key());
    expect(v).toMatchObject({ ok: false, firstFailure: { seq: 3, problem: 'hash_mismatch' } });
  });

  it('detects a checkpoint whose hash or signature was changed', async () => {
    const t = await tenantWith(4);
    const cp = (await writeCheckpoint(storage.control.kysely, t.id, t.db.kysely, key(), new Date()))!;
    await unguardCheckpoints();
    await control()
      .updateTable('audit_checkpoints')
      .set({ hash: 'f'.repeat(64) })
      .where('id', '=', cp.id)
      .execute();
    expect(await verifyScope(storage.control.kysely, t.id, t.db.kysely, key())).toMatchObject({
      ok: false,
      firstFailure: { seq: 4, problem: 'checkpoint_signature_invalid', checkpointId: cp.id },
    });
    const flipped = Buffer.from(cp.signature, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    await control()
      .updateTable('audit_checkpoints')
      .set({ hash: cp.hash, signature: flipped.toString('base64') })
      .where('id', '=', cp.id)
      .execute();
    expect(await verifyScope(storage.control.kysely, t.id, t.db.kysely, key())).toMatchObject({
      ok: false,
      firstFailure: { problem: 'checkpoint_signature_invalid', checkpointId: cp.id },
    });
  });

  it('detects a truncated tail with a fixed-up head, which the chain alone cannot see', async () => {
    const t = await tenantWith(8);
    await writeCheckpoint(storage.control.kysely, t.id, t.db.kysely, key(), new Date());
    await unguardAudit(t.db);
    await audit(t.db).deleteFrom('audit_log').where('seq', '>', 5).execute();
    const fifth = await audit(t.db)
      .selectFrom('audit_log')
      .select('hash')
      .where('seq', '=', 5)
      .executeTakeFirstOrThrow();
    await audit(t.db)
      .updateTable('audit_head')
      .set({ seq: 5, hash: fifth.hash })
      .where('id', '=', 1)
      .execute();
    const v = await verifyScope(storage.control.kysely, t.id, t.db.kysely, key());
    expect(v.entries).toBe(5);
    expect(v).toMatchObject({ ok: false, firstFailure: { seq: 6, problem: 'checkpoint_entry_missing' } });
    // The attacker appends new entries over the gap: the checkpointed entry no longer matches.
    await inTransaction(t.db, async (tx) => {
      for (let i = 0; i < 4; i++)
        await appendAudit(tx, actor, { kind: 'operation', action: `thing.new${i}` });
    });
    expect(await verifyScope(storage.control.kysely, t.id, t.db.kysely, key())).toMatchObject({
      ok: false,
      firstFailure: { seq: 8, problem: 'checkpoint_hash_mismatch' },
    });
  });
});
