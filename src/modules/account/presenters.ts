import { hmac } from '../../platform/crypto/tokens.js';
import type { AuditLogTable, SessionTable } from '../../platform/db/types.js';
import { formatInZone } from '../../platform/time/zoned.js';
import type { SessionView, SignInEvent } from './schemas.js';

/** The opaque id shown for a session: an HMAC of the stored hash, never the token. */
export function sessionPublicId(secret: string, session: Pick<SessionTable, 'id'>): string {
  return hmac(secret, `session:${session.id}`).slice(0, 32);
}

export function presentSession(
  secret: string,
  session: SessionTable,
  currentId: string | undefined,
  timeZone: string,
): SessionView {
  return {
    id: sessionPublicId(secret, session),
    createdAt: formatInZone(session.created_at, timeZone),
    lastSeenAt: formatInZone(session.last_seen_at, timeZone),
    ip: session.ip,
    userAgent: session.user_agent,
    current: session.id === currentId,
  };
}

export function presentSignInEvent(row: AuditLogTable, timeZone: string): SignInEvent {
  return {
    at: formatInZone(row.at, timeZone),
    ip: row.ip,
    userAgent: row.user_agent,
    result: row.result,
  };
}
