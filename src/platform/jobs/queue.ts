import type { Kysely } from 'kysely';
import { newId } from '../crypto/tokens.js';
import type { Tx } from '../db/unit-of-work.js';
import type { ControlDB, JobTable, TenantDB } from '../db/types.js';
import type { MailJob } from '../mail/templates.js';

/** Every job type and its payload. Add a type here and a handler in `handlers`. */
export interface JobPayloads {
  'mail.send': MailJob;
  /** Hourly: expired sessions and tokens, old done jobs (see housekeeping.ts). */
  'maintenance.purge': Record<string, never>;
}
export type JobType = keyof JobPayloads;

export interface JobSpec<T extends JobType = JobType> {
  type: T;
  payload: JobPayloads[T];
  tenantId?: string | null;
  maxAttempts?: number;
  runAt?: Date;
}

export const DEFAULT_MAX_ATTEMPTS = 8;

/** Listeners woken after a commit that enqueued work (the worker registers one). */
const wakers = new Set<() => void>();
export function onJobsEnqueued(fn: () => void): () => void {
  wakers.add(fn);
  return () => wakers.delete(fn);
}
function wake(): void {
  for (const w of wakers) w();
}

function row(spec: JobSpec, now: Date, id = newId()): JobTable {
  return {
    id,
    type: spec.type,
    payload: JSON.stringify(spec.payload),
    tenant_id: spec.tenantId ?? null,
    status: 'pending',
    attempts: 0,
    max_attempts: spec.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    run_at: (spec.runAt ?? now).toISOString(),
    locked_until: null,
    last_error: null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
}

/** Enqueues a job in the control database, in the caller's transaction. */
export async function enqueue<T extends JobType>(tx: Tx<ControlDB>, spec: JobSpec<T>): Promise<string> {
  const job = row(spec, new Date());
  await tx.db.insertInto('jobs').values(job).execute();
  tx.afterCommit(wake);
  return job.id;
}

/**
 * Enqueues a job caused by a change in a tenant database. The job is written to
 * that tenant's `outbox` in the same transaction (so it exists exactly when the
 * change does) and relayed to the control queue after commit; a crash between
 * the two is repaired by `relayOutbox` at start.
 */
export async function enqueueFromTenant<T extends JobType>(
  tx: Tx<TenantDB>,
  tenantId: string,
  spec: JobSpec<T>,
  relay: (tenantId: string) => Promise<void>,
): Promise<string> {
  const job = row({ ...spec, tenantId }, new Date());
  await tx.db
    .insertInto('outbox')
    .values({ id: job.id, type: job.type, payload: JSON.stringify(job), created_at: job.created_at })
    .execute();
  tx.afterCommit(() => relay(tenantId));
  return job.id;
}

/** Moves a tenant's outbox rows into the control job queue (idempotent). */
export async function relayOutbox(control: Kysely<ControlDB>, tenant: Kysely<TenantDB>): Promise<number> {
  const rows = await tenant.selectFrom('outbox').selectAll().orderBy('created_at').execute();
  if (rows.length === 0) return 0;
  for (const r of rows) {
    const job = JSON.parse(r.payload) as JobTable;
    await control
      .insertInto('jobs')
      .values(job)
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await tenant.deleteFrom('outbox').where('id', '=', r.id).execute();
  }
  wake();
  return rows.length;
}
