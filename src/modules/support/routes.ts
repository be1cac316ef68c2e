import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors/app-error.js';
import { registerCsvUpload, uploadedFile } from '../../platform/csv/upload.js';
import type { App } from '../../platform/server/app.js';
import { userActor, type AppDeps } from '../../platform/server/context.js';
import { errorResponses } from '../shared-schemas.js';
import { SlugParams } from '../users/schemas.js';
import { MAX_ATTACHMENT_BYTES } from './attachments.js';
import { supportOperatorRoutes } from './operator-routes.js';
import { presentAttachment, presentDetail, presentTicket, sendFile } from './presenters.js';
import {
  AttachmentResponse,
  OpenTicketBody,
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
import { addAttachment, readAttachment } from './attachment-service.js';
import {
  listTickets,
  mayUseSupport,
  openTicket,
  reply,
  setStatus,
  ticketThread,
  visibleTicket,
  type Party,
} from './service.js';

const userParty = (req: FastifyRequest): Party => ({
  kind: 'user',
  user: req.user!,
  actor: userActor(req, req.user!),
});

/** Refuses an upload whose declared length is over the limit before reading it (clear 413). */
async function sizeGuard(req: FastifyRequest): Promise<void> {
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > MAX_ATTACHMENT_BYTES)
    throw new AppError('ATTACHMENT_TOO_LARGE', { params: { max: '10 MiB' } });
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

  supportOperatorRoutes(app, deps);
}
