import { isSingleLine } from '../../platform/text/single-line.js';
import { appendAuditMany } from '../../platform/audit/append-many.js';
import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import { decodeCsv } from '../../platform/csv/decode.js';
import type { CsvCharset } from '../../platform/csv/encoding.js';
import { toCsv } from '../../platform/csv/export.js';
import { parseCsvTable, type CsvColumn } from '../../platform/csv/table.js';
import { newId } from '../../platform/crypto/tokens.js';
import type { GroupTable, TenantDB } from '../../platform/db/types.js';
import { inTransaction, type Tx } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors/app-error.js';
import { translateDynamic, type Locale } from '../../platform/i18n/index.js';
import type { TenantContext, AppDeps } from '../../platform/server/context.js';
import { formatInZone } from '../../platform/time/zoned.js';
import { groupKey, importIssues, isEmail, splitList, summarise } from '../users/import.js';
import { insertChunked, isUniqueViolation, usersRepo } from '../users/repository.js';
import type { DryRunResponse, ImportRow } from '../users/schemas.js';
import { groupsRepo, type GroupWithCount } from './repository.js';
import type { CreateGroupBody, GroupView, UpdateGroupBody } from './schemas.js';

export function presentGroup(g: GroupWithCount, timeZone: string): GroupView {
  return {
    id: g.id,
    name: g.name,
    description: g.description,
    memberCount: g.member_count,
    createdAt: formatInZone(g.created_at, timeZone),
  };
}

const groupTarget = (g: Pick<GroupTable, 'id' | 'name'>) => ({ type: 'group', id: g.id, label: g.name });

function cleanName(name: string): string {
  const n = name.normalize('NFKC').trim();
  if (!n) throw new AppError('VALIDATION_FAILED', { issues: [{ path: '/name', code: 'required' }] });
  return n;
}

async function liveGroup(db: Tx<TenantDB>['db'] | TenantContext['db']['kysely'], id: string) {
  const g = await groupsRepo.byId(db, id);
  if (!g) throw new AppError('GROUP_NOT_FOUND');
  return g;
}

export const listGroups = (ctx: TenantContext, q?: string) => groupsRepo.list(ctx.db.kysely, q?.trim());
export const getGroup = (ctx: TenantContext, id: string) => liveGroup(ctx.db.kysely, id);
export const groupMembers = (ctx: TenantContext, id: string) => groupsRepo.members(ctx.db.kysely, id);

/** Runs a group change; a name already used (case-insensitively) is `GROUP_NAME_TAKEN`. */
async function nameGuard<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('GROUP_NAME_TAKEN', { params: { name } });
    throw error;
  }
}

export async function createGroup(
  deps: AppDeps,
  ctx: TenantContext,
  input: CreateGroupBody,
  actor: Actor,
): Promise<GroupWithCount> {
  const name = cleanName(input.name);
  const description = input.description.trim();
  return nameGuard(name, () =>
    inTransaction(ctx.db, async (tx) => {
      if (await groupsRepo.byKey(tx.db, groupKey(name)))
        throw new AppError('GROUP_NAME_TAKEN', { params: { name } });
      const now = deps.clock().toISOString();
      const group: GroupTable = {
        id: newId(),
        name,
        name_key: groupKey(name),
        description,
        created_at: now,
        updated_at: now,
      };
      await tx.db.insertInto('groups').values(group).execute();
      await appendAudit(
        tx,
        actor,
        {
          kind: 'operation',
          action: 'group.create',
          target: groupTarget(group),
          summary: { name, description },
        },
        deps.clock,
      );
      return { ...group, member_count: 0 };
    }),
  );
}

export async function updateGroup(
  deps: AppDeps,
  ctx: TenantContext,
  id: string,
  input: UpdateGroupBody,
  actor: Actor,
): Promise<GroupWithCount> {
  const name = input.name === undefined ? undefined : cleanName(input.name);
  const description = input.description?.trim();
  return nameGuard(name ?? '', () =>
    inTransaction(ctx.db, async (tx) => {
      const group = await liveGroup(tx.db, id);
      const change: Partial<GroupTable> = {};
      if (name !== undefined && name !== group.name) {
        const other = await groupsRepo.byKey(tx.db, groupKey(name));
        if (other && other.id !== id) throw new AppError('GROUP_NAME_TAKEN', { params: { name } });
        change.name = name;
        change.name_key = groupKey(name);
      }
      if (description !== undefined && description !== group.description) change.description = description;
      if (Object.keys(change).length === 0) return group;
      const now = deps.clock().toISOString();
      await tx.db
        .updateTable('groups')
        .set({ ...change, updated_at: now })
        .where('id', '=', id)
        .execute();
      await appendAudit(
        tx,
        actor,
        {
          kind: 'operation',
          action: 'group.update',
          target: groupTarget(group),
          summary: {
            from: { name: group.name, description: group.description },
            to: { name: change.name ?? group.name, description: change.description ?? group.description },
          },
        },
        deps.clock,
      );
      return { ...group, ...change, updated_at: now };
    }),
  );
}

