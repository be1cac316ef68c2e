import type { Kysely } from 'kysely';
import type { AnyDb } from '../db/database.js';
import { AppError } from '../errors/app-error.js';
import { hashToken, newToken } from '../crypto/tokens.js';
import type { AuthTables, OneTimeTokenTable } from '../db/types.js';

function asAuth(db: AnyDb): Kysely<AuthTables> {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- narrows AnyDb to this module's tables
  return db as unknown as Kysely<AuthTables>;
}

/** Issues a single-use token; only its SHA-256 is stored. Returns the token itself (for the link). */
export async function issueToken(
  kysely: AnyDb,
  purpose: OneTimeTokenTable['purpose'],
  subjectId: string | null,
  validMs: number,
  now = new Date(),
): Promise<{ token: string; expiresAt: string }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + validMs).toISOString();
  await asAuth(kysely)
    .insertInto('one_time_tokens')
    .values({
      id: hashToken(token),
      purpose,
      subject_id: subjectId,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
    })
    .execute();
  return { token, expiresAt };
}

/**
 * Links of a purpose issued to a subject since `since` (each is one token row, kept a day after
 * it ends or is used: see `purgeOldTokens`) — what the hourly caps on mailed links count.
 */
export async function linksIssuedSince(
  kysely: AnyDb,
  purpose: OneTimeTokenTable['purpose'],
  subjectId: string,
  since: Date,
): Promise<number> {
  const r = await asAuth(kysely)
    .selectFrom('one_time_tokens')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('purpose', '=', purpose)
    .where('subject_id', '=', subjectId)
    .where('created_at', '>', since.toISOString())
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Looks a token up and says clearly whether it is unknown, expired or used. */
export async function inspectToken(
  kysely: AnyDb,
  purpose: OneTimeTokenTable['purpose'],
  token: string,
  now = new Date(),
): Promise<OneTimeTokenTable> {
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{20,100}$/.test(token))
    throw new AppError('TOKEN_INVALID');
  const row = await asAuth(kysely)
    .selectFrom('one_time_tokens')
    .selectAll()
    .where('id', '=', hashToken(token))
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  if (!row) throw new AppError('TOKEN_INVALID');
  if (row.used_at) throw new AppError('TOKEN_USED');
  if (row.expires_at <= now.toISOString()) throw new AppError('TOKEN_EXPIRED');
  return row;
}

/**
 * Marks a token used, inside the caller's transaction. The conditional update
 * makes a second, concurrent use fail even if both passed `inspectToken`.
 */
export async function consumeToken(
  kysely: AnyDb,
  purpose: OneTimeTokenTable['purpose'],
  token: string,
  now = new Date(),
): Promise<OneTimeTokenTable> {
  const row = await inspectToken(kysely, purpose, token, now);
  const res = await asAuth(kysely)
    .updateTable('one_time_tokens')
    .set({ used_at: now.toISOString() })
    .where('id', '=', row.id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('TOKEN_USED');
  return row;
}

/** Invalidates the unused tokens of a subject and purpose (e.g. when a new invitation is sent). */
export async function revokeTokens(
  kysely: AnyDb,
  purpose: OneTimeTokenTable['purpose'],
  subjectId: string | null,
  now = new Date(),
): Promise<void> {
  let q = asAuth(kysely)
    .updateTable('one_time_tokens')
    .set({ used_at: now.toISOString() })
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null);
  q = subjectId === null ? q.where('subject_id', 'is', null) : q.where('subject_id', '=', subjectId);
  await q.execute();
}

/** Deletes tokens that expired or were used more than `graceMs` ago; returns how many. */
export async function purgeOldTokens(
  kysely: AnyDb,
  now = new Date(),
  graceMs = 24 * 3_600_000,
): Promise<number> {
  const cutoff = new Date(now.getTime() - graceMs).toISOString();
  const res = await asAuth(kysely)
    .deleteFrom('one_time_tokens')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', cutoff),
        eb.and([eb('used_at', 'is not', null), eb('used_at', '<=', cutoff)]),
      ]),
    )
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
