import { sql } from 'kysely';
import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import { newId } from '../../platform/crypto/tokens.js';
import type { TenantDB, TenantTable, UserTable } from '../../platform/db/types.js';
import { inTransaction, type Tx } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { isUniqueViolation } from '../users/repository.js';
import { mailFromTenant, operatorRecipients, tenantRecipients } from './notify.js';
import { supportRepo } from './repository.js';
import {
  supportDb,
  type SupportDB,
  type SupportTicketTable,
  type TicketCategory,
  type TicketStatus,
} from './tables.js';

/** Who acts on a ticket: a tenant user (its own tenant) or an operator (any tenant). */
export type Party =
  { kind: 'user'; user: UserTable; actor: Actor } | { kind: 'operator'; id: string; actor: Actor };

export const target = (t: Pick<SupportTicketTable, 'id' | 'number' | 'subject'>) => ({
  type: 'support_ticket',
  id: t.id,
  label: `#${t.number} ${t.subject}`,
});
export const sdb = (tx: Tx<TenantDB>) => tx.db as unknown as Tx<SupportDB>['db'];

const ANY_USER_KEY = 'support.any_user';

/** Whether any user (not only org admins) may open tickets: per tenant, else the installation default. */
export async function anyUserMayOpen(deps: AppDeps, tenantId: string): Promise<boolean> {
  const rows = await deps.storage.control.kysely
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', [ANY_USER_KEY, `${ANY_USER_KEY}.${tenantId}`])
    .execute();
  const own = rows.find((r) => r.key !== ANY_USER_KEY);
  return (own ?? rows.find((r) => r.key === ANY_USER_KEY))?.value === 'true';
}

export async function mayUseSupport(deps: AppDeps, ctx: TenantContext, user: UserTable): Promise<boolean> {
  return user.is_org_admin === 1 || (await anyUserMayOpen(deps, ctx.tenant.id));
}

async function guard(deps: AppDeps, ctx: TenantContext, user: UserTable): Promise<void> {
  if (!(await mayUseSupport(deps, ctx, user))) throw new AppError('SUPPORT_NOT_ALLOWED');
}

/** Org admins see every ticket of their tenant; other users (when allowed) only their own. */
export async function listTickets(deps: AppDeps, ctx: TenantContext, user: UserTable, status?: TicketStatus) {
  await guard(deps, ctx, user);
  return supportRepo.list(supportDb(ctx.db), { status, openedBy: user.is_org_admin ? undefined : user.id });
}

export async function visibleTicket(deps: AppDeps, ctx: TenantContext, party: Party, id: string) {
  if (party.kind === 'user') await guard(deps, ctx, party.user);
  const t = await supportRepo.byId(supportDb(ctx.db), id);
  if (!t || (party.kind === 'user' && !party.user.is_org_admin && t.opened_by !== party.user.id))
    throw new AppError('TICKET_NOT_FOUND');
  return t;
}

export async function ticketThread(ctx: TenantContext, ticket: SupportTicketTable) {
  const db = supportDb(ctx.db);
  const [messages, attachments, opener] = await Promise.all([
    supportRepo.messages(db, ticket.id),
    supportRepo.attachments(db, ticket.id),
    ctx.db.kysely
      .selectFrom('users')
      .select(['display_name', 'email'])
      .where('id', '=', ticket.opened_by)
      .executeTakeFirst(),
  ]);
  return { messages, attachments, opener };
}

const link = (deps: AppDeps, path: string) => `${deps.config.publicUrl}${path}`;
const tenantLink = (deps: AppDeps, tenant: TenantTable, id: string) =>
  link(deps, `/t/${tenant.slug}/support/${id}`);
const operatorLink = (deps: AppDeps, tenant: TenantTable, id: string) =>
  link(deps, `/operator/support/${tenant.id}/${id}`);

function mailParams(t: SupportTicketTable, tenant: TenantTable, by: string, text: string, url: string) {
  return {
    tenant: tenant.display_name,
    number: String(t.number),
    subject: t.subject,
    category: t.category,
    status: t.status,
    by,
    text: text.length > 2000 ? `${text.slice(0, 2000)}…` : text,
    link: url,
  };
}

