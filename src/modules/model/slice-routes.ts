import { Type } from 'typebox';
import type { App } from '../../platform/server/app.js';
import { userActor, type AppDeps } from '../../platform/server/context.js';
import { errorResponses } from '../shared-schemas.js';
import { MODEL_BASE } from './catalogue-routes.js';
import { CellsResponse } from './cube-schemas.js';
import { listLocks, lockSlice, unlockSlice } from './locks.js';
import { Code, ObjectParams } from './schemas.js';
import { copySlice } from './slice-copy.js';

const strict = { additionalProperties: false } as const;
const LockBody = Type.Object(
  { dimension: Code, element: Code, note: Type.Optional(Type.String({ maxLength: 500 })) },
  strict,
);
const LockView = Type.Object({
  dimension: Type.String(),
  element: Type.String(),
  note: Type.String(),
  lockedBy: Type.Union([Type.String(), Type.Null()]),
  lockedAt: Type.String({ description: 'ISO 8601 in the tenant zone' }),
});
const LockParams = Type.Object({
  slug: Type.String({ maxLength: 64 }),
  id: Type.String({ maxLength: 64 }),
  dimension: Code,
  element: Code,
});
const CopyBody = Type.Object(
  {
    dimension: Code,
    from: Code,
    to: Code,
    filter: Type.Optional(
      Type.Record(Code, Type.Array(Code, { minItems: 1, maxItems: 200 }), { maxProperties: 12 }),
    ),
  },
  strict,
);

/**
 * Slice operations on a cube (issue 7): locked slices (read: anyone who may read the cube; lock and
 * unlock: org admins) and copying a scenario/version slice to another (rights checked per cell).
 */
export function sliceRoutes(app: App, deps: AppDeps): void {
  const tags = ['model'];
  const base = `${MODEL_BASE}/cubes/:id`;

  app.get(
    `${base}/locks`,
    {
      config: { auth: 'tenant-user' },
      schema: {
        tags,
        params: ObjectParams,
        response: { 200: Type.Object({ items: Type.Array(LockView) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await listLocks(req.tenantCtx!, req.user!, req.params.id) }),
  );

  app.post(
    `${base}/locks`,
    {
      config: { auth: 'tenant-admin' },
      schema: {
        tags,
        params: ObjectParams,
        body: LockBody,
        response: { 200: Type.Object({ items: Type.Array(LockView) }), ...errorResponses },
      },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      await lockSlice(deps, ctx, req.user!, req.params.id, req.body, userActor(req, req.user!));
      return { items: await listLocks(ctx, req.user!, req.params.id) };
    },
  );

  app.delete(
    `${base}/locks/:dimension/:element`,
    {
      config: { auth: 'tenant-admin' },
      schema: {
        tags,
        params: LockParams,
        response: { 200: Type.Object({ items: Type.Array(LockView) }), ...errorResponses },
      },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      const { id, dimension, element } = req.params;
      await unlockSlice(deps, ctx, req.user!, id, { dimension, element }, userActor(req, req.user!));
      return { items: await listLocks(ctx, req.user!, id) };
    },
  );

  app.post(
    `${base}/copy`,
    {
      config: { auth: 'tenant-user' }, // write right on every target cell, read on its source (slice-copy.ts)
      schema: {
        tags,
        params: ObjectParams,
        body: CopyBody,
        response: { 200: CellsResponse, ...errorResponses },
      },
    },
    async (req) =>
      copySlice(deps, req.tenantCtx!, req.user!, req.params.id, req.body, userActor(req, req.user!)),
  );
}
