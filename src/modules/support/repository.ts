import type { SupportKysely, SupportTicketTable, TicketStatus } from './tables.js';

/** Support-desk queries on one tenant's database. */
export const supportRepo = {
  list(db: SupportKysely, filter: { status?: TicketStatus | undefined; openedBy?: string | undefined }) {
    let q = db.selectFrom('support_tickets').selectAll().orderBy('updated_at', 'desc').limit(500);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.openedBy) q = q.where('opened_by', '=', filter.openedBy);
    return q.execute();
  },
  byId(db: SupportKysely, id: string): Promise<SupportTicketTable | undefined> {
    return db.selectFrom('support_tickets').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async nextNumber(db: SupportKysely): Promise<number> {
    const row = await db
      .selectFrom('support_tickets')
      .select((eb) => eb.fn.max('number').as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0) + 1;
  },
  messages(db: SupportKysely, ticketId: string) {
    return db
      .selectFrom('support_messages')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  },
  attachments(db: SupportKysely, ticketId: string) {
    return db
      .selectFrom('support_attachments')
      .select([
        'id',
        'ticket_id',
        'author_type',
        'author_name',
        'file_name',
        'content_type',
        'size',
        'sha256',
        'created_at',
      ])
      .where('ticket_id', '=', ticketId)
      .orderBy('created_at')
      .execute();
  },
  attachment(db: SupportKysely, ticketId: string, id: string) {
    return db
      .selectFrom('support_attachments')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .where('id', '=', id)
      .executeTakeFirst();
  },
  async attachmentCount(db: SupportKysely, ticketId: string): Promise<number> {
    const row = await db
      .selectFrom('support_attachments')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('ticket_id', '=', ticketId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  },
};
