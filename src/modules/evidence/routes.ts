import { Type } from 'typebox';
import { csvContentType, CsvCharsetParam, type CsvCharset } from '../../platform/csv/encoding.js';
import type { App } from '../../platform/server/app.js';
import { userActor, type AppDeps, type TenantContext } from '../../platform/server/context.js';
import { contentDisposition } from '../../platform/server/download.js';
import { recordVerification } from '../trust/log-verifications.js';
import { errorResponses } from '../shared-schemas.js';
import { csvStream, jsonlStream } from './export.js';
import {
  ACCESS_COLUMNS,
  AUDIT_COLUMNS,
  ERROR_COLUMNS,
  presentAccess,
  presentAudit,
  presentError,
} from './presenters.js';
import { allOf, type LogFilter, type LogName } from './repository.js';
import {
  AccessPage,
  AccessQuery,
  AuditPage,
  AuditQuery,
  ErrorPage,
  ErrorQuery,
  ExportFormat,
  VerificationReport,
} from './schemas.js';
import {
  accessFilter,
  auditFilter,
  errorFilter,
  listLog,
  recordExport,
  verifyTenantLogs,
} from './service.js';

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 64 }) });
const base = '/t/:slug/api/admin/logs';
const tags = ['logs'];

/** The tenant's evidence logs, for its organisation administrators only (viewable, exportable, verifiable). */
export function evidenceRoutes(app: App, deps: AppDeps): void {
  const tz = (ctx: TenantContext) => ctx.tenant.time_zone;

  for (const [path, kind] of [
    ['operations', 'operation'],
    ['logins', 'login'],
  ] as const) {
    app.get(
      `${base}/${path}`,
      {
        config: { auth: 'tenant-admin' },
        schema: {
          tags,
          params: SlugParams,
          querystring: AuditQuery,
          response: { 200: AuditPage, ...errorResponses },
        },
      },
      async (req) => {
        const ctx = req.tenantCtx!;
        const filter = auditFilter(kind, req.query, tz(ctx));
        const page = await listLog(ctx, path, filter, req.query.cursor, req.query.limit);
        return {
          items: page.rows.map((r) => presentAudit(r, tz(ctx))),
          nextCursor: page.nextCursor,
          timeZone: tz(ctx),
        };
      },
    );
  }

  app.get(
    `${base}/access`,
    {
      config: { auth: 'tenant-admin' },
      schema: {
        tags,
        params: SlugParams,
        querystring: AccessQuery,
        response: { 200: AccessPage, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      const page = await listLog(
        ctx,
        'access',
        accessFilter(req.query, tz(ctx)),
        req.query.cursor,
        req.query.limit,
      );
      return {
        items: page.rows.map((r) => presentAccess(r, tz(ctx))),
        nextCursor: page.nextCursor,
        timeZone: tz(ctx),
      };
    },
  );

  app.get(
    `${base}/errors`,
    {
      config: { auth: 'tenant-admin' },
      schema: {
        tags,
        params: SlugParams,
        querystring: ErrorQuery,
        response: { 200: ErrorPage, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      const page = await listLog(
        ctx,
        'errors',
        errorFilter(req.query, tz(ctx)),
        req.query.cursor,
        req.query.limit,
      );
      return {
        items: page.rows.map((r) => presentError(r, tz(ctx))),
        nextCursor: page.nextCursor,
        timeZone: tz(ctx),
      };
    },
  );

  const exportQuery = (q: typeof AuditQuery | typeof AccessQuery | typeof ErrorQuery) =>
    Type.Object(
      { ...q.properties, ...ExportFormat.properties, ...CsvCharsetParam },
      { additionalProperties: false },
    );
  const ExportResponse = Type.Unknown({
    description: 'CSV (UTF-8 with BOM, or Shift_JIS with charset=sjis) or JSON Lines, streamed',
  });
  const exports = [
    ['operations', exportQuery(AuditQuery)],
    ['logins', exportQuery(AuditQuery)],
    ['access', exportQuery(AccessQuery)],
    ['errors', exportQuery(ErrorQuery)],
  ] as const;
  for (const [log, querystring] of exports) {
    app.get(
      `${base}/${log}/export`,
      {
        config: { auth: 'tenant-admin' },
        schema: {
          tags,
          params: SlugParams,
          querystring,
          response: { 200: ExportResponse, ...errorResponses },
        },
      },
      async (req, reply) => {
        const ctx = req.tenantCtx!;
        const {
          format = 'csv',
          charset = 'utf8',
          cursor: _c,
          limit: _l,
          ...query
        } = req.query as Record<string, unknown> & {
          format?: 'csv' | 'jsonl';
          charset?: CsvCharset;
        };
        const zone = tz(ctx);
        const filter: LogFilter =
          log === 'access'
            ? accessFilter(query, zone)
            : log === 'errors'
              ? errorFilter(query, zone)
              : auditFilter(log === 'operations' ? 'operation' : 'login', query, zone);
        await recordExport(ctx, userActor(req, req.user!), log, format, query, charset);
        const stream = exportStream(ctx, log, filter, format, req.locale, charset);
        const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
        return reply
          .header(
            'content-type',
            format === 'csv' ? csvContentType(charset) : 'application/x-ndjson; charset=utf-8',
          )
          .header('content-disposition', contentDisposition(`${ctx.tenant.slug}-${log}-${day}.${format}`))
          .send(stream);
      },
    );
  }

  app.post(
    `${base}/verify`,
    {
      config: { auth: 'tenant-admin' },
      schema: { tags, params: SlugParams, response: { 200: VerificationReport, ...errorResponses } },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      const now = deps.clock();
      const signed = await verifyTenantLogs(
        deps.storage.control.kysely,
        deps.config.dataDir,
        ctx.tenant,
        ctx.db.kysely,
        now,
      );
      // The trust page shows the latest verification and its time.
      await recordVerification(ctx.db.kysely, signed.report, `user:${req.user!.id}`, now);
      return signed;
    },
  );
}

function exportStream(
  ctx: TenantContext,
  log: LogName,
  filter: LogFilter,
  format: 'csv' | 'jsonl',
  locale: 'ja' | 'en',
  charset: CsvCharset,
) {
  const zone = ctx.tenant.time_zone;
  const db = ctx.db.kysely;
  switch (log) {
    case 'access':
      return format === 'csv'
        ? csvStream(allOf(db, log, filter), ACCESS_COLUMNS, locale, zone, charset)
        : jsonlStream(allOf(db, log, filter), (r) => presentAccess(r, zone));
    case 'errors':
      return format === 'csv'
        ? csvStream(allOf(db, log, filter), ERROR_COLUMNS, locale, zone, charset)
        : jsonlStream(allOf(db, log, filter), (r) => presentError(r, zone));
    default:
      return format === 'csv'
        ? csvStream(allOf(db, log, filter), AUDIT_COLUMNS, locale, zone, charset)
        : jsonlStream(allOf(db, log, filter), (r) => presentAudit(r, zone));
  }
}
