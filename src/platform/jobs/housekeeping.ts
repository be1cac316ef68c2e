import { purgeOldTokens } from '../auth/one-time-tokens.js';
import { purgeExpiredSessions } from '../auth/sessions.js';
import type { Storage } from '../db/storage.js';

/** Days a finished (done) job is kept for the operator's view before it is removed. */
export const DONE_JOB_RETENTION_DAYS = 30;
/** Hours without a failed sign-in after which an account's failure streak (and lock level) is forgotten. */
export const THROTTLE_FORGET_HOURS = 24;

/**
 * Removes what has expired: sessions past their idle or absolute limit and
 * one-time tokens expired or used more than a day ago (control and every
 * tenant database), sign-in throttle rows that are unlocked and quiet for
 * 24 hours and failed guesses older than the hourly cap's hour (tenant
 * databases), and done jobs older than 30 days. Never touches audit logs:
 * every failed sign-in stays in the sign-in log.
 */
export async function purgeExpired(
  storage: Storage,
  now: Date,
): Promise<{ sessions: number; tokens: number; jobs: number; throttles: number }> {
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
  let throttles = 0;
  const quiet = new Date(now.getTime() - THROTTLE_FORGET_HOURS * 3_600_000).toISOString();
  const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
  for (const id of tenantIds) {
    const db = storage.tenant(id).kysely;
    const r = await db
      .deleteFrom('sign_in_throttle')
      .where('updated_at', '<=', quiet)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now.toISOString())]))
      .executeTakeFirst();
    throttles += Number(r.numDeletedRows);
    await db.deleteFrom('sign_in_failures').where('at', '<=', hourAgo).execute();
  }
  const cutoff = new Date(now.getTime() - DONE_JOB_RETENTION_DAYS * 24 * 3_600_000).toISOString();
  const j = await storage.control.kysely
    .deleteFrom('jobs')
    .where('status', '=', 'done')
    .where('updated_at', '<=', cutoff)
    .executeTakeFirst();
  return { sessions, tokens, jobs: Number(j.numDeletedRows), throttles };
}
