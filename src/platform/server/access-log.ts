import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { stripControl } from '../audit/audit-log.js';
import { evidenceDb, type AccessLogTable, type ErrorLogTable } from '../audit/evidence-tables.js';
import type { Database } from '../db/database.js';
import type { TenantDB } from '../db/types.js';
import type { TenantContext } from './context.js';

type AccessRow = Omit<AccessLogTable, 'seq'>;
type ErrorRow = Omit<ErrorLogTable, 'seq'>;

interface Pending {
  db: Database<TenantDB>;
  access: AccessRow[];
  errors: ErrorRow[];
}

/** What the error handler noted about a request's error, written with its access entry. */
const noted = new WeakMap<FastifyRequest, { code: string; status: number; description: string }>();

/** Called by the error handler for every error answer; written only in a tenant's context. */
export function noteError(req: FastifyRequest, code: string, status: number, description: string): void {
  noted.set(req, { code, status, description: stripControl(description, 500) ?? '' });
}

export interface AccessLogOptions {
  logger: Logger;
  clock: () => Date;
  flushMs?: number;
  maxRows?: number;
}

/**
 * The per-tenant access and error logs. Rows are buffered per tenant and written in
 * one transaction every `flushMs` (500 ms) or `maxRows` (200) rows, and at shutdown.
 * Durability trade-off: a crash (not a clean stop) loses at most the last half-second
 * of access entries; error entries share that window. Audit entries are never buffered.
 */
export class AccessLogWriter {
  private readonly pending = new Map<string, Pending>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private readonly flushMs: number;
  private readonly maxRows: number;

  constructor(private readonly o: AccessLogOptions) {
    this.flushMs = o.flushMs ?? 500;
    this.maxRows = o.maxRows ?? 200;
  }

  /** onResponse: one access entry (and the error entry, if the error handler noted one). */
  record(
    req: FastifyRequest,
    status: number,
    durationMs: number,
    ctx: TenantContext | undefined = req.tenantCtx,
  ): void {
    if (!ctx) return;
    const at = this.o.clock().toISOString();
    const user = req.user;
    const common = {
      at,
      ref_id: req.id,
      user_id: user?.id ?? null,
      user_name: stripControl(user?.display_name ?? null, 200),
      method: req.method,
      route: stripControl(req.routeOptions.url ?? 'unknown', 300) ?? 'unknown',
    };
    const ua = req.headers['user-agent'];
    let p = this.pending.get(ctx.tenant.id);
    if (!p) {
      p = { db: ctx.db, access: [], errors: [] };
      this.pending.set(ctx.tenant.id, p);
    }
    p.access.push({
      ...common,
      status,
      duration_ms: Math.max(0, Math.round(durationMs)),
      ip: stripControl(req.ip || null, 64),
      user_agent: stripControl(typeof ua === 'string' ? ua : null, 300),
    });
    const error = noted.get(req);
    if (error) p.errors.push({ ...common, ...error });
    if (p.access.length >= this.maxRows) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
  }

  /** Writes everything buffered so far (one transaction per tenant). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batches = [...this.pending.values()];
    this.pending.clear();
    this.flushing = this.flushing.then(async () => {
      for (const b of batches) {
        try {
          await evidenceDb(b.db.kysely)
            .transaction()
            .execute(async (trx) => {
              for (let i = 0; i < b.access.length; i += 200) {
                await trx
                  .insertInto('access_log')
                  .values(b.access.slice(i, i + 200))
                  .execute();
              }
              for (let i = 0; i < b.errors.length; i += 200) {
                await trx
                  .insertInto('error_log')
                  .values(b.errors.slice(i, i + 200))
                  .execute();
              }
            });
        } catch (error) {
          this.o.logger.error({ err: error, rows: b.access.length }, 'access log write failed');
        }
      }
    });
    return this.flushing;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The tenant access/error log writer (`flush()` writes what is buffered). */
    accessLog: AccessLogWriter;
  }
}
