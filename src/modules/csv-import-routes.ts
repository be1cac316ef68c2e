import { Type, type TSchema } from 'typebox';
import { csvContentType, CsvCharsetParam, type CsvCharset } from '../platform/csv/encoding.js';
import { MAX_CSV_BYTES, uploadedFile } from '../platform/csv/upload.js';
import type { Locale } from '../platform/i18n/index.js';
import type { App } from '../platform/server/app.js';
import { contentDisposition } from '../platform/server/download.js';
import { userActor, type TenantContext } from '../platform/server/context.js';
import type { Actor } from '../platform/audit/audit-log.js';
import { ErrorResponse, errorResponses } from './shared-schemas.js';
import { DryRunResponse, LangQuery, SlugParams } from './users/schemas.js';

/** File routes also answer 413 (over 5 MiB) and 415 (not a file). */
export const fileResponses = { ...errorResponses, 413: ErrorResponse, 415: ErrorResponse };
export const csvFileName = (base: string, lang: string) => contentDisposition(`${base}-${lang}.csv`);
/** `?lang=ja|en&charset=utf8|sjis`: a CSV download's language and encoding. */
export const CsvDownloadQuery = Type.Object(
  { ...LangQuery.properties, ...CsvCharsetParam },
  { additionalProperties: false },
);

export interface CsvImportRoutes<R> {
  /** e.g. `/t/:slug/api/admin/users` — the routes are `<base>/import/{template,dry-run}` and `<base>/import`. */
  base: string;
  tags: string[];
  /** Download name without language and extension, e.g. `yosan-users`. */
  fileName: string;
  template: (lang: Locale, charset: CsvCharset) => Buffer;
  dryRun: (ctx: TenantContext, file: Buffer, locale: Locale) => Promise<DryRunResponse>;
  importFile: (ctx: TenantContext, file: Buffer, locale: Locale, actor: Actor) => Promise<R>;
  importResponse: TSchema;
}

/**
 * The three routes every CSV bulk registration has, for org admins: the template (ja/en), the dry run
 * (every row's outcome, nothing written) and the all-or-nothing import.
 */
export function csvImportRoutes<R>(app: App, o: CsvImportRoutes<R>): void {
  const auth = 'tenant-admin' as const;
  const { tags } = o;
  app.get(
    `${o.base}/import/template`,
    { config: { auth }, schema: { tags, params: SlugParams, querystring: CsvDownloadQuery } },
    async (req, reply) => {
      const lang = req.query.lang ?? req.locale;
      const charset = req.query.charset ?? 'utf8';
      return reply
        .type(csvContentType(charset))
        .header('content-disposition', csvFileName(o.fileName, lang))
        .send(o.template(lang, charset));
    },
  );

  app.post(
    `${o.base}/import/dry-run`,
    {
      config: { auth },
      bodyLimit: MAX_CSV_BYTES,
      schema: { tags, params: SlugParams, response: { 200: DryRunResponse, ...fileResponses } },
    },
    async (req) => o.dryRun(req.tenantCtx!, uploadedFile(req.body), req.locale),
  );

  app.post(
    `${o.base}/import`,
    {
      config: { auth },
      bodyLimit: MAX_CSV_BYTES,
      schema: { tags, params: SlugParams, response: { 200: o.importResponse, ...fileResponses } },
    },
    async (req) =>
      o.importFile(req.tenantCtx!, uploadedFile(req.body), req.locale, userActor(req, req.user!)),
  );
}
