import type { App } from '../../platform/server/app.js';
import { userActor, type AppDeps } from '../../platform/server/context.js';
import { errorResponses } from '../shared-schemas.js';
import { SlugParams } from '../users/schemas.js';
import { MODEL_BASE } from './catalogue-routes.js';
import {
  CellsBody,
  CellsResponse,
  CreateCubeBody,
  CubeListResponse,
  CubeView,
  GridBody,
  GridResponse,
} from './cube-schemas.js';
import { createCube, getCube, listCubes, readGrid, writeCells } from './cube-service.js';
import { ObjectParams } from './schemas.js';

/** Cubes under `/t/:slug/api/model/cubes`: create, list with size and last change, grid, cell writes. */
export function cubeRoutes(app: App, deps: AppDeps): void {
  const tags = ['model'];
  const auth = 'tenant-user' as const; // rights are checked per cube and per cell (rights.ts)
  const base = `${MODEL_BASE}/cubes`;

  app.get(
    base,
    {
      config: { auth },
      schema: { tags, params: SlugParams, response: { 200: CubeListResponse, ...errorResponses } },
    },
    async (req) => ({ items: await listCubes(req.tenantCtx!, req.user!) }),
  );

  app.post(
    base,
    {
      config: { auth: 'tenant-admin' },
      schema: {
        tags,
        params: SlugParams,
        body: CreateCubeBody,
        response: { 201: CubeView, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = req.tenantCtx!;
      const id = await createCube(deps, ctx, req.body, userActor(req, req.user!));
      return reply.code(201).send(await getCube(ctx, req.user!, id));
    },
  );

  app.get(
    `${base}/:id`,
    {
      config: { auth },
      schema: { tags, params: ObjectParams, response: { 200: CubeView, ...errorResponses } },
    },
    async (req) => getCube(req.tenantCtx!, req.user!, req.params.id),
  );

  app.post(
    `${base}/:id/grid`,
    {
      config: { auth },
      schema: {
        tags,
        params: ObjectParams,
        body: GridBody,
        response: { 200: GridResponse, ...errorResponses },
      },
    },
    // Up to 100,000 cells: JSON.stringify is ~10× faster than the schema serializer on such
    // matrices, and keeps the event loop free for other tenants (issue 21 point 1).
    async (req, reply) =>
      reply
        .serializer(JSON.stringify)
        .send(await readGrid(req.tenantCtx!, req.user!, req.params.id, req.body)),
  );

  app.post(
    `${base}/:id/cells`,
    {
      config: { auth },
      schema: {
        tags,
        params: ObjectParams,
        body: CellsBody,
        response: { 200: CellsResponse, ...errorResponses },
      },
    },
    async (req) =>
      writeCells(deps, req.tenantCtx!, req.user!, req.params.id, req.body, userActor(req, req.user!)),
  );
}
