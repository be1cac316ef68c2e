import { Type } from 'typebox';
import { csvContentType } from '../../platform/csv/encoding.js';
import { MAX_CSV_BYTES, registerCsvUpload, uploadedFile } from '../../platform/csv/upload.js';
import { MAX_XLSX_BYTES, XLSX_CONTENT_TYPE } from '../../platform/xlsx/read.js';
import { registerXlsxUpload } from '../../platform/xlsx/upload.js';
import type { App } from '../../platform/server/app.js';
import { userActor, type AppDeps } from '../../platform/server/context.js';
import { contentDisposition } from '../../platform/server/download.js';
import { csvFileName, CsvDownloadQuery, fileResponses } from '../csv-import-routes.js';
import { errorResponses } from '../shared-schemas.js';
import { LangQuery, SlugParams } from '../users/schemas.js';
import { exportDimension } from './dimension-csv.js';
import { exportDimensionXlsx } from './dimension-xlsx.js';
import {
  ChangesBody,
  CreateDimensionBody,
  DimensionDetail,
  DimensionDryRun,
  DimensionImportResponse,
  DimensionListResponse,
  StandardDimensionsBody,
} from './dimension-schemas.js';
import {
  createDimension,
  deleteElement,
  dryRunDimensionImport,
  editElements,
  getDimension,
  importDimension,
  listDimensions,
} from './dimension-service.js';
import { translated } from './errors.js';
import { MODEL_BASE } from './catalogue-routes.js';
import { Code, ObjectParams } from './schemas.js';
import { cubeStore } from './store.js';
import { objectById } from './catalogue.js';
import { modelDb } from './tables.js';
import { createStandardDimensions } from './standard.js';

