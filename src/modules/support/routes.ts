import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { appendAudit } from '../../platform/audit/audit-log.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors/app-error.js';
import { registerCsvUpload, uploadedFile } from '../../platform/csv/upload.js';
import type { App } from '../../platform/server/app.js';
import { operatorActor, userActor, type AppDeps, type TenantContext } from '../../platform/server/context.js';
import { errorResponses } from '../shared-schemas.js';
import { SlugParams } from '../users/schemas.js';
import { MAX_ATTACHMENT_BYTES } from './attachments.js';
import { presentAttachment, presentDetail, presentTicket } from './presenters.js';
import { supportRepo } from './repository.js';
import {
  AccessBody,
  AccessSettings,
  AttachmentResponse,
  OpenTicketBody,
  OperatorAttachmentParams,
  OperatorTicketParams,
  ReplyBody,
  StatusBody,
  SupportAccess,
  TenantAttachmentParams,
  TenantTicketParams,
  TicketDetail,
  TicketList,
  TicketListQuery,
  TicketResponse,
  UploadQuery,
} from './schemas.js';
import {
  addAttachment,
  anyUserMayOpen,
  listTickets,
  mayUseSupport,
  openTicket,
  readAttachment,
  reply,
  setStatus,
  ticketThread,
  visibleTicket,
  type Party,
} from './service.js';
import { supportDb } from './tables.js';

const userParty = (req: FastifyRequest): Party => ({
  kind: 'user',
  user: req.user!,
  actor: userActor(req, req.user!),
});
const operatorParty = (req: FastifyRequest): Party => ({
  kind: 'operator',
  id: req.operator!.id,
  actor: operatorActor(req, req.operator!),
});

/** Refuses an upload whose declared length is over the limit before reading it (clear 413). */
async function sizeGuard(req: FastifyRequest): Promise<void> {
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > MAX_ATTACHMENT_BYTES)
    throw new AppError('ATTACHMENT_TOO_LARGE', { params: { max: '10 MiB' } });
}

async function sendFile(reply: FastifyReply, file: { fileName: string; contentType: string; bytes: Buffer }) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('content-security-policy', "sandbox; default-src 'none'")
    .header('x-content-type-options', 'nosniff')
    .send(file.bytes);
}

async function tenantById(deps: AppDeps, tenantId: string): Promise<TenantContext> {
  const tenant = await deps.storage.control.kysely
    .selectFrom('tenants')
    .selectAll()
    .where('id', '=', tenantId)
    .executeTakeFirst();
  if (!tenant) throw new AppError('TICKET_NOT_FOUND');
  return { tenant, db: deps.storage.tenant(tenant.id) };
}

