import { Type } from 'typebox';
import type { App } from '../../platform/server/app.js';
import { operatorActor, type AppDeps } from '../../platform/server/context.js';
import { errorResponses } from '../shared-schemas.js';
import { SlugParams } from '../users/schemas.js';
import { PublishReleaseBody, ReleaseListResponse, ReleaseResponse, WhatsNewResponse } from './schemas.js';
import { listReleases, markSeen, presentRelease, publishRelease, whatsNew } from './service.js';

/**
 * Release notes (§13): operators publish and list them; org admins read the whole history;
 * every signed-in user gets the "what's new" notice once after an upgrade.
 */
export function releaseRoutes(app: App, deps: AppDeps): void {
  const tags = ['releases'];
  const opZone = deps.config.timeZone;

  app.get(
    '/api/operator/releases',
    {
      config: { auth: 'operator' },
      schema: { tags, response: { 200: ReleaseListResponse, ...errorResponses } },
    },
    async () => ({
      currentVersion: deps.version,
      items: (await listReleases(deps)).map((r) => presentRelease(r, opZone)),
    }),
  );

  app.post(
    '/api/operator/releases',
    {
      config: { auth: 'operator' },
      schema: { tags, body: PublishReleaseBody, response: { 201: ReleaseResponse, ...errorResponses } },
    },
    async (req, reply) => {
      const row = await publishRelease(deps, req.body, operatorActor(req, req.operator!));
      return reply.code(201).send({ release: presentRelease(row, opZone) });
    },
  );

  app.get(
    '/t/:slug/api/admin/releases',
    {
      config: { auth: 'tenant-admin' },
      schema: { tags, params: SlugParams, response: { 200: ReleaseListResponse, ...errorResponses } },
    },
    async (req) => {
      const zone = req.tenantCtx!.tenant.time_zone;
      return {
        currentVersion: deps.version,
        items: (await listReleases(deps)).map((r) => presentRelease(r, zone)),
      };
    },
  );

  app.get(
    '/t/:slug/api/whats-new',
    {
      config: { auth: 'tenant-user' },
      schema: { tags, params: SlugParams, response: { 200: WhatsNewResponse, ...errorResponses } },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      const news = await whatsNew(deps, ctx, req.user!.id);
      return { ...news, notes: news.notes.map((r) => presentRelease(r, ctx.tenant.time_zone)) };
    },
  );

  app.post(
    '/t/:slug/api/whats-new/seen',
    {
      config: { auth: 'tenant-user' },
      schema: { tags, params: SlugParams, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await markSeen(deps, req.tenantCtx!, req.user!.id);
      return reply.code(204).send(null);
    },
  );
}
