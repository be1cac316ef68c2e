import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { hashToken } from '../crypto/tokens.js';
import type { AnyDb } from '../db/database.js';
import type { Storage } from '../db/storage.js';
import type { AuthTables } from '../db/types.js';
import { OPERATOR_COOKIE, tenantCookie } from './cookies.js';
import { Expiring } from './expiring.js';

/** Who a request counts against: a signed-in user of a tenant, an operator, or its address. */
export type Caller =
  | { kind: 'user'; tenantId: string; userId: string }
  | { kind: 'operator'; operatorId: string }
  | { kind: 'anonymous' };

const ANONYMOUS: Caller = { kind: 'anonymous' };

/** A tenant URL's slug, as slugs are written (anything else names no tenant). */
export const TENANT_PATH = /^\/t\/([a-z0-9-]+)\//;

/**
 * Finds who is calling before the auth hook runs (rate limits are counted at `onRequest`, so
 * that requests refused later — bad CSRF token, bad JSON, failed authentication — count too).
 * Only the session cookie the server itself issued is trusted: its SHA-256 must name a live
 * session in the database of the tenant the URL names (or the control database for operators).
 * Anything else — no cookie, an unknown or expired one — is anonymous and counts against the
 * client address. Answers are remembered for 30 s, so a signed-in request costs no extra query.
 */
export class CallerResolver {
  private readonly sessions = new Expiring<Caller>();
  private readonly tenants = new Expiring<string | null>();

  constructor(
    private readonly storage: Storage,
    private readonly clock: () => Date,
  ) {}

  async callerOf(req: FastifyRequest): Promise<Caller> {
    const slug = TENANT_PATH.exec(req.url)?.[1];
    const token = req.cookies[slug === undefined ? OPERATOR_COOKIE : tenantCookie(slug)];
    if (!token) return ANONYMOUS;
    try {
      return slug === undefined ? await this.operatorCaller(token) : await this.tenantCaller(slug, token);
    } catch (error) {
      // A database that cannot answer now: count the request by its address; the auth hook decides.
      req.log.warn({ err: error }, 'rate limit: session lookup failed');
      return ANONYMOUS;
    }
  }

  private async tenantCaller(slug: string, token: string): Promise<Caller> {
    const now = this.clock();
    const tenantId = await this.tenantId(slug, now.getTime());
    if (!tenantId) return ANONYMOUS;
    const key = `t:${tenantId}:${hashToken(token)}`;
    const known = this.sessions.get(key, now.getTime());
    if (known) return known;
    const userId = await liveSubject(this.storage.tenant(tenantId).kysely, hashToken(token), now);
    const caller: Caller = userId ? { kind: 'user', tenantId, userId } : ANONYMOUS;
    this.sessions.set(key, caller, now.getTime());
    return caller;
  }

  private async operatorCaller(token: string): Promise<Caller> {
    const now = this.clock();
    const key = `o:${hashToken(token)}`;
    const known = this.sessions.get(key, now.getTime());
    if (known) return known;
    const operatorId = await liveSubject(this.storage.control.kysely, hashToken(token), now);
    const caller: Caller = operatorId ? { kind: 'operator', operatorId } : ANONYMOUS;
    this.sessions.set(key, caller, now.getTime());
    return caller;
  }

  private async tenantId(slug: string, now: number): Promise<string | null> {
    const known = this.tenants.get(slug, now);
    if (known !== undefined) return known;
    const row = await this.storage.control.kysely
      .selectFrom('tenants')
      .select(['id', 'status'])
      .where('slug', '=', slug)
      .executeTakeFirst();
    const id = row && row.status === 'active' ? row.id : null;
    this.tenants.set(slug, id, now);
    return id;
  }
}

/** The subject of a live session with this id (SHA-256 of the token), read only. */
async function liveSubject(db: AnyDb, sessionId: string, now: Date): Promise<string | undefined> {
  const row = await (db as unknown as Kysely<AuthTables>)
    .selectFrom('sessions')
    .select(['subject_id', 'idle_expires_at', 'absolute_expires_at'])
    .where('id', '=', sessionId)
    .executeTakeFirst();
  const nowIso = now.toISOString();
  if (!row || row.idle_expires_at <= nowIso || row.absolute_expires_at <= nowIso) return undefined;
  return row.subject_id;
}
