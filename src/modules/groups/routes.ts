import { Type } from 'typebox';
import { registerCsvUpload } from '../../platform/csv/upload.js';
import type { App } from '../../platform/server/app.js';
import { userActor, type AppDeps, type TenantContext } from '../../platform/server/context.js';
import { errorResponses } from '../shared-schemas.js';
import { csvImportRoutes } from '../csv-import-routes.js';
import { SlugParams } from '../users/schemas.js';
import { presentUsers } from '../users/service.js';
import {
  CreateGroupBody,
  GroupDetailResponse,
  GroupImportResponse,
  GroupListQuery,
  GroupListResponse,
  GroupParams,
  GroupResponse,
  MembersBody,
  UpdateGroupBody,
} from './schemas.js';
import {
  changeMembers,
  createGroup,
  deleteGroup,
  dryRunGroupImport,
  getGroup,
  groupMembers,
  groupTemplate,
  importGroups,
  listGroups,
  presentGroup,
  updateGroup,
} from './service.js';

async function detail(ctx: TenantContext, id: string) {
  const group = await getGroup(ctx, id);
  return {
    group: presentGroup(group, ctx.tenant.time_zone),
    members: await presentUsers(ctx, await groupMembers(ctx, id)),
  };
}

/** Org admins' group administration under `/t/:slug/api/admin/groups` (§7). */
export function groupRoutes(app: App, deps: AppDeps): void {
  const tags = ['groups'];
  const auth = 'tenant-admin' as const;
  const base = '/t/:slug/api/admin/groups';
  registerCsvUpload(app);

  app.get(
    base,
    {
      config: { auth },
      schema: {
        tags,
        params: SlugParams,
        querystring: GroupListQuery,
        response: { 200: GroupListResponse, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      return {
        items: (await listGroups(ctx, req.query.q)).map((g) => presentGroup(g, ctx.tenant.time_zone)),
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
        body: CreateGroupBody,
        response: { 201: GroupResponse, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = req.tenantCtx!;
      const group = await createGroup(deps, ctx, req.body, userActor(req, req.user!));
      return reply.code(201).send({ group: presentGroup(group, ctx.tenant.time_zone) });
    },
  );

  csvImportRoutes(app, {
    base,
    tags,
    fileName: 'yosan-groups',
    template: groupTemplate,
    dryRun: dryRunGroupImport,
    importFile: (ctx, file, locale, actor) => importGroups(deps, ctx, file, locale, actor),
    importResponse: GroupImportResponse,
  });

  app.get(
    `${base}/:id`,
    {
      config: { auth },
      schema: { tags, params: GroupParams, response: { 200: GroupDetailResponse, ...errorResponses } },
    },
    async (req) => detail(req.tenantCtx!, req.params.id),
  );

  app.patch(
    `${base}/:id`,
    {
      config: { auth },
      schema: {
        tags,
        params: GroupParams,
        body: UpdateGroupBody,
        response: { 200: GroupResponse, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      const group = await updateGroup(deps, ctx, req.params.id, req.body, userActor(req, req.user!));
      return { group: presentGroup(group, ctx.tenant.time_zone) };
    },
  );

  app.delete(
    `${base}/:id`,
    {
      config: { auth },
      schema: { tags, params: GroupParams, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await deleteGroup(deps, req.tenantCtx!, req.params.id, userActor(req, req.user!));
      return reply.code(204).send(null);
    },
  );

  for (const [suffix, add] of [
    ['members', true],
    ['members/remove', false],
  ] as const) {
    app.post(
      `${base}/:id/${suffix}`,
      {
        config: { auth },
        schema: {
          tags,
          params: GroupParams,
          body: MembersBody,
          response: { 200: GroupDetailResponse, ...errorResponses },
        },
      },
      async (req) => {
        const ctx = req.tenantCtx!;
        await changeMembers(deps, ctx, req.params.id, req.body.userIds, add, userActor(req, req.user!));
        return detail(ctx, req.params.id);
      },
    );
  }
}
