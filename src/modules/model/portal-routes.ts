import { Type } from 'typebox';
import type { App } from '../../platform/server/app.js';
import { userActor, type AppDeps } from '../../platform/server/context.js';
import { errorResponses } from '../shared-schemas.js';
import { SlugParams } from '../users/schemas.js';
import { MODEL_BASE } from './catalogue-routes.js';
import {
  AnnouncementBody,
  AnnouncementParams,
  CreatePortalBody,
  PortalDefinitionResponse,
  PortalListResponse,
  PortalPage,
  UpdatePortalBody,
} from './portal-schemas.js';
import {
  addAnnouncement,
  createPortal,
  deletePortal,
  editAnnouncement,
  listMyPortals,
  portalDefinition,
  portalPage,
  removeAnnouncement,
  updatePortalTiles,
} from './portal-service.js';
import { ObjectParams } from './schemas.js';

/**
 * Portals under `/t/:slug/api/model/portals`: every signed-in user lists and opens the portals
 * their groups may read (rights checked in the service); org admins build them.
 */
export function portalRoutes(app: App, deps: AppDeps): void {
  const tags = ['model'];
  const base = `${MODEL_BASE}/portals`;
  const admin = { auth: 'tenant-admin' as const };

  app.get(
    base,
    {
      config: { auth: 'tenant-user' },
      schema: { tags, params: SlugParams, response: { 200: PortalListResponse, ...errorResponses } },
    },
    async (req) => ({ items: await listMyPortals(req.tenantCtx!, req.user!) }),
  );

  app.post(
    base,
    {
      config: admin,
      schema: {
        tags,
        params: SlugParams,
        body: CreatePortalBody,
        response: { 201: PortalPage, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = req.tenantCtx!;
      const id = await createPortal(deps, ctx, req.body, userActor(req, req.user!), req.locale);
      return reply.code(201).send(await portalPage(ctx, req.user!, id));
    },
  );

  app.get(
    `${base}/:id`,
    {
      config: { auth: 'tenant-user' },
      schema: { tags, params: ObjectParams, response: { 200: PortalPage, ...errorResponses } },
    },
    async (req) => portalPage(req.tenantCtx!, req.user!, req.params.id),
  );

  app.get(
    `${base}/:id/definition`,
    {
      config: admin,
      schema: { tags, params: ObjectParams, response: { 200: PortalDefinitionResponse, ...errorResponses } },
    },
    async (req) => portalDefinition(req.tenantCtx!, req.params.id),
  );

  app.put(
    `${base}/:id`,
    {
      config: admin,
      schema: {
        tags,
        params: ObjectParams,
        body: UpdatePortalBody,
        response: { 200: PortalDefinitionResponse, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      await updatePortalTiles(
        deps,
        ctx,
        req.params.id,
        req.body.tiles,
        userActor(req, req.user!),
        req.locale,
      );
      return portalDefinition(ctx, req.params.id);
    },
  );

  app.delete(
    `${base}/:id`,
    {
      config: admin,
      schema: { tags, params: ObjectParams, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await deletePortal(deps, req.tenantCtx!, req.params.id, userActor(req, req.user!));
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${base}/:id/announcements`,
    {
      config: admin,
      schema: {
        tags,
        params: ObjectParams,
        body: AnnouncementBody,
        response: { 201: PortalDefinitionResponse, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = req.tenantCtx!;
      await addAnnouncement(deps, ctx, req.params.id, req.body, userActor(req, req.user!), req.locale);
      return reply.code(201).send(await portalDefinition(ctx, req.params.id));
    },
  );

  app.put(
    `${base}/:id/announcements/:announcementId`,
    {
      config: admin,
      schema: {
        tags,
        params: AnnouncementParams,
        body: AnnouncementBody,
        response: { 200: PortalDefinitionResponse, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      const { id, announcementId } = req.params;
      await editAnnouncement(deps, ctx, id, announcementId, req.body, userActor(req, req.user!), req.locale);
      return portalDefinition(ctx, id);
    },
  );

  app.delete(
    `${base}/:id/announcements/:announcementId`,
    {
      config: admin,
      schema: {
        tags,
        params: AnnouncementParams,
        response: { 200: PortalDefinitionResponse, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      const { id, announcementId } = req.params;
      await removeAnnouncement(deps, ctx, id, announcementId, userActor(req, req.user!));
      return portalDefinition(ctx, id);
    },
  );
}
