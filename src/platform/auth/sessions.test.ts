import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, usePostgres } from '../../../test/support/postgres.js';
import { controlMigrations, tenantMigrations } from '../../migrations/index.js';
import { Storage } from '../db/storage.js';
import { purgeExpired } from '../jobs/housekeeping.js';
import { Scheduler } from '../jobs/scheduler.js';
import { consumeToken, inspectToken, issueToken } from './one-time-tokens.js';
import { createSession, touchSession } from './sessions.js';

let dir: string;
let storage: Storage;
let drop: (() => Promise<void>) | undefined;
const policy = { idleMinutes: 30, absoluteHours: 12 };
const client = { ip: '127.0.0.1', userAgent: 'test' };
const t0 = new Date('2026-11-25T00:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'yosan-sess-'));
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

describe('sessions', () => {
  it('slide with activity and end after the idle limit', async () => {
    const db = storage.control.kysely;
    const { token } = await createSession(db, 'op-1', policy, client, t0);
    expect(await touchSession(db, token, policy, at(29))).toBeDefined();
    // Activity at minute 29 moved the idle limit to minute 59.
    expect(await touchSession(db, token, policy, at(58))).toBeDefined();
    expect(await touchSession(db, token, policy, at(58 + 31))).toBeUndefined();
    // An ended session is gone, not just refused.
    expect(await touchSession(db, token, policy, at(58))).toBeUndefined();
  });

  it('end at the absolute limit however active they are', async () => {
    const db = storage.control.kysely;
    const { token } = await createSession(db, 'op-2', policy, client, t0);
    for (let m = 20; m < 12 * 60; m += 20)
      expect(await touchSession(db, token, policy, at(m)), `minute ${m}`).toBeDefined();
    expect(await touchSession(db, token, policy, at(12 * 60))).toBeUndefined();
  });

  it('store only a hash of the token', async () => {
    const db = storage.control.kysely;
    const { token } = await createSession(db, 'op-3', policy, client, t0);
    const rows = await db.selectFrom('sessions').select('id').execute();
    expect(rows.some((r) => r.id === token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.id))).toBe(true);
  });
});

describe('one-time tokens', () => {
  it('say clearly whether a token is unknown, expired or used', async () => {
    const db = storage.control.kysely;
    const { token } = await issueToken(db, 'invitation', 'op-4', 60_000, t0);
    await expect(inspectToken(db, 'invitation', 'A'.repeat(43), t0)).rejects.toMatchObject({
      code: 'TOKEN_INVALID',
    });
    await expect(inspectToken(db, 'reset', token, t0)).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    await expect(inspectToken(db, 'invitation', token, at(2))).rejects.toMatchObject({
      code: 'TOKEN_EXPIRED',
    });
    await consumeToken(db, 'invitation', token, t0);
    await expect(consumeToken(db, 'invitation', token, t0)).rejects.toMatchObject({ code: 'TOKEN_USED' });
  });
});

describe('housekeeping', () => {
  it('purges expired sessions and old tokens, and keeps live ones', async () => {
    const db = storage.control.kysely;
    await db.deleteFrom('sessions').execute();
    await createSession(db, 'old', policy, client, t0);
    const live = await createSession(db, 'new', policy, client, at(60));
    const purged = await purgeExpired(storage, at(70));
    expect(purged.sessions).toBe(1);
    expect((await db.selectFrom('sessions').select('subject_id').execute()).map((r) => r.subject_id)).toEqual(
      ['new'],
    );
    expect(await touchSession(db, live.token, policy, at(70))).toBeDefined();
    expect(purged.tokens).toBeGreaterThanOrEqual(0);
  });

  it('schedules the hourly purge in the configured zone', () => {
    const scheduler = new Scheduler(pino({ level: 'silent' }));
    scheduler.start([
      { name: 'maintenance.purge', pattern: '7 * * * *', timeZone: 'Asia/Tokyo', run: async () => undefined },
    ]);
    const [next] = scheduler.next();
    scheduler.stop();
    expect(next?.name).toBe('maintenance.purge');
    expect(next?.next?.getUTCMinutes()).toBe(7);
    expect(next!.next!.getTime()).toBeGreaterThan(Date.now());
    expect(next!.next!.getTime() - Date.now()).toBeLessThanOrEqual(3_600_000);
  });
});
