import type { FastifyRequest } from 'fastify';
import { touchSession } from '../auth/sessions.js';
import { AppError, assertUnreachable } from '../errors/app-error.js';
import type { AppDeps, RouteAuth } from './context.js';
import { OPERATOR_COOKIE, tenantCookie } from './cookies.js';

async function loadOperator(deps: AppDeps, req: FastifyRequest): Promise<void> {
  const token = req.cookies[OPERATOR_COOKIE];
  if (!token) throw new AppError('UNAUTHENTICATED');
  const policy = {
    idleMinutes: deps.config.sessionIdleMinutes,
    absoluteHours: deps.config.sessionAbsoluteHours,
  };
  const session = await touchSession(deps.storage.control.kysely, token, policy, deps.clock());
  if (!session) throw new AppError('UNAUTHENTICATED');
  const op = await deps.storage.control.kysely
    .selectFrom('operators')
    .selectAll()
    .where('id', '=', session.subject_id)
    .executeTakeFirst();
  if (!op || !op.password_hash) throw new AppError('UNAUTHENTICATED');
  req.operator = op;
  req.sessionToken = token;
}

/** Resolves `/t/:slug` to its tenant and database, once per request. */
async function loadTenant(deps: AppDeps, req: FastifyRequest): Promise<void> {
  const slug = (req.params as { slug?: unknown }).slug;
  if (typeof slug !== 'string') throw new AppError('TENANT_NOT_FOUND');
  const tenant = await deps.storage.control.kysely
    .selectFrom('tenants')
    .selectAll()
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (!tenant || tenant.status === 'closed') {
    // A terminated organisation's address answers with when and why it closed.
    const ended = await deps.storage.control.kysely
      .selectFrom('tenant_terminations')
      .select('contract_end')
      .where('slug', '=', slug)
      .orderBy('closed_at', 'desc')
      .executeTakeFirst();
    if (ended) throw new AppError('TENANT_CLOSED', { params: { date: ended.contract_end } });
    throw new AppError('TENANT_NOT_FOUND');
  }
  if (tenant.status === 'suspended') throw new AppError('TENANT_SUSPENDED');
  req.tenantCtx = { tenant, db: deps.storage.tenant(tenant.id), maxCells: deps.config.maxCellsPerRequest };
}

async function loadUser(deps: AppDeps, req: FastifyRequest): Promise<void> {
  const ctx = req.tenantCtx;
  if (!ctx) throw new AppError('TENANT_NOT_FOUND');
  const token = req.cookies[tenantCookie(ctx.tenant.slug)];
  if (!token) throw new AppError('UNAUTHENTICATED');
  const policy = {
    idleMinutes: deps.config.sessionIdleMinutes,
    absoluteHours: deps.config.sessionAbsoluteHours,
  };
  const session = await touchSession(ctx.db.kysely, token, policy, deps.clock());
  if (!session) throw new AppError('UNAUTHENTICATED');
  const user = await ctx.db.kysely
    .selectFrom('users')
    .selectAll()
    .where('id', '=', session.subject_id)
    .executeTakeFirst();
  if (!user || user.status !== 'active') throw new AppError('UNAUTHENTICATED');
  req.user = user;
  req.sessionToken = token;
}

/**
 * Enforces each route's declared `config.auth` before its handler runs:
 * public < operator; tenant-public < tenant-user < tenant-admin.
 */
export function authHook(deps: AppDeps) {
  return async (req: FastifyRequest): Promise<void> => {
    const auth: RouteAuth = req.routeOptions.config.auth ?? 'public';
    switch (auth) {
      case 'public':
        return;
      case 'operator':
        return loadOperator(deps, req);
      case 'tenant-public':
        return loadTenant(deps, req);
      case 'tenant-user':
        await loadTenant(deps, req);
        return loadUser(deps, req);
      case 'tenant-admin':
        await loadTenant(deps, req);
        await loadUser(deps, req);
        if (!req.user?.is_org_admin) throw new AppError('FORBIDDEN');
        return;
      default:
        return assertUnreachable(auth);
    }
  };
}
