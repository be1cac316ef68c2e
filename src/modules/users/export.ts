import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import type { CsvCharset } from '../../platform/csv/encoding.js';
import { toCsv, type CsvValue } from '../../platform/csv/export.js';
import type { UserTable } from '../../platform/db/types.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { TenantContext } from '../../platform/server/context.js';
import { USER_HEADER } from './import.js';
import { usersRepo } from './repository.js';

// The users list as CSV, in the bulk-registration format: the same columns as the template, so
// an org admin can export, add rows in Excel and import the file again (known users are
// `unchanged` there, new rows registered).

const FLAG = { ja: ['はい', 'いいえ'], en: ['yes', 'no'] } as const;

/** One CSV row per user, sorted by e-mail; groups `;`-separated by name as the import reads them. */
export function userExportRows(
  users: readonly UserTable[],
  groupsOf: ReadonlyMap<string, readonly { name: string }[]>,
  lang: Locale,
): CsvValue[][] {
  const [yes, no] = FLAG[lang];
  return [...users]
    .sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0))
    .map((u) => [
      u.email,
      u.display_name,
      u.locale,
      (groupsOf.get(u.id) ?? []).map((g) => g.name).join(';'),
      u.is_org_admin === 1 ? yes : no,
    ]);
}

/** The CSV file (UTF-8 with BOM or Shift_JIS), recorded as `users.export` in the operation log. */
export async function exportUsers(
  ctx: TenantContext,
  actor: Actor,
  lang: Locale,
  charset: CsvCharset,
): Promise<Buffer> {
  const users = await usersRepo.allLive(ctx.db.kysely);
  const groups = await usersRepo.groupsOf(
    ctx.db.kysely,
    users.map((u) => u.id),
  );
  await inTransaction(ctx.db, (tx) =>
    appendAudit(tx, actor, {
      kind: 'operation',
      action: 'users.export',
      target: { type: 'user', id: null, label: null },
      summary: { count: users.length, charset, lang },
    }),
  );
  return toCsv([[...USER_HEADER[lang]], ...userExportRows(users, groups, lang)], charset);
}
