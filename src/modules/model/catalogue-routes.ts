import type { App } from '../../platform/server/app.js';
import { userActor, type AppDeps } from '../../platform/server/context.js';
import { errorResponses } from '../shared-schemas.js';
import { SlugParams } from '../users/schemas.js';
import {
  categories,
  createObject,
  listObjects,
  objectById,
  presentObject,
  updateObject,
} from './catalogue.js';
import {
  CreateObjectBody,
  ObjectListQuery,
  ObjectListResponse,
  ObjectParams,
  ObjectResponse,
  UpdateObjectBody,
} from './schemas.js';
import { modelDb } from './tables.js';

export const MODEL_BASE = '/t/:slug/api/model';

/**
 * The model catalogue under `/t/:slug/api/model/objects` (§7): every dimension, cube,
 * form and portal with its names, category, description, origin and owner. Org admins
 * only until per-group model rights exist.
 */
export function catalogueRoutes(app: App, deps: AppDeps): void {
  const tags = ['model'];
  const auth = 'tenant-admin' as const;
  const base = `${MODEL_BASE}/objects`;

  app.get(
    base,
    {
      config: { auth },
      schema: {
        tags,
        params: SlugParams,
        querystring: ObjectListQuery,
        response: { 200: ObjectListResponse, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      const db = modelDb(ctx.db.kysely);
      return {
        items: (await listObjects(db, req.query)).map((r) => presentObject(r, ctx.tenant.time_zone)),
        categories: await categories(db),
      };
    },
  );

  app.post(
    base,
    {
      config: { auth },
      schema: {
        tags,
        params: SlugParams,
        body: CreateObjectBody,
        response: { 201: ObjectResponse, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = req.tenantCtx!;
      const row = await createObject(deps, ctx, req.body, userActor(req, req.user!));
      return reply.code(201).send({ object: presentObject(row, ctx.tenant.time_zone) });
    },
  );

  app.get(
    `${base}/:id`,
    {
      config: { auth },
      schema: { tags, params: ObjectParams, response: { 200: ObjectResponse, ...errorResponses } },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      const row = await objectById(modelDb(ctx.db.kysely), req.params.id);
      return { object: presentObject(row, ctx.tenant.time_zone) };
    },
  );

  app.patch(
    `${base}/:id`,
    {
      config: { auth },
      schema: {
        tags,
        params: ObjectParams,
        body: UpdateObjectBody,
        response: { 200: ObjectResponse, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      const row = await updateObject(deps, ctx, req.params.id, req.body, userActor(req, req.user!));
      return { object: presentObject(row, ctx.tenant.time_zone) };
    },
  );
}
