import { Type } from 'typebox';
import type { App } from '../../platform/server/app.js';
import { userActor, type AppDeps } from '../../platform/server/context.js';
import { formatInZone } from '../../platform/time/zoned.js';
import { errorResponses } from '../shared-schemas.js';
import { Code, ObjectParams } from '../model/schemas.js';
import { EventsResponse, SetupBody, TransitionBody, TransitionParams, WorkflowResponse } from './schemas.js';
import { getWorkflow, setUpWorkflow } from './service.js';
import { history, transition } from './transitions.js';

/**
 * The approval workflow of a portal under `/t/:slug/api/workflow/portals/:id`: read (org admins,
 * groups with a right on the portal, approvers), set up (org admins), transitions (who may is
 * decided per unit in service.ts), history.
 */
export function workflowRoutes(app: App, deps: AppDeps): void {
  const tags = ['workflow'];
  const base = '/t/:slug/api/workflow/portals/:id';

  app.get(
    base,
    {
      config: { auth: 'tenant-user' },
      schema: { tags, params: ObjectParams, response: { 200: WorkflowResponse, ...errorResponses } },
    },
    async (req) => ({ workflow: await getWorkflow(req.tenantCtx!, req.user!, req.params.id) }),
  );

  app.put(
    base,
    {
      config: { auth: 'tenant-admin' },
      schema: {
        tags,
        params: ObjectParams,
        body: SetupBody,
        response: { 200: WorkflowResponse, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      await setUpWorkflow(deps, ctx, req.params.id, req.body, userActor(req, req.user!));
      return { workflow: await getWorkflow(ctx, req.user!, req.params.id) };
    },
  );

  app.post(
    `${base}/units/:element/:action`,
    {
      config: { auth: 'tenant-user' },
      schema: {
        tags,
        params: TransitionParams,
        body: TransitionBody,
        response: { 200: WorkflowResponse, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      const { id, element, action } = req.params;
      await transition(
        deps,
        ctx,
        req.user!,
        id,
        element,
        action,
        req.body.comment ?? '',
        userActor(req, req.user!),
      );
      return { workflow: await getWorkflow(ctx, req.user!, id) };
    },
  );

  app.get(
    `${base}/events`,
    {
      config: { auth: 'tenant-user' },
      schema: {
        tags,
        params: ObjectParams,
        querystring: Type.Object({ element: Type.Optional(Code) }, { additionalProperties: false }),
        response: { 200: EventsResponse, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      const rows = await history(ctx, req.user!, req.params.id, req.query.element);
      return {
        items: rows.map((r) => ({
          element: r.element,
          action: r.action,
          from: r.from_state,
          to: r.to_state,
          comment: r.comment,
          by: r.by_name ?? null,
          at: formatInZone(r.at, ctx.tenant.time_zone),
        })),
      };
    },
  );
}
