/** API shapes of the support desk, incidents and maintenance (issue 9). */
export const TICKET_STATUSES = ['open', 'waiting_for_customer', 'answered', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_CATEGORIES = ['question', 'request', 'incident_report', 'security_concern'] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];
export const SEVERITIES = ['minor', 'major', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Ticket {
  id: string;
  number: number;
  category: TicketCategory;
  subject: string;
  status: TicketStatus;
  createdAt: string;
  updatedAt: string;
  tenant?: { id: string; slug: string; name: string };
}
export interface TicketDetail {
  ticket: Ticket;
  openedBy: { name: string; email: string } | null;
  messages: {
    id: string;
    authorType: 'user' | 'operator';
    authorName: string;
    body: string;
    createdAt: string;
  }[];
  attachments: {
    id: string;
    authorType: 'user' | 'operator';
    authorName: string;
    fileName: string;
    contentType: string;
    size: number;
    createdAt: string;
  }[];
}
export interface Incident {
  id: string;
  severity: Severity;
  allTenants: boolean;
  tenantIds?: string[];
  titleJa: string;
  titleEn: string;
  descriptionJa: string;
  descriptionEn: string;
  startedAt: string;
  resolvedAt: string | null;
  updates: { id: string; kind: 'update' | 'resolution'; bodyJa: string; bodyEn: string; at: string }[];
}
export interface MaintenanceWindow {
  id: string;
  startsAt: string;
  endsAt: string;
  noticeJa: string;
  noticeEn: string;
  status: 'scheduled' | 'ended' | 'cancelled';
  active: boolean;
}
export interface Notices {
  incidents: { id: string; severity: Severity; titleJa: string; titleEn: string; startedAt: string }[];
  maintenance: MaintenanceWindow[];
}

/** Picks the ja or en text of a bilingual pair. */
export function inLang<B extends string>(
  obj: { [K in `${B}Ja` | `${B}En`]: string },
  base: B,
  lang: 'ja' | 'en',
): string {
  return lang === 'ja' ? obj[`${base}Ja`] : obj[`${base}En`];
}
