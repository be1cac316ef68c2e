import { appendAuditMany } from '../../platform/audit/append-many.js';
import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import { decodeCsv } from '../../platform/csv/decode.js';
import type { CsvCharset } from '../../platform/csv/encoding.js';
import { toCsv } from '../../platform/csv/export.js';
import { parseCsvTable } from '../../platform/csv/table.js';
import { hashToken, newId, newToken } from '../../platform/crypto/tokens.js';
import type { OneTimeTokenTable, UserTable } from '../../platform/db/types.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { Locale } from '../../platform/i18n/index.js';
import { enqueueManyFromTenant } from '../../platform/jobs/queue.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import {
  checkUserRows,
  importIssues,
  MAX_IMPORT_ROWS,
  summarise,
  USER_COLUMNS,
  USER_HEADER,
  type UserCheck,
} from './import.js';
import { insertChunked, isUniqueViolation, usersRepo } from './repository.js';
import type { DryRunResponse, ImportProgress } from './schemas.js';
import { invitationMail, invitationMs, relayOf, userTarget, type Db } from './service.js';

// CSV registration of users: template, dry run, all-or-nothing import, invitation progress.

/** The template: header row and one example row, UTF-8 with BOM or Shift_JIS, formula cells escaped. */
export function userTemplate(lang: Locale, charset: CsvCharset = 'utf8'): Buffer {
  const example =
    lang === 'ja'
      ? ['yamada.taro@example.co.jp', '山田 太郎', 'ja', '経理部;営業部', 'いいえ']
      : ['taro.yamada@example.com', 'Taro Yamada', 'en', 'Finance;Sales', 'no'];
  return toCsv([[...USER_HEADER[lang]], example], charset);
}

async function checkFile(ctx: TenantContext, db: Db, file: Buffer, locale: Locale) {
  const { text, encoding } = decodeCsv(file);
  const table = parseCsvTable(text, USER_COLUMNS, MAX_IMPORT_ROWS);
  const users = await usersRepo.allLive(db);
  const groups = await usersRepo.allGroups(db);
  const memberships = table.present.has('groups')
    ? await usersRepo.groupsOf(
        db,
        users.map((u) => u.id),
      )
    : new Map<string, { id: string }[]>();
  const check: UserCheck = checkUserRows(table.rows, table.present, users, groups, memberships, locale);
  return { encoding, check };
}

/** Every row's outcome, nothing written. */
export async function dryRunUserImport(
  ctx: TenantContext,
  file: Buffer,
  locale: Locale,
): Promise<DryRunResponse> {
  const { encoding, check } = await checkFile(ctx, ctx.db.kysely, file, locale);
  return { encoding, rows: check.rows, summary: summarise(check.rows) };
}

/**
 * Imports every new row in ONE transaction, all or nothing: users, memberships,
 * invitation links, one `user.import` summary entry plus one `user.invite` entry per
 * user (the same entry a single registration writes), the batch and its mail jobs.
 * The file is checked again inside the transaction; any error row refuses the whole
 * file (`IMPORT_HAS_ERRORS`). Invitations are sent in the background with retry.
 */