/** Dimensions under `/t/:slug/api/model/dimensions` (org admins). */
export function dimensionRoutes(app: App, deps: AppDeps): void {
  const tags = ['model'];
  const auth = 'tenant-admin' as const;
  const base = `${MODEL_BASE}/dimensions`;
  registerCsvUpload(app);

  app.get(
    base,
    {
      config: { auth },
      schema: { tags, params: SlugParams, response: { 200: DimensionListResponse, ...errorResponses } },
    },
    async (req) => ({ items: await listDimensions(req.tenantCtx!) }),
  );

  app.post(
    base,
    {
      config: { auth },
      schema: {
        tags,
        params: SlugParams,
        body: CreateDimensionBody,
        response: { 201: DimensionDetail, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = req.tenantCtx!;
      const id = await createDimension(deps, ctx, req.body, userActor(req, req.user!));
      return reply.code(201).send(await getDimension(ctx, id));
    },
  );

  app.post(
    `${MODEL_BASE}/standard-dimensions`,
    {
      config: { auth },
      schema: {
        tags,
        params: SlugParams,
        body: StandardDimensionsBody,
        response: { 201: DimensionListResponse, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = req.tenantCtx!;
      await createStandardDimensions(deps, ctx, req.body, userActor(req, req.user!));
      return reply.code(201).send({ items: await listDimensions(ctx) });
    },
  );

  app.get(
    `${base}/:id`,
    {
      config: { auth },
      schema: { tags, params: ObjectParams, response: { 200: DimensionDetail, ...errorResponses } },
    },
    async (req) => getDimension(req.tenantCtx!, req.params.id),
  );

  app.post(
    `${base}/:id/changes`,
    {
      config: { auth },
      schema: {
        tags,
        params: ObjectParams,
        body: ChangesBody,
        response: { 200: DimensionDetail, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      await editElements(deps, ctx, req.params.id, req.body.changes, userActor(req, req.user!));
      return getDimension(ctx, req.params.id);
    },
  );

  app.get(
    `${base}/:id/export`,
    { config: { auth }, schema: { tags, params: ObjectParams, querystring: CsvDownloadQuery } },
    async (req, reply) => {
      const ctx = req.tenantCtx!;
      const row = await objectById(modelDb(ctx.db.kysely), req.params.id, 'dimension');
      const dim = await translated(() => cubeStore.loadDimension(ctx.db, req.params.id));
      const lang = req.query.lang ?? req.locale;
      const charset = req.query.charset ?? 'utf8';
      return reply
        .type(csvContentType(charset))
        .header(
          'content-disposition',
          csvFileName(`yosan-dimension-${row.code.replace(/[^\w.-]/g, '_')}`, lang),
        )
        .send(exportDimension(dim, lang, charset));
    },
  );

  app.post(
    `${base}/:id/import/dry-run`,
    {
      config: { auth },
      bodyLimit: MAX_CSV_BYTES,
      schema: { tags, params: ObjectParams, response: { 200: DimensionDryRun, ...fileResponses } },
    },
    async (req) => dryRunDimensionImport(req.tenantCtx!, req.params.id, uploadedFile(req.body), req.locale),
  );

  app.post(
    `${base}/:id/import`,
    {
      config: { auth },
      bodyLimit: MAX_CSV_BYTES,
      schema: { tags, params: ObjectParams, response: { 200: DimensionImportResponse, ...fileResponses } },
    },
    async (req) =>
      importDimension(
        deps,
        req.tenantCtx!,
        req.params.id,
        uploadedFile(req.body),
        req.locale,
        userActor(req, req.user!),
      ),
  );

  // Excel (.xlsx): the same rows, checks, preview and all-or-nothing apply as the CSV routes.
  registerXlsxUpload(app);

  app.get(
    `${base}/:id/export/xlsx`,
    { config: { auth }, schema: { tags, params: ObjectParams, querystring: LangQuery } },
    async (req, reply) => {
      const ctx = req.tenantCtx!;
      const row = await objectById(modelDb(ctx.db.kysely), req.params.id, 'dimension');
      const dim = await translated(() => cubeStore.loadDimension(ctx.db, req.params.id));
      const lang = req.query.lang ?? req.locale;
      const name = `yosan-dimension-${row.code.replace(/[^\w.-]/g, '_')}-${lang}.xlsx`;
      return reply
        .type(XLSX_CONTENT_TYPE)
        .header('content-disposition', contentDisposition(name))
        .send(await exportDimensionXlsx(dim, row.code, lang));
    },
  );

  app.post(
    `${base}/:id/import/xlsx/dry-run`,
    {
      config: { auth },
      bodyLimit: MAX_XLSX_BYTES,
      schema: { tags, params: ObjectParams, response: { 200: DimensionDryRun, ...fileResponses } },
    },
    async (req) =>
      dryRunDimensionImport(req.tenantCtx!, req.params.id, uploadedFile(req.body), req.locale, 'xlsx'),
  );

  app.post(
    `${base}/:id/import/xlsx`,
    {
      config: { auth },
      bodyLimit: MAX_XLSX_BYTES,
      schema: { tags, params: ObjectParams, response: { 200: DimensionImportResponse, ...fileResponses } },
    },
    async (req) =>
      importDimension(
        deps,
        req.tenantCtx!,
        req.params.id,
        uploadedFile(req.body),
        req.locale,
        userActor(req, req.user!),
        'xlsx',
      ),
  );

  app.delete(
    `${base}/:id/elements/:code`,
    {
      config: { auth },
      schema: {
        tags,
        params: Type.Object({ ...ObjectParams.properties, code: Code }),
        querystring: Type.Object(
          {
            deleteFigures: Type.Optional(
              Type.Boolean({ description: 'also delete cube cells on the element (otherwise 409)' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: DimensionDetail, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      await deleteElement(
        deps,
        ctx,
        req.params.id,
        req.params.code,
        { deleteFigures: req.query.deleteFigures },
        userActor(req, req.user!),
      );
      return getDimension(ctx, req.params.id);
    },
  );
}
