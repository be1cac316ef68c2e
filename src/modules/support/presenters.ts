import type { FastifyReply } from 'fastify';
import type { TenantTable } from '../../platform/db/types.js';
import { formatInZone } from '../../platform/time/zoned.js';
import type { ticketThread } from './service.js';
import type { SupportTicketTable } from './tables.js';
import type { TicketView } from './schemas.js';

export function presentTicket(t: SupportTicketTable, tenant: TenantTable, withTenant = false): TicketView {
  const zone = tenant.time_zone;
  return {
    id: t.id,
    number: t.number,
    category: t.category,
    subject: t.subject,
    status: t.status,
    createdAt: formatInZone(t.created_at, zone),
    updatedAt: formatInZone(t.updated_at, zone),
    ...(withTenant ? { tenant: { id: tenant.id, slug: tenant.slug, name: tenant.display_name } } : {}),
  };
}

export function presentDetail(
  t: SupportTicketTable,
  tenant: TenantTable,
  thread: Awaited<ReturnType<typeof ticketThread>>,
  withTenant = false,
) {
  const zone = tenant.time_zone;
  return {
    ticket: presentTicket(t, tenant, withTenant),
    openedBy: thread.opener ? { name: thread.opener.display_name, email: thread.opener.email } : null,
    messages: thread.messages.map((m) => ({
      id: m.id,
      authorType: m.author_type,
      authorName: m.author_name,
      body: m.body,
      createdAt: formatInZone(m.created_at, zone),
    })),
    attachments: thread.attachments.map((a) => presentAttachment(a, zone)),
  };
}

export function presentAttachment(
  a: {
    id: string;
    author_type: 'user' | 'operator';
    author_name: string;
    file_name: string;
    content_type: string;
    size: number;
    sha256: string;
    created_at: string;
  },
  zone: string,
) {
  return {
    id: a.id,
    authorType: a.author_type,
    authorName: a.author_name,
    fileName: a.file_name,
    contentType: a.content_type,
    size: Number(a.size),
    sha256: a.sha256,
    createdAt: formatInZone(a.created_at, zone),
  };
}

/** An attachment as a download (never rendered inline: sandboxed, no sniffing). */
export async function sendFile(
  reply: FastifyReply,
  file: { fileName: string; contentType: string; bytes: Buffer },
) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('content-security-policy', "sandbox; default-src 'none'")
    .header('x-content-type-options', 'nosniff')
    .send(file.bytes);
}
