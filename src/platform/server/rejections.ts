import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { appendAudit } from '../audit/audit-log.js';
import type { Storage } from '../db/storage.js';
import { inTransaction } from '../db/unit-of-work.js';
import { clientOf, type TenantContext } from './context.js';
import { Expiring } from './expiring.js';
import { TENANT_PATH } from './rate-identity.js';

/** One sign-in log entry per address (or account) and tenant per minute while its refusals last. */
const THROTTLE_ENTRY_MS = 60_000;

/**
 * Every rejection is evidence (issue 21 point 3). A request refused before the auth hook resolved its
 * tenant — a rate limit, a CSRF failure, malformed JSON, a body too large or of the wrong type — is
 * still written to the access and error logs of the tenant its URL names (with the reason code, never
 * the body). Sign-in requests refused by a rate limit also go to that tenant's sign-in log, once per
 * address and minute, so that a flood cannot fill the audit chain.
 */
export class RejectionEvidence {
  private readonly tenants = new Expiring<TenantContext | null>();
  private readonly throttles = new Expiring<true>(THROTTLE_ENTRY_MS);

  constructor(
    private readonly storage: Storage,
    private readonly clock: () => Date,
    private readonly logger: Logger,
  ) {}

  /** The tenant context the request's entries belong to (its own, or the one its URL names). */
  async contextOf(req: FastifyRequest, status: number): Promise<TenantContext | undefined> {
    if (req.tenantCtx) return req.tenantCtx;
    if (status < 400) return undefined;
    const slug = TENANT_PATH.exec(req.url)?.[1];
    if (slug === undefined) return undefined;
    try {
      return (await this.tenantOf(slug)) ?? undefined;
    } catch (error) {
      this.logger.warn({ err: error }, 'rejection log: tenant lookup failed');
      return undefined;
    }
  }

  /** After the answer: a sign-in refused by a rate limit is noted in the tenant's sign-in log. */
  async noteSignInThrottle(req: FastifyRequest, status: number, ctx: TenantContext): Promise<void> {
    if (status !== 429 || req.routeOptions.config.limit !== 'sign-in') return;
    const now = this.clock().getTime();
    const key = `${ctx.tenant.id}:${normalizeIP(req.ip)}`;
    if (this.throttles.get(key, now)) return;
    this.throttles.set(key, true, now);
    try {
      await inTransaction(ctx.db, (tx) =>
        appendAudit(
          tx,
          { type: 'anonymous', id: null, name: null, ...clientOf(req) },
          {
            kind: 'login',
            action: 'auth.rate_limited',
            result: 'failure',
            target: { type: 'address', id: null, label: req.ip || null },
            summary: { route: req.routeOptions.url ?? 'unknown' },
          },
          this.clock,
        ),
      );
    } catch (error) {
      this.logger.error({ err: error }, 'sign-in log: rate-limit entry failed');
    }
  }

  private async tenantOf(slug: string): Promise<TenantContext | null> {
    const now = this.clock().getTime();
    const known = this.tenants.get(slug, now);
    if (known !== undefined) return known;
    const tenant = await this.storage.control.kysely
      .selectFrom('tenants')
      .selectAll()
      .where('slug', '=', slug)
      .executeTakeFirst();
    const ctx = tenant && tenant.status !== 'closed' ? { tenant, db: this.storage.tenant(tenant.id) } : null;
    this.tenants.set(slug, ctx, now);
    return ctx;
  }
}
