import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { appendAudit } from '../../platform/audit/audit-log.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { App } from '../../platform/server/app.js';
import { operatorActor, type AppDeps, type TenantContext } from '../../platform/server/context.js';
import { errorResponses } from '../shared-schemas.js';
import { readAttachment } from './attachment-service.js';
import { presentDetail, presentTicket, sendFile } from './presenters.js';
import { supportRepo } from './repository.js';
import {
  AccessBody,
  AccessSettings,
  OperatorAttachmentParams,
  OperatorTicketParams,
  ReplyBody,
  StatusBody,
  TicketDetail,
  TicketList,
  TicketListQuery,
  TicketResponse,
} from './schemas.js';
import { anyUserMayOpen, reply, setStatus, ticketThread, visibleTicket, type Party } from './service.js';
import { supportDb } from './tables.js';

export const operatorParty = (req: FastifyRequest): Party => ({
  kind: 'operator',
  id: req.operator!.id,
  actor: operatorActor(req, req.operator!),
});

async function tenantById(deps: AppDeps, tenantId: string): Promise<TenantContext> {
  const tenant = await deps.storage.control.kysely
    .selectFrom('tenants')
    .selectAll()
    .where('id', '=', tenantId)
    .executeTakeFirst();
  if (!tenant) throw new AppError('TICKET_NOT_FOUND');
  return { tenant, db: deps.storage.tenant(tenant.id) };
}

/** The operators' side of the support desk under `/api/operator/support`: every tenant's tickets. */
export function supportOperatorRoutes(app: App, deps: AppDeps): void {
  const tags = ['support'];
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
