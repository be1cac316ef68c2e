import { appendAudit } from '../../platform/audit/audit-log.js';
import { newId } from '../../platform/crypto/tokens.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { checkAttachment, MAX_ATTACHMENTS_PER_TICKET } from './attachments.js';
import { supportRepo } from './repository.js';
import { sdb, target, visibleTicket, type Party } from './service.js';
import { supportDb } from './tables.js';

/** Adding and reading a ticket's attachments (checked, stored in the tenant's own database). */
export async function addAttachment(
  deps: AppDeps,
  ctx: TenantContext,
  party: Party,
  id: string,
  fileName: string,
  bytes: Buffer,
) {
  const ticket = await visibleTicket(deps, ctx, party, id);
  const file = await checkAttachment(fileName, bytes);
  return inTransaction(ctx.db, async (tx) => {
    if ((await supportRepo.attachmentCount(sdb(tx), id)) >= MAX_ATTACHMENTS_PER_TICKET)
      throw new AppError('ATTACHMENT_LIMIT', { params: { max: MAX_ATTACHMENTS_PER_TICKET } });
    const now = deps.clock().toISOString();
    const row = {
      id: newId(),
      ticket_id: id,
      author_type: party.kind,
      author_name: party.actor.name ?? '',
      file_name: file.fileName,
      content_type: file.contentType,
      size: file.size,
      sha256: file.sha256,
      created_at: now,
    };
    await sdb(tx)
      .insertInto('support_attachments')
      .values({ ...row, data: bytes.toString('base64') })
      .execute();
    await sdb(tx).updateTable('support_tickets').set({ updated_at: now }).where('id', '=', id).execute();
    await appendAudit(
      tx,
      party.actor,
      {
        kind: 'operation',
        action: 'support.attachment_add',
        target: target(ticket),
        summary: {
          fileName: file.fileName,
          contentType: file.contentType,
          size: file.size,
          sha256: file.sha256,
        },
      },
      deps.clock,
    );
    return row;
  });
}

export async function readAttachment(
  deps: AppDeps,
  ctx: TenantContext,
  party: Party,
  id: string,
  attachmentId: string,
) {
  await visibleTicket(deps, ctx, party, id);
  const a = await supportRepo.attachment(supportDb(ctx.db), id, attachmentId);
  if (!a) throw new AppError('ATTACHMENT_NOT_FOUND');
  return { fileName: a.file_name, contentType: a.content_type, bytes: Buffer.from(a.data, 'base64') };
}