export async function deleteGroup(
  deps: AppDeps,
  ctx: TenantContext,
  id: string,
  actor: Actor,
): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const group = await liveGroup(tx.db, id);
    await tx.db.deleteFrom('group_members').where('group_id', '=', id).execute();
    await tx.db.deleteFrom('groups').where('id', '=', id).execute();
    await appendAudit(
      tx,
      actor,
      {
        kind: 'operation',
        action: 'group.delete',
        target: groupTarget(group),
        summary: { name: group.name, memberCount: group.member_count },
      },
      deps.clock,
    );
  });
}

/** Adds or removes members (one or many). Unknown or deleted users are field issues; nothing changes then. */
export async function changeMembers(
  deps: AppDeps,
  ctx: TenantContext,
  id: string,
  userIds: readonly string[],
  add: boolean,
  actor: Actor,
): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const group = await liveGroup(tx.db, id);
    const unique = [...new Set(userIds)];
    const live = new Set<string>();
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await tx.db
        .selectFrom('users')
        .select('id')
        .where('id', 'in', unique.slice(i, i + 500))
        .where('status', '<>', 'deleted')
        .execute();
      for (const r of rows) live.add(r.id);
    }
    const issues = userIds
      .map((u, i) => (live.has(u) ? undefined : { path: `/userIds/${i}`, code: 'unknown_user' }))
      .filter((x) => x !== undefined);
    if (issues.length) throw new AppError('VALIDATION_FAILED', { issues });
    const current = new Set((await groupsRepo.memberIds(tx.db, id)).map((r) => r.user_id));
    const now = deps.clock().toISOString();
    const changed = add ? unique.filter((u) => !current.has(u)) : unique.filter((u) => current.has(u));
    if (changed.length === 0) return;
    if (add)
      await insertChunked(
        tx.db,
        'group_members',
        changed.map((u) => ({ group_id: id, user_id: u, created_at: now })),
      );
    else
      for (let i = 0; i < changed.length; i += 500)
        await tx.db
          .deleteFrom('group_members')
          .where('group_id', '=', id)
          .where('user_id', 'in', changed.slice(i, i + 500))
          .execute();
    await appendAudit(
      tx,
      actor,
      {
        kind: 'operation',
        action: add ? 'group.members_add' : 'group.members_remove',
        target: groupTarget(group),
        summary: { userIds: changed },
      },
      deps.clock,
    );
  });
}

// ---- CSV bulk creation -------------------------------------------------------

type GroupColumn = 'name' | 'description' | 'members';
const GROUP_COLUMNS: readonly CsvColumn<GroupColumn>[] = [
  { key: 'name', names: ['name', 'group', 'グループ名', 'グループ'], required: true },
  { key: 'description', names: ['description', '説明'], required: false },
  { key: 'members', names: ['members', 'メンバー'], required: false },
];
const GROUP_HEADER = {
  ja: ['グループ名', '説明', 'メンバー'],
  en: ['name', 'description', 'members'],
} as const;
const MAX_GROUP_ROWS = 10_000;

export function groupTemplate(lang: Locale, charset: CsvCharset = 'utf8'): Buffer {
  const example =
    lang === 'ja'
      ? ['経理部', '経理・財務を担当', 'yamada.taro@example.co.jp;sato.hanako@example.co.jp']
      : ['Finance', 'Accounting and finance', 'taro.yamada@example.com;hanako.sato@example.com'];
  return toCsv([[...GROUP_HEADER[lang]], example], charset);
}

interface ValidGroup {
  row: number;
  name: string;
  description: string;
  memberIds: string[];
}

