import { createReadStream } from 'node:fs';
import { Type } from 'typebox';
import type { App } from '../../platform/server/app.js';
import { userActor, type AppDeps } from '../../platform/server/context.js';
import { formatInZone } from '../../platform/time/zoned.js';
import { errorResponses } from '../shared-schemas.js';
import { SlugParams } from '../users/schemas.js';
import type { ExportTable } from './tables.js';
import { listExports, openDownload, requestExport } from './service.js';

const ExportView = Type.Object({
  id: Type.String(),
  status: Type.Union([
    Type.Literal('queued'),
    Type.Literal('running'),
    Type.Literal('ready'),
    Type.Literal('failed'),
    Type.Literal('expired'),
  ]),
  progress: Type.Integer(),
  requestedBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  completedAt: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  bytes: Type.Union([Type.Integer(), Type.Null()]),
  sha256: Type.Union([Type.String(), Type.Null()]),
  downloads: Type.Integer(),
});
const ExportParams = Type.Object({
  slug: Type.String({ maxLength: 64 }),
  id: Type.String({ maxLength: 64 }),
});

function present(e: ExportTable, zone: string) {
  const t = (v: string | null) => (v ? formatInZone(v, zone) : null);
  return {
    id: e.id,
    status: e.status,
    progress: Number(e.progress),
    requestedBy: e.requested_by_name,
    createdAt: formatInZone(e.created_at, zone),
    completedAt: t(e.completed_at),
    expiresAt: t(e.expires_at),
    bytes: e.bytes === null ? null : Number(e.bytes),
    sha256: e.sha256,
    downloads: Number(e.downloads),
  };
}

/** Customer export of the whole tenant (org admins, §5) under `/t/:slug/api/admin/exports`. */
export function exportRoutes(app: App, deps: AppDeps): void {
  const tags = ['exports'];
  const auth = 'tenant-admin' as const;
  const base = '/t/:slug/api/admin/exports';

  app.post(
    base,
    {
      config: { auth },
      schema: {
        tags,
        params: SlugParams,
        response: { 202: Type.Object({ export: ExportView }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = req.tenantCtx!;
      const row = await requestExport(deps, ctx, userActor(req, req.user!));
      return reply.code(202).send({ export: present(row, ctx.tenant.time_zone) });
    },
  );

  app.get(
    base,
    {
      config: { auth },
      schema: {
        tags,
        params: SlugParams,
        response: {
          200: Type.Object({ items: Type.Array(ExportView), days: Type.Integer() }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      return { items: (await listExports(ctx)).map((e) => present(e, ctx.tenant.time_zone)), days: 7 };
    },
  );

  app.get(
    `${base}/:id/download`,
    {
      config: { auth },
      schema: {
        tags,
        params: ExportParams,
        response: { 200: Type.Unknown({ description: 'The zip archive' }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = req.tenantCtx!;
      const { file, row } = await openDownload(deps, ctx, req.params.id, userActor(req, req.user!));
      const day = formatInZone(row.created_at, ctx.tenant.time_zone).slice(0, 10).replace(/-/g, '');
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="yosan-export-${ctx.tenant.slug}-${day}.zip"`)
        .send(createReadStream(file));
    },
  );
}
