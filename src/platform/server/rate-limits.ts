import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sha256Hex } from '../crypto/tokens.js';
import { AppError } from '../errors/app-error.js';
import type { App } from './app.js';
import type { AppDeps } from './context.js';
import { CallerResolver, type Caller } from './rate-identity.js';

type Limiter = ReturnType<App['createRateLimit']>;

const WINDOW_MS = 60_000;
/** Keys kept per limiter; when full, the least recently used key is forgotten (its count starts again). */
const KEYS_PER_LIMITER = 50_000;

/**
 * Every request limit of Yosan, in one place (issue 21 point 9). Built on `@fastify/rate-limit`'s
 * `createRateLimit()`; the counters live in the plugin's store — in memory, per process, today.
 * Several instances would share them by giving the plugin a shared store here (its `redis`
 * option or a `store` class), and nowhere else.
 *
 * - signed-in requests count per user (tenant user or operator) and, for tenant users, per tenant;
 * - requests without a live session count per client address (IPv6 per /64);
 * - sign-in routes count per address and, once the body is read, per account;
 * - the web app's static files are not limited (browsers cache them; a proxy may limit them).
 *
 * Counting happens at `onRequest` — before CSRF, parsing and authentication — so requests those
 * refuse count too; the caller is found from the session cookie by `CallerResolver`.
 */
export async function installRateLimits(app: App, deps: AppDeps, isApiPath: (url: string) => boolean) {
  // The store: the plugin's in-memory LocalStore (per process). Several instances would share
  // counts by passing `redis: <client>` or `store: <class implementing FastifyRateLimitStore>` here.
  await app.register(rateLimit, { global: false, cache: KEYS_PER_LIMITER });
  const c = deps.config;
  const resolver = new CallerResolver(deps.storage, deps.clock);
  const callers = new WeakMap<FastifyRequest, Caller>();
  const callerOf = (req: FastifyRequest): Caller => callers.get(req) ?? { kind: 'anonymous' };
  const limiter = (max: number, key: (req: FastifyRequest) => string): Limiter =>
    app.createRateLimit({ max, timeWindow: WINDOW_MS, keyGenerator: key });

  const address = (req: FastifyRequest) => normalizeIP(req.ip);
  const byAddress = limiter(c.rateAddressPerMinute, (req) => `a:${address(req)}`);
  const byUser = limiter(c.rateUserPerMinute, (req) => subjectKey(callerOf(req)));
  const byTenant = limiter(c.rateTenantPerMinute, (req) => {
    const caller = callerOf(req);
    return caller.kind === 'user' ? `t:${caller.tenantId}` : '-';
  });
  const sensitive = limiter(c.rateSensitivePerMinute, (req) => subjectKey(callerOf(req)));
  const signInAddress = limiter(c.rateSignInAddressPerMinute, (req) => `s:${address(req)}`);
  const signInAccount = limiter(c.rateSignInAccountPerMinute, (req) => accountKey(req) ?? '-');

  app.addHook('onRequest', async (req, reply) => {
    if (!isApiPath(req.url)) return;
    const kind = req.routeOptions.config.limit;
    if (kind === 'none') return;
    if (kind === 'sign-in') return enforce(signInAddress, req, reply);
    const caller = await resolver.callerOf(req);
    callers.set(req, caller);
    if (caller.kind === 'anonymous') return enforce(byAddress, req, reply);
    await enforce(byUser, req, reply);
    if (caller.kind === 'user') await enforce(byTenant, req, reply, false);
    if (kind === 'sensitive') await enforce(sensitive, req, reply, false);
  });
  // The account is known once the body is read and validated.
  app.addHook('preHandler', async (req, reply) => {
    if (req.routeOptions.config.limit === 'sign-in' && accountKey(req)) {
      await enforce(signInAccount, req, reply, false);
    }
  });
}

function subjectKey(caller: Caller): string {
  switch (caller.kind) {
    case 'user':
      return `u:${caller.tenantId}:${caller.userId}`;
    case 'operator':
      return `o:${caller.operatorId}`;
    default:
      return '-';
  }
}

/**
 * The account a sign-in route's request is about: the tenant (or the operator console) and the
 * normalised e-mail address, else the link or pending-sign-in token it carries (hashed).
 */
function accountKey(req: FastifyRequest): string | undefined {
  const scope = req.tenantCtx?.tenant.id ?? 'operator';
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (typeof body.email === 'string') return `c:${scope}:${sha256Hex(body.email.trim().toLowerCase())}`;
  for (const field of ['mfaToken', 'token']) {
    const value = body[field];
    if (typeof value === 'string') return `c:${scope}:${sha256Hex(value)}`;
  }
  return undefined;
}

/**
 * Counts the request in one limiter; over the limit → 429 `RATE_LIMITED` with `Retry-After`.
 * The first limiter a request meets reports itself in the `X-RateLimit-*` headers.
 */
async function enforce(
  limit: Limiter,
  req: FastifyRequest,
  reply: FastifyReply,
  report = true,
): Promise<void> {
  const r = await limit(req);
  if (r.isAllowed) return;
  if (report || r.isExceeded) {
    void reply.header('x-ratelimit-limit', r.max);
    void reply.header('x-ratelimit-remaining', r.remaining);
    void reply.header('x-ratelimit-reset', r.ttlInSeconds);
  }
  if (!r.isExceeded) return;
  const seconds = Math.max(1, r.ttlInSeconds);
  void reply.header('retry-after', seconds);
  throw new AppError('RATE_LIMITED', { params: { seconds }, internal: `rate limit ${r.key.slice(0, 2)}` });
}