export async function importUsers(
  deps: AppDeps,
  ctx: TenantContext,
  file: Buffer,
  locale: Locale,
  actor: Actor,
): Promise<{ batchId: string; created: number }> {
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const { check, encoding } = await checkFile(ctx, tx.db, file, locale);
      const issues = importIssues(check.rows);
      if (issues.length)
        throw new AppError('IMPORT_HAS_ERRORS', {
          params: { count: check.rows.filter((r) => r.outcome === 'error').length },
          issues,
        });
      const now = deps.clock();
      const nowIso = now.toISOString();
      const expiresAt = new Date(now.getTime() + invitationMs(deps)).toISOString();
      const batchId = newId();
      const created = check.valid.map((v) => ({
        v,
        token: newToken(),
        user: {
          id: newId(),
          email: v.email,
          display_name: v.name,
          locale: v.locale,
          is_org_admin: v.isOrgAdmin ? 1 : 0,
          status: 'invited' as const,
          password_hash: null,
          created_at: nowIso,
          updated_at: nowIso,
        } satisfies UserTable,
      }));
      await insertChunked(
        tx.db,
        'users',
        created.map((c) => c.user),
      );
      await insertChunked(
        tx.db,
        'group_members',
        created.flatMap((c) =>
          c.v.groupIds.map((g) => ({ group_id: g, user_id: c.user.id, created_at: nowIso })),
        ),
      );
      await insertChunked(
        tx.db,
        'one_time_tokens',
        created.map((c): OneTimeTokenTable => ({
          id: hashToken(c.token),
          purpose: 'invitation',
          subject_id: c.user.id,
          created_at: nowIso,
          expires_at: expiresAt,
          used_at: null,
        })),
      );
      await appendAudit(
        tx,
        actor,
        {
          kind: 'operation',
          action: 'user.import',
          target: { type: 'import_batch', id: batchId },
          summary: {
            encoding,
            rows: check.rows.length,
            created: created.length,
            unchanged: check.rows.length - created.length,
          },
        },
        deps.clock,
      );
      await appendAuditMany(
        tx,
        actor,
        created.map((c) => ({
          kind: 'operation' as const,
          action: 'user.invite',
          target: userTarget(c.user),
          summary: {
            email: c.user.email,
            displayName: c.user.display_name,
            locale: c.user.locale,
            isOrgAdmin: c.v.isOrgAdmin,
            groupIds: c.v.groupIds,
            expiresAt,
            batchId,
            row: c.v.row,
          },
        })),
        deps.clock,
      );
      const jobIds = await enqueueManyFromTenant(
        tx,
        ctx.tenant.id,
        created.map((c) => invitationMail(deps, ctx, c.user, c.token, expiresAt)),
        relayOf(deps),
      );
      await tx.db
        .insertInto('import_batches')
        .values({
          id: batchId,
          kind: 'users',
          created_by: actor.id,
          total: jobIds.length,
          created_at: nowIso,
        })
        .execute();
      await insertChunked(
        tx.db,
        'import_batch_jobs',
        jobIds.map((job_id) => ({ batch_id: batchId, job_id })),
      );
      return { batchId, created: created.length };
    });
  } catch (error) {
    // A user registered meanwhile by someone else (PostgreSQL): same answer as a dry run would give.
    if (isUniqueViolation(error)) throw new AppError('EMAIL_TAKEN');
    throw error;
  }
}

/**
 * Progress of a batch's invitation mails: jobs still in the tenant outbox or
 * pending/running in the queue are `pending`; `done` (or already purged) is `sent`.
 */
export async function importProgress(
  deps: AppDeps,
  ctx: TenantContext,
  batchId: string,
): Promise<ImportProgress> {
  const db = ctx.db.kysely;
  const batch = await db
    .selectFrom('import_batches')
    .selectAll()
    .where('id', '=', batchId)
    .executeTakeFirst();
  if (!batch) throw new AppError('IMPORT_BATCH_NOT_FOUND');
  const ids = (
    await db.selectFrom('import_batch_jobs').select('job_id').where('batch_id', '=', batchId).execute()
  ).map((r) => r.job_id);
  let pending = 0;
  let failed = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const inOutbox = await db.selectFrom('outbox').select('id').where('id', 'in', chunk).execute();
    pending += inOutbox.length;
    const jobs = await deps.storage.control.kysely
      .selectFrom('jobs')
      .select('status')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', 'in', chunk)
      .execute();
    for (const j of jobs) {
      if (j.status === 'failed') failed += 1;
      else if (j.status !== 'done') pending += 1;
    }
  }
  return { batchId, total: ids.length, sent: ids.length - pending - failed, pending, failed };
}
