import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../test/support/flows.js';
import { LogCapture } from '../../../test/support/log-capture.js';
import { createTestDatabase, usePostgres } from '../../../test/support/postgres.js';
import { controlMigrations, tenantMigrations } from '../../migrations/index.js';
import { newTenantId } from '../crypto/tokens.js';
import { Storage, type StorageOptions } from '../db/storage.js';
import type { JobTable } from '../db/types.js';
import { inTransaction } from '../db/unit-of-work.js';
import { createLogger } from '../logging/logger.js';
import { enqueue, enqueueFromTenant, relayOutbox, type JobSpec } from './queue.js';
import { JobWorker, type WorkerOptions } from './worker.js';

let dir: string;
let options: StorageOptions;
let storage: Storage;
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'yosan-jobs-'));
  let databaseUrl: string | undefined;
  if (usePostgres()) ({ url: databaseUrl, drop } = await createTestDatabase());
  options = { dataDir: dir, databaseUrl, controlMigrations, tenantMigrations };
  storage = await Storage.open(options);
  await storage.migrateControl();
});
afterAll(async () => {
  await storage.close();
  await drop?.();
  rmSync(dir, { recursive: true, force: true });
});

const purge: JobSpec<'maintenance.purge'> = { type: 'maintenance.purge', payload: {} };

/** A worker whose purge handler records the job ids it ran and runs `behaviour`. */
function testWorker(
  s: Storage,
  behaviour: (job: JobTable) => Promise<void> = async () => undefined,
  extra: Partial<WorkerOptions> = {},
) {
  const ran: string[] = [];
  const logs = new LogCapture();
  const worker = new JobWorker({
    control: s.control.kysely,
    logger: createLogger({ level: 'info', timeZone: 'Asia/Tokyo', destination: logs }),
    handlers: {
      'maintenance.purge': async (_payload, job) => {
        ran.push(job.id);
        await behaviour(job);
      },
      'mail.send': () => Promise.reject(new Error('no mail in this test')),
      'auth.password_reset': () => Promise.reject(new Error('no password resets in this test')),
      'audit.checkpoint': () => Promise.reject(new Error('no checkpoints in this test')),
      'contracts.daily': () => Promise.reject(new Error('no contracts in this test')),
      'export.build': () => Promise.reject(new Error('no exports in this test')),
      'ops.notify': () => Promise.reject(new Error('no operations mail in this test')),
      'backup.run': () => Promise.reject(new Error('no backups in this test')),
      'backup.drill': () => Promise.reject(new Error('no drills in this test')),
    },
    pollMs: 50,
    ...extra,
  });
  return { worker, ran, logs };
}

const job = (id: string) =>
  storage.control.kysely.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();

