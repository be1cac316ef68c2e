import { Type } from 'typebox';
import { registerCsvUpload } from '../../platform/csv/upload.js';
import type { App } from '../../platform/server/app.js';
import { userActor, type AppDeps } from '../../platform/server/context.js';
import { csvContentType } from '../../platform/csv/encoding.js';
import { contentDisposition } from '../../platform/server/download.js';
import { formatInZone } from '../../platform/time/zoned.js';
import { CsvDownloadQuery, csvImportRoutes } from '../csv-import-routes.js';
import { errorResponses } from '../shared-schemas.js';
import {
  BatchParams,
  CreateUserBody,
  ImportProgress,
  ImportResponse,
  RoleBody,
  SlugParams,
  UpdateUserBody,
  UserListQuery,
  UserPage,
  UserParams,
  UserResponse,
} from './schemas.js';
import { exportUsers } from './export.js';
import { dryRunUserImport, importProgress, importUsers, userTemplate } from './import-service.js';
import {
  createUser,
  deleteUser,
  getUser,
  listUsers,
  presentOne,
  resendInvitation,
  revokeSessions,
  setOrgAdmin,
  updateUser,
} from './service.js';

/** Org admins' user administration and CSV registration under `/t/:slug/api/admin/users` (§8, §9). */
export function userRoutes(app: App, deps: AppDeps): void {
  const tags = ['users'];
  const auth = 'tenant-admin' as const;
  const base = '/t/:slug/api/admin/users';
  registerCsvUpload(app);

  app.get(
    base,
    {
      config: { auth },
      schema: {
        tags,
        params: SlugParams,
        querystring: UserListQuery,
        response: { 200: UserPage, ...errorResponses },
      },
    },
    async (req) => {
      const { q, group, role, state, page, pageSize } = req.query;
      return listUsers(
        req.tenantCtx!,
        { q: q?.trim(), groupId: group, role, state },
        page ?? 1,
        pageSize ?? 50,
        deps.clock(),
      );
    },
  );

  app.post(
    base,
    {
      config: { auth },
      schema: {
        tags,
        params: SlugParams,
        body: CreateUserBody,
        response: { 201: UserResponse, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = req.tenantCtx!;
      const user = await createUser(deps, ctx, req.body, userActor(req, req.user!));
      return reply.code(201).send({ user: await presentOne(ctx, user) });
    },
  );

  // The users list in the bulk-registration format (edit in Excel, import again).
  app.get(
    `${base}/export`,
    { config: { auth }, schema: { tags, params: SlugParams, querystring: CsvDownloadQuery } },
    async (req, reply) => {
      const lang = req.query.lang ?? req.locale;
      const charset = req.query.charset ?? 'utf8';
      const body = await exportUsers(req.tenantCtx!, userActor(req, req.user!), lang, charset);
      const { tenant } = req.tenantCtx!;
      const day = formatInZone(deps.clock().toISOString(), tenant.time_zone).slice(0, 10).replace(/-/g, '');
      const name = `${lang === 'ja' ? 'ユーザー' : 'users'}_${tenant.slug}_${day}.csv`;
      return reply
        .type(csvContentType(charset))
        .header('content-disposition', contentDisposition(name, `users_${tenant.slug}_${day}.csv`))
        .send(body);
    },
  );

  csvImportRoutes(app, {
    base,
    tags,
    fileName: 'yosan-users',
    template: userTemplate,
    dryRun: dryRunUserImport,
    importFile: (ctx, file, locale, actor) => importUsers(deps, ctx, file, locale, actor),
    importResponse: ImportResponse,
  });

  app.get(
    `${base}/import/:batchId`,
    {
      config: { auth },
      schema: { tags, params: BatchParams, response: { 200: ImportProgress, ...errorResponses } },
    },
    async (req) => importProgress(deps, req.tenantCtx!, req.params.batchId),
  );

  app.get(
    `${base}/:id`,
    {
      config: { auth },
      schema: { tags, params: UserParams, response: { 200: UserResponse, ...errorResponses } },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      return { user: await presentOne(ctx, await getUser(ctx, req.params.id)) };
    },
  );

  app.patch(
    `${base}/:id`,
    {
      config: { auth },
      schema: {
        tags,
        params: UserParams,
        body: UpdateUserBody,
        response: { 200: UserResponse, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      const user = await updateUser(deps, ctx, req.params.id, req.body, userActor(req, req.user!));
      return { user: await presentOne(ctx, user) };
    },
  );

  app.post(
    `${base}/:id/invitation`,
    {
      config: { auth },
      schema: { tags, params: UserParams, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await resendInvitation(deps, req.tenantCtx!, req.params.id, userActor(req, req.user!));
      return reply.code(204).send(null);
    },
  );

  app.delete(
    `${base}/:id`,
    {
      config: { auth },
      schema: { tags, params: UserParams, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await deleteUser(deps, req.tenantCtx!, req.params.id, userActor(req, req.user!));
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${base}/:id/role`,
    {
      config: { auth },
      schema: {
        tags,
        params: UserParams,
        body: RoleBody,
        response: { 200: UserResponse, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      const user = await setOrgAdmin(
        deps,
        ctx,
        req.params.id,
        req.body.isOrgAdmin,
        userActor(req, req.user!),
      );
      return { user: await presentOne(ctx, user) };
    },
  );

  app.post(
    `${base}/:id/sessions/revoke`,
    {
      config: { auth },
      schema: { tags, params: UserParams, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await revokeSessions(deps, req.tenantCtx!, req.params.id, userActor(req, req.user!));
      return reply.code(204).send(null);
    },
  );
}