/** The support desk: tenants' side under `/t/:slug/api/support`, operators' under `/api/operator/support`. */
export function supportRoutes(app: App, deps: AppDeps): void {
  const tags = ['support'];
  const base = '/t/:slug/api/support';
  const auth = 'tenant-user' as const;
  registerCsvUpload(app);

  app.get(
    `${base}/access`,
    {
      config: { auth },
      schema: { tags, params: SlugParams, response: { 200: SupportAccess, ...errorResponses } },
    },
    async (req) => ({
      canOpen: await mayUseSupport(deps, req.tenantCtx!, req.user!),
      isOrgAdmin: req.user!.is_org_admin === 1,
    }),
  );

  app.get(
    `${base}/tickets`,
    {
      config: { auth },
      schema: {
        tags,
        params: SlugParams,
        querystring: TicketListQuery,
        response: { 200: TicketList, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      const rows = await listTickets(deps, ctx, req.user!, req.query.status);
      return { items: rows.map((t) => presentTicket(t, ctx.tenant)) };
    },
  );

  app.post(
    `${base}/tickets`,
    {
      config: { auth },
      schema: {
        tags,
        params: SlugParams,
        body: OpenTicketBody,
        response: { 201: TicketResponse, ...errorResponses },
      },
    },
    async (req, res) => {
      const ctx = req.tenantCtx!;
      const t = await openTicket(deps, ctx, req.user!, req.body, userActor(req, req.user!));
      return res.code(201).send({ ticket: presentTicket(t, ctx.tenant) });
    },
  );

  app.get(
    `${base}/tickets/:id`,
    {
      config: { auth },
      schema: { tags, params: TenantTicketParams, response: { 200: TicketDetail, ...errorResponses } },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      const t = await visibleTicket(deps, ctx, userParty(req), req.params.id);
      return presentDetail(t, ctx.tenant, await ticketThread(ctx, t));
    },
  );

  app.post(
    `${base}/tickets/:id/replies`,
    {
      config: { auth },
      schema: {
        tags,
        params: TenantTicketParams,
        body: ReplyBody,
        response: { 200: TicketResponse, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      const t = await reply(deps, ctx, userParty(req), req.params.id, req.body);
      return { ticket: presentTicket(t, ctx.tenant) };
    },
  );

  app.patch(
    `${base}/tickets/:id`,
    {
      config: { auth },
      schema: {
        tags,
        params: TenantTicketParams,
        body: StatusBody,
        response: { 200: TicketResponse, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      const t = await setStatus(deps, ctx, userParty(req), req.params.id, req.body.status);
      return { ticket: presentTicket(t, ctx.tenant) };
    },
  );

  app.post(
    `${base}/tickets/:id/attachments`,
    {
      config: { auth },
      bodyLimit: MAX_ATTACHMENT_BYTES,
      onRequest: sizeGuard,
      schema: {
        tags,
        params: TenantTicketParams,
        querystring: UploadQuery,
        response: {
          201: AttachmentResponse,
          413: errorResponses[400],
          415: errorResponses[400],
          ...errorResponses,
        },
      },
    },
    async (req, res) => {
      const ctx = req.tenantCtx!;
      const a = await addAttachment(
        deps,
        ctx,
        userParty(req),
        req.params.id,
        req.query.name,
        uploadedFile(req.body),
      );
      return res.code(201).send({ attachment: presentAttachment(a, ctx.tenant.time_zone) });
    },
  );

  app.get(
    `${base}/tickets/:id/attachments/:attachmentId`,
    { config: { auth }, schema: { tags, params: TenantAttachmentParams } },
    async (req, res) =>
      sendFile(
        res,
        await readAttachment(deps, req.tenantCtx!, userParty(req), req.params.id, req.params.attachmentId),
      ),
  );

  // ---- operators ------------------------------------------------------------
  const op = { auth: 'operator' as const };
  const obase = '/api/operator/support';

  app.get(
    `${obase}/tickets`,
    {
      config: op,
      schema: { tags, querystring: TicketListQuery, response: { 200: TicketList, ...errorResponses } },
    },
    async (req) => {
      let q = deps.storage.control.kysely.selectFrom('tenants').selectAll().orderBy('slug');
      if (req.query.tenant)
        q = q.where((eb) => eb.or([eb('slug', '=', req.query.tenant!), eb('id', '=', req.query.tenant!)]));
      const items = [];
      for (const tenant of await q.execute()) {
        const rows = await supportRepo.list(supportDb(deps.storage.tenant(tenant.id)), {
          status: req.query.status,
        });
        items.push(...rows.map((t) => ({ row: t, view: presentTicket(t, tenant, true) })));
      }
      items.sort((a, b) => (a.row.updated_at < b.row.updated_at ? 1 : -1));
      return { items: items.map((i) => i.view) };
    },
  );

  app.get(
    `${obase}/tenants/:tenantId/tickets/:id`,
    {
      config: op,
      schema: { tags, params: OperatorTicketParams, response: { 200: TicketDetail, ...errorResponses } },
    },
    async (req) => {
      const ctx = await tenantById(deps, req.params.tenantId);
      const t = await visibleTicket(deps, ctx, operatorParty(req), req.params.id);
      return presentDetail(t, ctx.tenant, await ticketThread(ctx, t), true);
    },
  );

  app.post(
    `${obase}/tenants/:tenantId/tickets/:id/replies`,
    {
      config: op,
      schema: {
        tags,
        params: OperatorTicketParams,
        body: ReplyBody,
        response: { 200: TicketResponse, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = await tenantById(deps, req.params.tenantId);
      const t = await reply(deps, ctx, operatorParty(req), req.params.id, req.body);
      return { ticket: presentTicket(t, ctx.tenant, true) };
    },
  );

  app.patch(
    `${obase}/tenants/:tenantId/tickets/:id`,
    {
      config: op,
      schema: {
        tags,
        params: OperatorTicketParams,
        body: StatusBody,
        response: { 200: TicketResponse, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = await tenantById(deps, req.params.tenantId);
      const t = await setStatus(deps, ctx, operatorParty(req), req.params.id, req.body.status);
      return { ticket: presentTicket(t, ctx.tenant, true) };
    },
  );

  app.get(
    `${obase}/tenants/:tenantId/tickets/:id/attachments/:attachmentId`,
    { config: op, schema: { tags, params: OperatorAttachmentParams } },
    async (req, res) => {
      const ctx = await tenantById(deps, req.params.tenantId);
      return sendFile(
        res,
        await readAttachment(deps, ctx, operatorParty(req), req.params.id, req.params.attachmentId),
      );
    },
  );

  app.get(
    `${obase}/access`,
    { config: op, schema: { tags, response: { 200: AccessSettings, ...errorResponses } } },
    async () => {
      const rows = await deps.storage.control.kysely
        .selectFrom('settings')
        .selectAll()
        .where('key', 'like', 'support.any_user%')
        .execute();
      return {
        installation: rows.find((r) => r.key === 'support.any_user')?.value === 'true',
        tenants: rows
          .filter((r) => r.key.startsWith('support.any_user.'))
          .map((r) => ({ tenantId: r.key.slice('support.any_user.'.length), anyUser: r.value === 'true' })),
      };
    },
  );

  app.put(
    `${obase}/access`,
    { config: op, schema: { tags, body: AccessBody, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, res) => {
      const { tenantId, anyUser } = req.body;
      if (tenantId) await tenantById(deps, tenantId);
      const key = tenantId ? `support.any_user.${tenantId}` : 'support.any_user';
      const before = tenantId ? await anyUserMayOpen(deps, tenantId) : undefined;
      await inTransaction(deps.storage.control, async (tx) => {
        await tx.db
          .insertInto('settings')
          .values({ key, value: String(anyUser) })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(anyUser) }))
          .execute();
        await appendAudit(
          tx,
          operatorActor(req, req.operator!),
          {
            kind: 'operation',
            action: 'support.access',
            target: { type: tenantId ? 'tenant' : 'installation', id: tenantId ?? null },
            summary: { anyUser, before },
          },
          deps.clock,
        );
      });
      return res.code(204).send(null);
    },
  );
}
