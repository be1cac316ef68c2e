import { Type } from 'typebox';
import { registerCsvUpload, uploadedFile } from '../../platform/csv/upload.js';
import type { App } from '../../platform/server/app.js';
import { operatorActor, userActor, type AppDeps } from '../../platform/server/context.js';
import { formatInZone } from '../../platform/time/zoned.js';
import { fileResponses } from '../csv-import-routes.js';
import { errorResponses } from '../shared-schemas.js';
import { SlugParams } from '../users/schemas.js';
import {
  distribute,
  listProviderPackages,
  packageFileFor,
  tenantPackages,
  uploadPackage,
  type ProviderPackageView as ProviderRow,
} from './distribution.js';
import { LIMITS } from './format.js';
import { fileFromMultipart } from './multipart.js';
import {
  ApplyBody,
  DistributeBody,
  ExportBody,
  InstallResponse,
  OperatorPackageParams,
  PackageIdParams,
  PackageListResponse,
  PreviewResponse,
  ProviderPackageList,
  ProviderPackageResponse,
} from './schemas.js';
import { applyPreview, exportPackage, installPackage, previewPackage } from './service.js';

const BASE = '/t/:slug/api/model/packages';

/** Model packages (§7): the tenant's list, export, import (preview → apply), provider offers. */
export function packageRoutes(app: App, deps: AppDeps): void {
  registerCsvUpload(app);
  const tags = ['packages'];
  const auth = 'tenant-admin' as const;

  app.get(
    BASE,
    {
      config: { auth },
      schema: { tags, params: SlugParams, response: { 200: PackageListResponse, ...errorResponses } },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      const list = await tenantPackages(deps, ctx);
      return {
        installed: list.installed.map((i) => ({
          code: i.code,
          version: i.version,
          name: { ja: i.name_ja, en: i.name_en },
          origin: i.origin,
          withFigures: i.with_figures === 1,
          objects: JSON.parse(i.objects) as { kind: 'dimension'; code: string }[],
          installedAt: formatInZone(i.installed_at, ctx.tenant.time_zone),
        })),
        available: list.available.map((a) => ({
          id: a.id,
          code: a.code,
          version: a.version,
          name: { ja: a.name_ja, en: a.name_en },
          description: a.description,
          objectCount: Number(a.object_count),
          withFigures: Number(a.with_figures) === 1,
          state: a.state,
          installedVersion: a.installedVersion,
        })),
        demo: list.demo,
      };
    },
  );

  app.post(
    `${BASE}/export`,
    {
      config: { auth },
      schema: {
        tags,
        params: SlugParams,
        body: ExportBody,
        response: { 200: Type.Unknown({ description: 'The .yosanpkg file' }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { file, manifest } = await exportPackage(
        deps,
        req.tenantCtx!,
        req.body,
        userActor(req, req.user!),
      );
      return reply
        .type('application/octet-stream')
        .header('content-disposition', `attachment; filename="${manifest.code}-${manifest.version}.yosanpkg"`)
        .send(file);
    },
  );

  app.post(
    `${BASE}/apply`,
    {
      config: { auth },
      schema: {
        tags,
        params: SlugParams,
        body: ApplyBody,
        response: { 200: InstallResponse, ...errorResponses },
      },
    },
    async (req) => applyPreview(deps, req.tenantCtx!, req.body.token, userActor(req, req.user!)),
  );

  app.post(
    `${BASE}/available/:id/preview`,
    {
      config: { auth },
      schema: { tags, params: PackageIdParams, response: { 200: PreviewResponse, ...fileResponses } },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      const file = await packageFileFor(deps, ctx.tenant.id, req.params.id);
      return previewPackage(ctx, file, { origin: 'provider', providerPackageId: req.params.id });
    },
  );

  app.post(
    `${BASE}/available/:id/install`,
    {
      config: { auth },
      schema: { tags, params: PackageIdParams, response: { 200: InstallResponse, ...fileResponses } },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      const file = await packageFileFor(deps, ctx.tenant.id, req.params.id);
      return installPackage(
        deps,
        ctx,
        file,
        { origin: 'provider', providerPackageId: req.params.id },
        userActor(req, req.user!),
      );
    },
  );

  operatorPackageRoutes(app, deps);
  fileRoutes(app, deps);
}

function presentProvider(r: ProviderRow, zone: string) {
  return {
    id: r.id,
    code: r.code,
    version: r.version,
    name: { ja: r.name_ja, en: r.name_en },
    description: r.description,
    objectCount: Number(r.object_count),
    withFigures: Number(r.with_figures) === 1,
    builtin: Number(r.all_tenants) === 1,
    sha256: r.sha256,
    uploadedAt: formatInZone(r.uploaded_at, zone),
    tenantIds: r.tenantIds,
  };
}

/** The operator console: upload package versions and distribute them to chosen tenants. */
function operatorPackageRoutes(app: App, deps: AppDeps): void {
  const tags = ['packages'];
  const auth = 'operator' as const;
  const zone = deps.config.timeZone;

  app.get(
    '/api/operator/packages',
    { config: { auth }, schema: { tags, response: { 200: ProviderPackageList, ...errorResponses } } },
    async () => ({ items: (await listProviderPackages(deps)).map((r) => presentProvider(r, zone)) }),
  );

  app.post(
    '/api/operator/packages/:id/distribute',
    {
      config: { auth },
      schema: {
        tags,
        params: OperatorPackageParams,
        body: DistributeBody,
        response: { 200: ProviderPackageResponse, ...errorResponses },
      },
    },
    async (req) => {
      await distribute(deps, req.params.id, req.body.tenantIds, operatorActor(req, req.operator!));
      const row = (await listProviderPackages(deps)).find((r) => r.id === req.params.id)!;
      return { package: presentProvider(row, zone) };
    },
  );
}

/**
 * The two routes that take a package file: raw bytes (`application/octet-stream`) or a
 * `multipart/form-data` form with one file — the multipart parser exists in this scope only.
 */
function fileRoutes(app: App, deps: AppDeps): void {
  const tags = ['packages'];
  const zone = deps.config.timeZone;
  void app.register((scope, _opts, done) => {
    scope.addContentTypeParser(
      'multipart/form-data',
      { parseAs: 'buffer', bodyLimit: LIMITS.compressedBytes + 64 * 1024 },
      (req, body, next) => {
        try {
          next(null, fileFromMultipart(req.headers['content-type'], body as Buffer));
        } catch (error) {
          next(error as Error);
        }
      },
    );
    const bodyLimit = LIMITS.compressedBytes + 64 * 1024; // the parsers' own limits; the reader checks the file's
    scope.post(
      `${BASE}/preview`,
      {
        config: { auth: 'tenant-admin' },
        bodyLimit,
        schema: { tags, params: SlugParams, response: { 200: PreviewResponse, ...fileResponses } },
      },
      async (req) =>
        previewPackage(req.tenantCtx!, uploadedFile(req.body), { origin: 'tenant', providerPackageId: null }),
    );

    {
      scope.post(
        '/api/operator/packages',
        {
          config: { auth: 'operator' },
          bodyLimit,
          schema: { tags, response: { 201: ProviderPackageResponse, ...fileResponses } },
        },
        async (req, reply) => {
          const row = await uploadPackage(deps, uploadedFile(req.body), operatorActor(req, req.operator!));
          return reply.code(201).send({ package: presentProvider({ ...row, tenantIds: [] }, zone) });
        },
      );
    }
    done();
  });
}
