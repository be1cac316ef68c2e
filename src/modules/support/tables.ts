import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { TenantDB } from '../../platform/db/types.js';

/** Tenant-database tables of the support desk (migration tenant 0007). */
export const TICKET_CATEGORIES = ['question', 'request', 'incident_report', 'security_concern'] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];
export const TICKET_STATUSES = ['open', 'waiting_for_customer', 'answered', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export interface SupportTicketTable {
  id: string;
  number: number;
  category: TicketCategory;
  subject: string;
  status: TicketStatus;
  /** The user who opened it. */
  opened_by: string;
  created_at: string;
  updated_at: string;
}

export interface SupportMessageTable {
  id: string;
  ticket_id: string;
  author_type: 'user' | 'operator';
  author_id: string;
  author_name: string;
  body: string;
  created_at: string;
}

export interface SupportAttachmentTable {
  id: string;
  ticket_id: string;
  author_type: 'user' | 'operator';
  author_name: string;
  file_name: string;
  /** The type found by content sniffing (never the one the client claimed). */
  content_type: string;
  size: number;
  sha256: string;
  /** The bytes, base64. */
  data: string;
  created_at: string;
}

export interface SupportTables {
  support_tickets: SupportTicketTable;
  support_messages: SupportMessageTable;
  support_attachments: SupportAttachmentTable;
}

export type SupportDB = TenantDB & SupportTables;
export type SupportKysely = Kysely<SupportDB> | Transaction<SupportDB>;

export function supportDb(db: Database<TenantDB>): Kysely<SupportDB> {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- widens to this module's tables
  return db.kysely as unknown as Kysely<SupportDB>;
}