async function checkGroupFile(
  db: TenantContext['db']['kysely'] | Tx<TenantDB>['db'],
  file: Buffer,
  locale: Locale,
) {
  const { text, encoding } = decodeCsv(file);
  const table = parseCsvTable(text, GROUP_COLUMNS, MAX_GROUP_ROWS);
  const users = new Map((await usersRepo.allLive(db)).map((u) => [u.email, u.id]));
  const groups = await groupsRepo.list(db, undefined);
  const byKey = new Map(groups.map((g) => [g.name_key, g]));
  const seen = new Set<string>();
  const rows: ImportRow[] = [];
  const valid: ValidGroup[] = [];
  for (const [i, r] of table.rows.entries()) {
    const row = i + 1;
    const errors: ImportRow['errors'] = [];
    const err = (column: GroupColumn, code: string, params: Record<string, string | number> = {}) =>
      errors.push({ column, code, message: translateDynamic(locale, `fields.${code}`, params) });
    const name = (r.name ?? '').normalize('NFKC').trim();
    const description = (r.description ?? '').trim();
    const key = groupKey(name);
    if (!name) err('name', 'required');
    else if (name.length > 100) err('name', 'too_long', { max: 100 });
    else if (!isSingleLine(name)) err('name', 'single_line');
    else if (seen.has(key)) err('name', 'duplicate_in_file');
    if (name) seen.add(key);
    if (description.length > 1000) err('description', 'too_long', { max: 1000 });
    const memberIds: string[] = [];
    for (const m of splitList(r.members)) {
      const email = m.toLowerCase();
      const id = users.get(email);
      if (!isEmail(email)) err('members', 'email');
      else if (!id) err('members', 'unknown_user', { name: m });
      else if (!memberIds.includes(id)) memberIds.push(id);
    }
    let outcome: ImportRow['outcome'] = errors.length ? 'error' : 'new';
    const existing = name ? byKey.get(key) : undefined;
    if (existing && errors.length === 0) {
      const current = new Set((await groupsRepo.memberIds(db, existing.id)).map((m) => m.user_id));
      const same =
        existing.name === name &&
        (!table.present.has('description') || existing.description === description) &&
        (!table.present.has('members') ||
          (current.size === memberIds.length && memberIds.every((m) => current.has(m))));
      if (same) outcome = 'unchanged';
      else {
        err('name', 'already_registered');
        outcome = 'error';
      }
    }
    if (outcome === 'new') valid.push({ row, name, description, memberIds });
    rows.push({ row, ...(name ? { name: name.slice(0, 100) } : {}), outcome, errors });
  }
  return { encoding, rows, valid };
}

export async function dryRunGroupImport(
  ctx: TenantContext,
  file: Buffer,
  locale: Locale,
): Promise<DryRunResponse> {
  const { encoding, rows } = await checkGroupFile(ctx.db.kysely, file, locale);
  return { encoding, rows, summary: summarise(rows) };
}

/** Creates every new group of the file in one transaction (all or nothing), one `group.create` entry each. */
export async function importGroups(
  deps: AppDeps,
  ctx: TenantContext,
  file: Buffer,
  locale: Locale,
  actor: Actor,
): Promise<{ created: number }> {
  return nameGuard('', () =>
    inTransaction(ctx.db, async (tx) => {
      const { rows, valid, encoding } = await checkGroupFile(tx.db, file, locale);
      const issues = importIssues(rows);
      if (issues.length)
        throw new AppError('IMPORT_HAS_ERRORS', {
          params: { count: rows.filter((r) => r.outcome === 'error').length },
          issues,
        });
      const now = deps.clock().toISOString();
      const created = valid.map((v) => ({
        v,
        group: {
          id: newId(),
          name: v.name,
          name_key: groupKey(v.name),
          description: v.description,
          created_at: now,
          updated_at: now,
        } satisfies GroupTable,
      }));
      await insertChunked(
        tx.db,
        'groups',
        created.map((c) => c.group),
      );
      await insertChunked(
        tx.db,
        'group_members',
        created.flatMap((c) =>
          c.v.memberIds.map((u) => ({ group_id: c.group.id, user_id: u, created_at: now })),
        ),
      );
      await appendAudit(
        tx,
        actor,
        {
          kind: 'operation',
          action: 'group.import',
          summary: { encoding, rows: rows.length, created: created.length },
        },
        deps.clock,
      );
      await appendAuditMany(
        tx,
        actor,
        created.map((c) => ({
          kind: 'operation' as const,
          action: 'group.create',
          target: groupTarget(c.group),
          summary: {
            name: c.group.name,
            description: c.group.description,
            memberIds: c.v.memberIds,
            row: c.v.row,
          },
        })),
        deps.clock,
      );
      return { created: created.length };
    }),
  );
}