/** A clock that tests move forward by hand. */
function manualClock(start = new Date(Date.now() + 1000)) {
  let now = start;
  return { clock: () => now, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe('enqueue', () => {
  it('commits the job with the transaction, and a running worker is woken to run it', async () => {
    const { worker, ran } = testWorker(storage);
    worker.start();
    try {
      const id = await inTransaction(storage.control, (tx) => enqueue(tx, purge));
      await eventually(async () => (await job(id))?.status === 'done');
      expect(ran).toEqual([id]);
      expect(await job(id)).toMatchObject({ attempts: 1, last_error: null, locked_until: null });
    } finally {
      await worker.stop();
    }
  });

  it('writes no job when the transaction rolls back, so the handler never runs', async () => {
    const { worker, ran } = testWorker(storage);
    worker.start();
    try {
      let id = '';
      await expect(
        inTransaction(storage.control, async (tx) => {
          id = await enqueue(tx, purge);
          throw new Error('change failed');
        }),
      ).rejects.toThrow('change failed');
      expect(id).not.toBe('');
      expect(await job(id)).toBeUndefined();
      await worker.drain();
      expect(ran).toEqual([]);
    } finally {
      await worker.stop();
    }
  });
});

describe('JobWorker', () => {
  it('retries a failing job with backoff until it succeeds', async () => {
    const time = manualClock();
    const backoffs: number[] = [];
    let failures = 2;
    const { worker, ran, logs } = testWorker(
      storage,
      async () => {
        if (failures-- > 0) throw new Error(`temporary failure ${2 - failures}`);
      },
      { clock: time.clock, backoffMs: (attempt) => (backoffs.push(attempt), 10) },
    );
    const id = await inTransaction(storage.control, (tx) => enqueue(tx, purge));

    await worker.drain();
    const afterFirst = await job(id);
    expect(afterFirst).toMatchObject({ status: 'pending', attempts: 1, last_error: 'temporary failure 1' });
    expect(afterFirst?.run_at).toBe(new Date(time.clock().getTime() + 10).toISOString());
    // Not due yet: another pass does nothing.
    await worker.drain();
    expect(ran).toHaveLength(1);

    time.advance(10);
    await worker.drain();
    expect(await job(id)).toMatchObject({
      status: 'pending',
      attempts: 2,
      last_error: 'temporary failure 2',
    });
    time.advance(10);
    await worker.drain();
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 3, last_error: null });
    expect(ran).toEqual([id, id, id]);
    expect(backoffs).toEqual([1, 2]);
    expect(logs.text).toContain('temporary failure 1');
  });

  it('marks a job failed with the last error after max_attempts', async () => {
    const time = manualClock();
    const { worker, ran } = testWorker(storage, () => Promise.reject(new Error('always broken')), {
      clock: time.clock,
      backoffMs: () => 10,
    });
    const id = await inTransaction(storage.control, (tx) => enqueue(tx, { ...purge, maxAttempts: 3 }));
    for (let i = 0; i < 5; i++) {
      await worker.drain();
      time.advance(10);
    }
    expect(ran).toEqual([id, id, id]);
    expect(await job(id)).toMatchObject({
      status: 'failed',
      attempts: 3,
      max_attempts: 3,
      last_error: 'always broken',
      locked_until: null,
    });
  });

  it('runs a job enqueued while no worker ran, after a restart on a reopened Storage', async () => {
    const a = await Storage.open(options);
    const workerA = testWorker(a);
    workerA.worker.start();
    await workerA.worker.stop();
    const id = await inTransaction(a.control, (tx) => enqueue(tx, purge));
    await a.close();
    expect(workerA.ran).toEqual([]);

    const b = await Storage.open(options);
    const workerB = testWorker(b);
    workerB.worker.start();
    try {
      await eventually(async () => (await job(id))?.status === 'done');
      expect(workerB.ran).toEqual([id]);
    } finally {
      await workerB.worker.stop();
      await b.close();
    }
  });

  it('picks up a running job whose lock expired (a crashed worker), but not a live one', async () => {
    const time = manualClock();
    const { worker, ran } = testWorker(storage, async () => undefined, { clock: time.clock });
    const [crashed, live] = await inTransaction(storage.control, async (tx) => [
      await enqueue(tx, purge),
      await enqueue(tx, purge),
    ]);
    const past = new Date(time.clock().getTime() - 1000).toISOString();
    const future = new Date(time.clock().getTime() + 60_000).toISOString();
    const running = (id: string, lockedUntil: string) =>
      storage.control.kysely
        .updateTable('jobs')
        .set({ status: 'running', attempts: 1, locked_until: lockedUntil })
        .where('id', '=', id)
        .execute();
    await running(crashed, past);
    await running(live, future);

    await worker.drain();
    expect(ran).toEqual([crashed]);
    expect(await job(crashed)).toMatchObject({ status: 'done', attempts: 2 });
    expect(await job(live)).toMatchObject({ status: 'running', attempts: 1 });

    time.advance(61_000);
    await worker.drain();
    expect(ran).toEqual([crashed, live]);
    expect(await job(live)).toMatchObject({ status: 'done', attempts: 2 });
  });
  it('fails, without running it again, a crashed job whose last attempt was already used', async () => {
    const time = manualClock();
    const { worker, ran } = testWorker(storage, async () => undefined, { clock: time.clock });
    const id = await inTransaction(storage.control, (tx) => enqueue(tx, { ...purge, maxAttempts: 2 }));
    await storage.control.kysely
      .updateTable('jobs')
      .set({
        status: 'running',
        attempts: 2,
        locked_until: new Date(time.clock().getTime() - 1).toISOString(),
      })
      .where('id', '=', id)
      .execute();
    await worker.drain();
    expect(ran).toEqual([]);
    expect(await job(id)).toMatchObject({ status: 'failed', attempts: 2, locked_until: null });
    expect((await job(id))?.last_error).toMatch(/interrupted/i);
  });
});

describe('tenant outbox relay', () => {
  const jobsWithId = async (id: string) =>
    (await storage.control.kysely.selectFrom('jobs').select('id').where('id', '=', id).execute()).length;

  async function newTenant() {
    const tenantId = newTenantId();
    const db = await storage.createTenantDatabase(tenantId);
    const outbox = () => db.kysely.selectFrom('outbox').selectAll().execute();
    const relay = () => relayOutbox(storage.control.kysely, db.kysely);
    return { tenantId, db, outbox, relay };
  }

  it('moves a committed job to the control queue exactly once', async () => {
    const t = await newTenant();
    let relayed = 0;
    const id = await inTransaction(t.db, (tx) =>
      enqueueFromTenant(tx, t.tenantId, purge, async () => {
        relayed += await t.relay();
      }),
    );
    expect(relayed).toBe(1);
    expect(await t.outbox()).toEqual([]);
    expect(await job(id)).toMatchObject({
      tenant_id: t.tenantId,
      status: 'pending',
      type: 'maintenance.purge',
    });
    expect(await t.relay()).toBe(0);
    expect(await jobsWithId(id)).toBe(1);
    const { worker, ran } = testWorker(storage);
    await worker.drain();
    expect(ran).toEqual([id]);
  });

  it('writes nothing to the outbox when the tenant transaction rolls back', async () => {
    const t = await newTenant();
    let relayCalled = false;
    let id = '';
    await expect(
      inTransaction(t.db, async (tx) => {
        id = await enqueueFromTenant(tx, t.tenantId, purge, async () => {
          relayCalled = true;
        });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    expect(relayCalled).toBe(false);
    expect(await t.outbox()).toEqual([]);
    expect(await job(id)).toBeUndefined();
  });

  it('repairs a crash between the control insert and the outbox delete without duplicating', async () => {
    const t = await newTenant();
    // The process died after commit, before relaying.
    const id = await inTransaction(t.db, (tx) =>
      enqueueFromTenant(tx, t.tenantId, purge, async () => undefined),
    );
    const [row] = await t.outbox();
    expect(row?.id).toBe(id);
    // ...and a relay got as far as the control insert.
    await storage.control.kysely
      .insertInto('jobs')
      .values(JSON.parse(row!.payload) as JobTable)
      .execute();
    expect(await t.relay()).toBe(1);
    expect(await t.relay()).toBe(0);
    expect(await t.outbox()).toEqual([]);
    expect(await jobsWithId(id)).toBe(1);
  });
});
