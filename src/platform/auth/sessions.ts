import type { Kysely } from 'kysely';
import type { AnyDb } from '../db/database.js';
import { hashToken, newToken } from '../crypto/tokens.js';
import type { AuthTables, SessionTable } from '../db/types.js';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export interface NewSession {
  token: string;
  session: SessionTable;
}

function asAuth(db: AnyDb): Kysely<AuthTables> {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- narrows AnyDb to this module's tables
  return db as unknown as Kysely<AuthTables>;
}

/**
 * Server-side sessions, shared by operators (control database) and tenant users
 * (tenant database). The cookie carries a random 256-bit token; the table keeps
 * only its SHA-256. A new token is issued at every sign-in.
 */
export async function createSession(
  kysely: AnyDb,
  subjectId: string,
  policy: SessionPolicy,
  client: { ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<NewSession> {
  const token = newToken();
  const session: SessionTable = {
    id: hashToken(token),
    subject_id: subjectId,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    idle_expires_at: new Date(now.getTime() + policy.idleMinutes * 60_000).toISOString(),
    absolute_expires_at: new Date(now.getTime() + policy.absoluteHours * 3_600_000).toISOString(),
    ip: client.ip,
    user_agent: client.userAgent?.slice(0, 300) ?? null,
  };
  await asAuth(kysely).insertInto('sessions').values(session).execute();
  return { token, session };
}

/**
 * Finds a live session by token and slides its idle expiry. An expired session
 * is deleted and `undefined` returned.
 */
export async function touchSession(
  kysely: AnyDb,
  token: string,
  policy: SessionPolicy,
  now = new Date(),
): Promise<SessionTable | undefined> {
  const db = asAuth(kysely);
  const id = hashToken(token);
  const session = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!session) return undefined;
  const nowIso = now.toISOString();
  if (session.idle_expires_at <= nowIso || session.absolute_expires_at <= nowIso) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return undefined;
  }
  // Write the sliding expiry at most once a minute to keep reads cheap.
  if (now.getTime() - new Date(session.last_seen_at).getTime() > 60_000) {
    const idle = new Date(now.getTime() + policy.idleMinutes * 60_000).toISOString();
    await db
      .updateTable('sessions')
      .set({ last_seen_at: nowIso, idle_expires_at: idle })
      .where('id', '=', id)
      .execute();
    return { ...session, last_seen_at: nowIso, idle_expires_at: idle };
  }
  return session;
}

export async function deleteSession(kysely: AnyDb, token: string): Promise<void> {
  await asAuth(kysely).deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
}

export async function deleteSessionsOf(kysely: AnyDb, subjectId: string): Promise<void> {
  await asAuth(kysely).deleteFrom('sessions').where('subject_id', '=', subjectId).execute();
}

/** Deletes sessions past their idle or absolute limit; returns how many. */
export async function purgeExpiredSessions(kysely: AnyDb, now = new Date()): Promise<number> {
  const nowIso = now.toISOString();
  const res = await asAuth(kysely)
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('idle_expires_at', '<=', nowIso), eb('absolute_expires_at', '<=', nowIso)]))
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