export async function openTicket(
  deps: AppDeps,
  ctx: TenantContext,
  user: UserTable,
  input: { category: TicketCategory; subject: string; description: string },
  actor: Actor,
): Promise<SupportTicketTable> {
  await guard(deps, ctx, user);
  const subject = input.subject.normalize('NFC').trim();
  const description = input.description.trim();
  const issues = [
    ...(subject ? [] : [{ path: '/subject', code: 'required' }]),
    ...(description ? [] : [{ path: '/description', code: 'required' }]),
  ];
  if (issues.length) throw new AppError('VALIDATION_FAILED', { issues });
  const operators = await operatorRecipients(deps.storage.control.kysely);
  const attempt = () =>
    inTransaction(ctx.db, async (tx) => {
      // Ticket numbers are max + 1: on PostgreSQL, openings of one tenant take turns (SQLite already does).
      if (ctx.db.dialect === 'postgres')
        await sql`select pg_advisory_xact_lock(hashtext(${`yosan.support.${ctx.tenant.id}`}))`.execute(tx.db);
      const now = deps.clock().toISOString();
      const ticket: SupportTicketTable = {
        id: newId(),
        number: await supportRepo.nextNumber(sdb(tx)),
        category: input.category,
        subject,
        status: 'open',
        opened_by: user.id,
        created_at: now,
        updated_at: now,
      };
      await sdb(tx).insertInto('support_tickets').values(ticket).execute();
      await sdb(tx)
        .insertInto('support_messages')
        .values({
          id: newId(),
          ticket_id: ticket.id,
          author_type: 'user',
          author_id: user.id,
          author_name: user.display_name,
          body: description,
          created_at: now,
        })
        .execute();
      await appendAudit(
        tx,
        actor,
        {
          kind: 'operation',
          action: 'support.ticket_open',
          target: target(ticket),
          summary: { category: ticket.category, subject },
        },
        deps.clock,
      );
      await mailFromTenant(deps, tx, ctx.tenant, operators, 'supportOpened', () =>
        mailParams(
          ticket,
          ctx.tenant,
          user.display_name,
          description,
          operatorLink(deps, ctx.tenant, ticket.id),
        ),
      );
      return ticket;
    });
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (tries >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}

/** Statuses each side may set: the customer opens again or closes; the operator any. */
function allowedStatus(party: Party, status: TicketStatus): void {
  if (party.kind === 'user' && status !== 'open' && status !== 'closed')
    throw new AppError('TICKET_STATUS_NOT_ALLOWED', { params: { status } });
}

/** Sets the ticket's status (and `updated_at`) and writes the step to the operation log. */
async function moveStatus(
  deps: AppDeps,
  tx: Tx<TenantDB>,
  party: Party,
  ticket: SupportTicketTable,
  status: TicketStatus,
  now: string,
  action: 'support.reply' | 'support.status',
): Promise<SupportTicketTable> {
  await sdb(tx)
    .updateTable('support_tickets')
    .set({ status, updated_at: now })
    .where('id', '=', ticket.id)
    .execute();
  await appendAudit(
    tx,
    party.actor,
    {
      kind: 'operation',
      action,
      target: target(ticket),
      summary: { from: ticket.status, to: status, side: party.kind },
    },
    deps.clock,
  );
  return { ...ticket, status, updated_at: now };
}

/**
 * A reply in the thread (and optionally a status): by a user → status `open` unless given and
 * operators are told; by an operator → `answered` unless given and the opener and org admins are told.
 */
export async function reply(
  deps: AppDeps,
  ctx: TenantContext,
  party: Party,
  id: string,
  input: { body: string; status?: TicketStatus | undefined },
): Promise<SupportTicketTable> {
  const body = input.body.trim();
  if (!body) throw new AppError('VALIDATION_FAILED', { issues: [{ path: '/body', code: 'required' }] });
  const ticket = await visibleTicket(deps, ctx, party, id);
  const status = input.status ?? (party.kind === 'user' ? 'open' : 'answered');
  allowedStatus(party, status);
  const operators = party.kind === 'user' ? await operatorRecipients(deps.storage.control.kysely) : [];
  return inTransaction(ctx.db, async (tx) => {
    const now = deps.clock().toISOString();
    const authorName = party.actor.name ?? '';
    await sdb(tx)
      .insertInto('support_messages')
      .values({
        id: newId(),
        ticket_id: id,
        author_type: party.kind,
        author_id: party.actor.id ?? '',
        author_name: authorName,
        body,
        created_at: now,
      })
      .execute();
    const updated = await moveStatus(deps, tx, party, ticket, status, now, 'support.reply');
    if (party.kind === 'user')
      await mailFromTenant(deps, tx, ctx.tenant, operators, 'supportCustomerReplied', () =>
        mailParams(updated, ctx.tenant, authorName, body, operatorLink(deps, ctx.tenant, id)),
      );
    else
      await mailFromTenant(
        deps,
        tx,
        ctx.tenant,
        await tenantRecipients(tx.db, ticket.opened_by),
        'supportAnswered',
        () => mailParams(updated, ctx.tenant, authorName, body, tenantLink(deps, ctx.tenant, id)),
      );
    return updated;
  });
}

/** A status change without a reply; the other side is told. */
export async function setStatus(
  deps: AppDeps,
  ctx: TenantContext,
  party: Party,
  id: string,
  status: TicketStatus,
): Promise<SupportTicketTable> {
  const ticket = await visibleTicket(deps, ctx, party, id);
  allowedStatus(party, status);
  if (status === ticket.status) return ticket;
  const recipients =
    party.kind === 'user' ? await operatorRecipients(deps.storage.control.kysely) : undefined;
  return inTransaction(ctx.db, async (tx) => {
    const now = deps.clock().toISOString();
    const updated = await moveStatus(deps, tx, party, ticket, status, now, 'support.status');
    const to = recipients ?? (await tenantRecipients(tx.db, ticket.opened_by));
    const url = party.kind === 'user' ? operatorLink(deps, ctx.tenant, id) : tenantLink(deps, ctx.tenant, id);
    await mailFromTenant(deps, tx, ctx.tenant, to, 'supportStatusChanged', () =>
      mailParams(updated, ctx.tenant, party.actor.name ?? '', '', url),
    );
    return updated;
  });
}
