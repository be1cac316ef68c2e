import type { App } from '../../platform/server/app.js';
import { userActor, type AppDeps } from '../../platform/server/context.js';
import { errorResponses } from '../shared-schemas.js';
import { MODEL_BASE } from './catalogue-routes.js';
import {
  EffectiveObjectsResponse,
  ObjectRightsBody,
  ObjectRightsResponse,
  effectiveObjectRights,
  getObjectRights,
  setObjectRights,
} from './rights-objects.js';
import { ObjectParams } from './schemas.js';

/**
 * Rights seen from one object (which groups read / write a cube, form or portal) and a user's
 * effective object rights, for the org-admin rights screens (§9).
 */
export function objectRightsRoutes(app: App, deps: AppDeps): void {
  const tags = ['model'];
  const auth = 'tenant-admin' as const;
  const base = `${MODEL_BASE}/rights`;

  app.get(
    `${base}/objects/:id`,
    {
      config: { auth },
      schema: { tags, params: ObjectParams, response: { 200: ObjectRightsResponse, ...errorResponses } },
    },
    async (req) => getObjectRights(req.tenantCtx!, req.params.id),
  );

  app.put(
    `${base}/objects/:id`,
    {
      config: { auth },
      schema: {
        tags,
        params: ObjectParams,
        body: ObjectRightsBody,
        response: { 200: ObjectRightsResponse, ...errorResponses },
      },
    },
    async (req) =>
      setObjectRights(deps, req.tenantCtx!, req.params.id, req.body, userActor(req, req.user!), req.locale),
  );

  app.get(
    `${base}/users/:id/objects`,
    {
      config: { auth },
      schema: { tags, params: ObjectParams, response: { 200: EffectiveObjectsResponse, ...errorResponses } },
    },
    async (req) => effectiveObjectRights(req.tenantCtx!, req.params.id),
  );
}
