import { Type } from 'typebox';
import type { App } from '../../platform/server/app.js';
import { userActor, type AppDeps } from '../../platform/server/context.js';
import { errorResponses } from '../shared-schemas.js';
import { MODEL_BASE } from './catalogue-routes.js';
import {
  EffectiveRightsResponse,
  GroupRightsBody,
  effectiveRights,
  getGroupRights,
  setGroupRights,
} from './rights-service.js';
import { ObjectParams } from './schemas.js';

/** Org admins grant rights per group and see any user's effective rights (§9). */
export function rightsRoutes(app: App, deps: AppDeps): void {
  const tags = ['model'];
  const auth = 'tenant-admin' as const;
  const base = `${MODEL_BASE}/rights`;
  const GroupRights = Type.Object({ rights: GroupRightsBody });

  app.get(
    `${base}/groups/:id`,
    {
      config: { auth },
      schema: { tags, params: ObjectParams, response: { 200: GroupRights, ...errorResponses } },
    },
    async (req) => ({ rights: await getGroupRights(req.tenantCtx!, req.params.id) }),
  );

  app.put(
    `${base}/groups/:id`,
    {
      config: { auth },
      schema: {
        tags,
        params: ObjectParams,
        body: GroupRightsBody,
        response: { 200: GroupRights, ...errorResponses },
      },
    },
    async (req) => ({
      rights: await setGroupRights(deps, req.tenantCtx!, req.params.id, req.body, userActor(req, req.user!)),
    }),
  );

  app.get(
    `${base}/users/:id`,
    {
      config: { auth },
      schema: { tags, params: ObjectParams, response: { 200: EffectiveRightsResponse, ...errorResponses } },
    },
    async (req) => effectiveRights(req.tenantCtx!, req.params.id),
  );
}
