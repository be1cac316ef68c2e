import { purgeOldTokens } from '../auth/one-time-tokens.js';
import { purgeExpiredSessions } from '../auth/sessions.js';
import type { Storage } from '../db/storage.js';

/** Days a finished (done) job is kept for the operator's view before it is removed. */
export const DONE_JOB_RETENTION_DAYS = 30;

/**
 * Removes what has expired: sessions past their idle or absolute limit and
 * one-time tokens expired or used more than a day ago (control and every
 * tenant database), and done jobs older than 30 days. Never touches audit logs.
 */
export async function purgeExpired(
  storage: Storage,
  now: Date,
): Promise<{ sessions: number; tokens: number; jobs: number }> {
  const tenantIds = (
    await storage.control.kysely.selectFrom('tenants').select('id').where('status', '!=', 'closed').execute()
  ).map((t) => t.id);
  const databases = [storage.control.kysely, ...tenantIds.map((id) => storage.tenant(id).kysely)];
  let sessions = 0;
  let tokens = 0;
  for (const db of databases) {
    sessions += await purgeExpiredSessions(db, now);
    tokens += await purgeOldTokens(db, now);
  }
  const cutoff = new Date(now.getTime() - DONE_JOB_RETENTION_DAYS * 24 * 3_600_000).toISOString();
  const j = await storage.control.kysely
    .deleteFrom('jobs')
    .where('status', '=', 'done')
    .where('updated_at', '<=', cutoff)
    .executeTakeFirst();
  return { sessions, tokens, jobs: Number(j.numDeletedRows) };
}
