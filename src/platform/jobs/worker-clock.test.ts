import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, usePostgres } from '../../../test/support/postgres.js';
import { controlMigrations, tenantMigrations } from '../../migrations/index.js';
import { Storage } from '../db/storage.js';
import { inTransaction } from '../db/unit-of-work.js';
import { enqueue } from './queue.js';
import { JobWorker, type JobHandlers } from './worker.js';

let dir: string;
let storage: Storage;
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'yosan-jobclock-'));
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

describe('job worker with an injected clock', () => {
  it('runs a job enqueued to run at once even when its clock is behind the wall clock', async () => {
    const ran: string[] = [];
    const worker = new JobWorker({
      control: storage.control.kysely,
      logger: pino({ level: 'silent' }),
      handlers: {
        'maintenance.purge': async (_p: unknown, job: { id: string }) => void ran.push(job.id),
      } as unknown as JobHandlers,
      clock: () => new Date('2020-01-01T00:00:00Z'),
    });
    const now = await inTransaction(storage.control, (tx) =>
      enqueue(tx, { type: 'maintenance.purge', payload: {} }),
    );
    const later = await inTransaction(storage.control, (tx) =>
      enqueue(tx, { type: 'maintenance.purge', payload: {}, runAt: new Date(Date.now() + 3_600_000) }),
    );
    await worker.drain();
    expect(ran).toEqual([now]);
    const row = await storage.control.kysely
      .selectFrom('jobs')
      .select('status')
      .where('id', '=', later)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
  });
});
