import type { Kysely, Transaction } from 'kysely';
import { newId, sha256Hex } from '../../platform/crypto/tokens.js';
import type { TenantDB } from '../../platform/db/types.js';

/** Consecutive failed guesses that lock an account. */
export const LOCK_AFTER = 5;
/** Lock durations in minutes: the first lock, the second, … (the last repeats). */
export const LOCK_MINUTES = [1, 5, 15, 30, 60] as const;
/** Never more than this many failed guesses per account in any hour. */
export const HOURLY_CAP = 100;
const HOUR_MS = 3_600_000;

/**
 * The throttle key of an e-mail address (SHA-256 of the normalised address).
 * Unknown addresses have keys too, so they lock exactly like known ones and
 * the answers do not tell whether an account exists.
 */
export function throttleKey(email: string): string {
  return sha256Hex(`sign-in:${email.trim().toLowerCase()}`);
}

type Db = Kysely<TenantDB> | Transaction<TenantDB>;

/** The end of the account's lock (ISO, UTC) if it is locked at `now`, else null. */
export async function lockedUntil(db: Db, key: string, now: Date): Promise<string | null> {
  const row = await db
    .selectFrom('sign_in_throttle')
    .select('locked_until')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.locked_until && row.locked_until > now.toISOString() ? row.locked_until : null;
}

/**
 * Records one failed guess (a wrong password or a wrong second-step code) in the
 * caller's transaction. After every `LOCK_AFTER` consecutive failures the account is
 * locked for a growing time; and when the last hour holds `HOURLY_CAP` failures, it
 * stays locked until the oldest of them is an hour old. Returns the lock, if this
 * failure caused one.
 */
export async function recordFailure(
  db: Transaction<TenantDB>,
  key: string,
  now: Date,
): Promise<{ lockedUntil: string | null }> {
  const nowIso = now.toISOString();
  const hourAgo = new Date(now.getTime() - HOUR_MS).toISOString();
  await db.deleteFrom('sign_in_failures').where('at', '<=', hourAgo).execute();
  await db.insertInto('sign_in_failures').values({ id: newId(), key, at: nowIso }).execute();
  const row = await db
    .insertInto('sign_in_throttle')
    .values({ key, consecutive_failures: 1, lock_level: 0, locked_until: null, updated_at: nowIso })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        consecutive_failures: eb('sign_in_throttle.consecutive_failures', '+', 1),
        updated_at: nowIso,
      })),
    )
    .returning(['consecutive_failures', 'lock_level', 'locked_until'])
    .executeTakeFirstOrThrow();

  let until: string | null = null;
  let level = Number(row.lock_level);
  if (Number(row.consecutive_failures) % LOCK_AFTER === 0) {
    level += 1;
    const minutes = LOCK_MINUTES[Math.min(level, LOCK_MINUTES.length) - 1]!;
    until = new Date(now.getTime() + minutes * 60_000).toISOString();
  }
  const recent = await db
    .selectFrom('sign_in_failures')
    .select(['at'])
    .where('key', '=', key)
    .where('at', '>', hourAgo)
    .orderBy('at', 'desc')
    .limit(HOURLY_CAP)
    .execute();
  if (recent.length >= HOURLY_CAP) {
    const oldest = recent[recent.length - 1]!.at;
    const capUntil = new Date(new Date(oldest).getTime() + HOUR_MS).toISOString();
    if (!until || capUntil > until) until = capUntil;
  }
  if (until) {
    await db
      .updateTable('sign_in_throttle')
      .set({ lock_level: level, locked_until: until })
      .where('key', '=', key)
      .execute();
  }
  return { lockedUntil: until };
}

/** A complete sign-in (or a password reset) ends the streak of failures and any lock. */
export async function clearFailures(db: Transaction<TenantDB>, key: string): Promise<void> {
  await db.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
}
