import { csvContentType, CsvCharsetQuery } from '../../platform/csv/encoding.js';
import { registerCsvUpload, uploadedFile } from '../../platform/csv/upload.js';
import type { App } from '../../platform/server/app.js';
import { userActor, type AppDeps } from '../../platform/server/context.js';
import { contentDisposition } from '../../platform/server/download.js';
import { MAX_XLSX_BYTES, XLSX_CONTENT_TYPE } from '../../platform/xlsx/read.js';
import { registerXlsxUpload } from '../../platform/xlsx/upload.js';
import { fileResponses } from '../csv-import-routes.js';
import { errorResponses } from '../shared-schemas.js';
import { MODEL_BASE } from './catalogue-routes.js';
import { exportFormCsv } from './form-csv.js';
import { exportFormXlsx } from './form-xlsx.js';
import {
  FormCsvBody,
  FormXlsxApplied,
  FormXlsxApplyBody,
  FormXlsxBody,
  FormXlsxPreview,
} from './form-xlsx-schemas.js';
import { applyFormXlsx, previewFormXlsx } from './form-xlsx-service.js';
import { ObjectParams } from './schemas.js';

/**
 * A form's Excel round trip under `/t/:slug/api/model/forms/:id/xlsx`: download the grid as a
 * workbook, preview an edited one (raw body: the .xlsx type, `application/octet-stream` or
 * `text/csv` as the web client sends files), apply a preview. Any user who may open the form;
 * rights are checked per cell exactly as the form's own open and save. Beside it, the same grid
 * as CSV (`…/forms/:id/csv?charset=utf8|sjis`, download only). Forms and reports alike.
 */
export function formXlsxRoutes(app: App, deps: AppDeps): void {
  const tags = ['model'];
  const auth = 'tenant-user' as const;
  const base = `${MODEL_BASE}/forms/:id/xlsx`;
  registerCsvUpload(app);
  registerXlsxUpload(app);

  app.post(
    base,
    { config: { auth }, schema: { tags, params: ObjectParams, body: FormXlsxBody } },
    async (req, reply) => {
      const file = await exportFormXlsx(
        deps,
        req.tenantCtx!,
        req.user!,
        req.params.id,
        req.body.choices ?? {},
        req.body.lang ?? req.locale,
        req.body.drill?.row,
      );
      return reply
        .type(XLSX_CONTENT_TYPE)
        .header('content-disposition', contentDisposition(file.names.name, file.names.ascii))
        .send(file.bytes);
    },
  );

  app.post(
    `${MODEL_BASE}/forms/:id/csv`,
    {
      config: { auth },
      schema: { tags, params: ObjectParams, querystring: CsvCharsetQuery, body: FormCsvBody },
    },
    async (req, reply) => {
      const charset = req.query.charset ?? 'utf8';
      const file = await exportFormCsv(
        deps,
        req.tenantCtx!,
        req.user!,
        req.params.id,
        req.body.choices ?? {},
        req.body.lang ?? req.locale,
        charset,
        req.body.drill?.row,
      );
      return reply
        .type(csvContentType(charset))
        .header('content-disposition', contentDisposition(file.names.name, file.names.ascii))
        .send(file.bytes);
    },
  );

  app.post(
    `${base}/preview`,
    {
      config: { auth },
      bodyLimit: MAX_XLSX_BYTES,
      schema: { tags, params: ObjectParams, response: { 200: FormXlsxPreview, ...fileResponses } },
    },
    async (req) =>
      previewFormXlsx(deps, req.tenantCtx!, req.user!, req.params.id, uploadedFile(req.body), req.locale),
  );

  app.post(
    `${base}/apply`,
    {
      config: { auth },
      schema: {
        tags,
        params: ObjectParams,
        body: FormXlsxApplyBody,
        response: { 200: FormXlsxApplied, ...errorResponses },
      },
    },
    async (req) =>
      applyFormXlsx(
        deps,
        req.tenantCtx!,
        req.user!,
        req.params.id,
        req.body.token,
        req.locale,
        userActor(req, req.user!),
      ),
  );
}
