import type { Kysely } from 'kysely';
import { newId } from '../crypto/tokens.js';
import type { Tx } from '../db/unit-of-work.js';
import type { ControlDB, JobTable, TenantDB } from '../db/types.js';
import type { MailJob } from '../mail/templates.js';
import type { Actor } from '../audit/audit-log.js';

/** Every job type and its payload. Add a type here and a handler in `handlers`. */
export interface JobPayloads {
  'mail.send': MailJob;
  /**
   * "Forgot password" (issue 21 point 5): the request only enqueues this (tenant id on the job);
   * the job looks the address up, applies the hourly cap and mails (modules/identity/jobs.ts).
   */
  'auth.password_reset': { email: string; ip: string | null; userAgent: string | null };
  /** Hourly: expired sessions and tokens, old done jobs (see housekeeping.ts). */
  'maintenance.purge': Record<string, never>;
  /** Hourly: signed checkpoints of every audit chain (see audit/checkpoints.ts). */
  'audit.checkpoint': Record<string, never>;
  /** Daily (JST morning): contract reminders, terminations, deletion sweep, export expiry. */
  'contracts.daily': Record<string, never>;
  /** Builds a customer export archive (tenant id on the job). */
  'export.build': { exportId: string };
  /** Backups (modules/backups/jobs.ts): replica, or daily/weekly when due (or forced); all scopes or one. */
  'backup.run': { kinds: ('replica' | 'daily' | 'weekly')[]; scope?: string; force?: boolean };
  /** Restore drill of every scope, or one. */
  'backup.drill': { scope?: string };
  /**
   * Provider operations (issue 9): tell every affected tenant of an incident step or a maintenance
   * window — its operation-log entry and its org admins' mails, once per tenant (see modules/incidents/fanout.ts).
   */
  'ops.notify': OpsNotifyJob;
}

export interface OpsNotifyJob {
  subject: 'incident' | 'maintenance';
  /** Incident or maintenance-window id. */
  id: string;
  /** The incident update this is about (updates and the resolution). */
  updateId?: string;
  action: 'incident.declare' | 'incident.update' | 'incident.resolve' | 'maintenance.schedule';
  actor: Actor;
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

/**
 * Enqueues many jobs caused by one tenant change (e.g. the invitations of a CSV
 * registration) with multi-row inserts into the tenant's `outbox`; same guarantees
 * as `enqueueFromTenant`. Returns the job ids in order.
 */
export async function enqueueManyFromTenant<T extends JobType>(
  tx: Tx<TenantDB>,
  tenantId: string,
  specs: readonly JobSpec<T>[],
  relay: (tenantId: string) => Promise<void>,
): Promise<string[]> {
  if (specs.length === 0) return [];
  const now = new Date();
  const jobs = specs.map((spec) => row({ ...spec, tenantId }, now));
  for (let i = 0; i < jobs.length; i += RELAY_CHUNK) {
    await tx.db
      .insertInto('outbox')
      .values(
        jobs.slice(i, i + RELAY_CHUNK).map((job) => ({
          id: job.id,
          type: job.type,
          payload: JSON.stringify(job),
          created_at: job.created_at,
        })),
      )
      .execute();
  }
  tx.afterCommit(() => relay(tenantId));
  return jobs.map((j) => j.id);
}

/** Outbox rows moved per step: one multi-row insert into `jobs`, then one delete. */
const RELAY_CHUNK = 500;

/**
 * Moves a tenant's outbox rows into the control job queue (idempotent: a job
 * already in the queue is skipped, so a crash between insert and delete is harmless).
 */
export async function relayOutbox(control: Kysely<ControlDB>, tenant: Kysely<TenantDB>): Promise<number> {
  const rows = await tenant.selectFrom('outbox').selectAll().orderBy('created_at').execute();
  if (rows.length === 0) return 0;
  for (let i = 0; i < rows.length; i += RELAY_CHUNK) {
    const chunk = rows.slice(i, i + RELAY_CHUNK);
    await control
      .insertInto('jobs')
      .values(chunk.map((r) => JSON.parse(r.payload) as JobTable))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await tenant
      .deleteFrom('outbox')
      .where(
        'id',
        'in',
        chunk.map((r) => r.id),
      )
      .execute();
  }
  wake();
  return rows.length;
}
