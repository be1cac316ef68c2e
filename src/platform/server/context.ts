import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Storage } from '../db/storage.js';
import type { Database } from '../db/database.js';
import type { OperatorTable, TenantDB, TenantTable, UserTable } from '../db/types.js';
import type { Mailer } from '../mail/transport.js';
import type { Locale } from '../i18n/locale.js';
import type { Actor } from '../audit/audit-log.js';
import type { TlsMaterial } from './tls.js';

/** What every module is given: the platform's shared pieces. No module reaches for globals. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  storage: Storage;
  mailer: Mailer;
  version: string;
  /** Installation secret for HMACs (CSRF). Never logged. */
  secret: string;
  tls?: TlsMaterial;
  clock: () => Date;
  /** Facts /readyz reports beyond a live database check (filled at start). */
  health: { tenantMigrationFailures: string[] };
  /** Relays a tenant's outbox into the control job queue (see jobs/queue.ts). */
  relayTenantOutbox(tenantId: string): Promise<void>;
}

/** The only way a request reaches a tenant database (resolved once from `/t/:slug`). */
export interface TenantContext {
  tenant: TenantTable;
  db: Database<TenantDB>;
  /** Cells one read may cover (`YOSAN_MAX_CELLS_PER_REQUEST`); set for requests, absent for jobs and the CLI. */
  maxCells?: number;
}

/** Every route states who may call it; enforced by the auth hook, read by the isolation tests. */
export type RouteAuth = 'public' | 'operator' | 'tenant-public' | 'tenant-user' | 'tenant-admin';

/**
 * What a route adds to the common request limits (`config.limit`, see rate-limits.ts): `sign-in`
 * routes (sign-in, second step, invitations, password reset, operator setup) count per address and
 * per account instead; `sensitive` routes (My page's password and two-step changes) count per user
 * as well; `none` is not limited (health checks).
 */
export type RouteLimit = 'sign-in' | 'sensitive' | 'none';

/** One row of the route table: what the isolation tests enumerate. */
export interface RouteInfo {
  method: string;
  url: string;
  auth: RouteAuth;
  /** The route's request/response schemas (read by the schema tests). */
  schema?: unknown;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every registered route with its declared authorisation. */
    routeTable: RouteInfo[];
  }
  interface FastifyContextConfig {
    auth?: RouteAuth;
    limit?: RouteLimit;
  }
  interface FastifyRequest {
    locale: Locale;
    operator: OperatorTable | undefined;
    tenantCtx: TenantContext | undefined;
    user: UserTable | undefined;
    /** Token of the session that authenticated this request, if any. */
    sessionToken: string | undefined;
  }
}

export function clientOf(req: { ip: string; headers: Record<string, string | string[] | undefined> }): {
  ip: string | null;
  userAgent: string | null;
} {
  const ua = req.headers['user-agent'];
  return { ip: req.ip || null, userAgent: typeof ua === 'string' ? ua.slice(0, 300) : null };
}

export function operatorActor(
  req: { ip: string; headers: Record<string, string | string[] | undefined> },
  op: OperatorTable,
): Actor {
  const c = clientOf(req);
  return { type: 'operator', id: op.id, name: op.display_name, ip: c.ip, userAgent: c.userAgent };
}

export function userActor(
  req: { ip: string; headers: Record<string, string | string[] | undefined> },
  user: UserTable,
): Actor {
  const c = clientOf(req);
  return { type: 'user', id: user.id, name: user.display_name, ip: c.ip, userAgent: c.userAgent };
}

export function anonymousActor(
  req: { ip: string; headers: Record<string, string | string[] | undefined> },
  name: string | null = null,
): Actor {
  const c = clientOf(req);
  return { type: 'anonymous', id: null, name, ip: c.ip, userAgent: c.userAgent };
}
