import { registerCsvUpload, uploadedFile } from '../../platform/csv/upload.js';
import type { App } from '../../platform/server/app.js';
import { userActor, type AppDeps } from '../../platform/server/context.js';
import { fileResponses } from '../csv-import-routes.js';
import { MODEL_BASE } from '../model/catalogue-routes.js';
import { ObjectParams } from '../model/schemas.js';
import { errorResponses } from '../shared-schemas.js';
import { getDefinition, saveDefinition } from './import-definition.js';
import { MAX_ACTUALS_BYTES } from './import-file.js';
import {
  ApplyResponse,
  DefinitionResponse,
  ImportDefinition,
  InspectResponse,
  PreviewResponse,
} from './import-schemas.js';
import { applyImport, inspectFile, previewImport } from './import-service.js';
import { withMessages } from './issues.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The actuals import of a cube: its saved definition, inspect, preview and apply (raw file body). */
export function actualsRoutes(app: App, deps: AppDeps): void {
  const tags = ['entry'];
  const auth = 'tenant-user' as const;
  const base = `${MODEL_BASE}/cubes/:id/actuals`;
  registerCsvUpload(app);
  if (!app.hasContentTypeParser(XLSX))
    app.addContentTypeParser(XLSX, { parseAs: 'buffer' }, (_req, body, done) => {
      done(null, body);
    });
  const file = { config: { auth }, bodyLimit: MAX_ACTUALS_BYTES } as const;

  app.get(
    `${base}/definition`,
    {
      config: { auth },
      schema: { tags, params: ObjectParams, response: { 200: DefinitionResponse, ...errorResponses } },
    },
    async (req) => getDefinition(req.tenantCtx!, req.user!, req.params.id),
  );

  app.put(
    `${base}/definition`,
    {
      // The mapping is the cube's configuration: org admins set it, planners import with it.
      config: { auth: 'tenant-admin' },
      schema: {
        tags,
        params: ObjectParams,
        body: ImportDefinition,
        response: { 200: DefinitionResponse, ...errorResponses },
      },
    },
    async (req) =>
      withMessages(req.locale, () =>
        saveDefinition(
          deps,
          req.tenantCtx!,
          req.user!,
          req.params.id,
          req.body,
          userActor(req, req.user!),
          req.locale,
        ),
      ),
  );

  app.post(
    `${base}/inspect`,
    { ...file, schema: { tags, params: ObjectParams, response: { 200: InspectResponse, ...fileResponses } } },
    async (req) => inspectFile(req.tenantCtx!, req.user!, req.params.id, uploadedFile(req.body)),
  );

  app.post(
    `${base}/preview`,
    { ...file, schema: { tags, params: ObjectParams, response: { 200: PreviewResponse, ...fileResponses } } },
    async (req) =>
      withMessages(req.locale, () =>
        previewImport(req.tenantCtx!, req.user!, req.params.id, uploadedFile(req.body), req.locale),
      ),
  );

  app.post(
    `${base}/import`,
    { ...file, schema: { tags, params: ObjectParams, response: { 200: ApplyResponse, ...fileResponses } } },
    async (req) =>
      withMessages(req.locale, () =>
        applyImport(
          deps,
          req.tenantCtx!,
          req.user!,
          req.params.id,
          uploadedFile(req.body),
          req.locale,
          userActor(req, req.user!),
        ),
      ),
  );
}
