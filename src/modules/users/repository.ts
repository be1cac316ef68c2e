import { sql, type Kysely, type Transaction } from 'kysely';
import type { GroupTable, TenantDB, UserTable } from '../../platform/db/types.js';

type Db = Kysely<TenantDB> | Transaction<TenantDB>;

/** Rows per multi-row INSERT (well below both databases' parameter limits). */
export const INSERT_CHUNK = 500;

export async function insertChunked<T extends keyof TenantDB>(
  db: Db,
  table: T,
  rows: readonly TenantDB[T][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- generic table insert
    await (db as Kysely<any>)
      .insertInto(table)
      .values(rows.slice(i, i + INSERT_CHUNK))
      .execute();
  }
}

/** `x` escaped for `like ... escape '\'`, wrapped in %…%, lower-cased. */
export function containsPattern(x: string): string {
  return `%${x.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface UserFilter {
  q?: string | undefined;
  groupId?: string | undefined;
  role?: 'admin' | 'member' | undefined;
  state?: 'invited' | 'active' | 'locked' | undefined;
  /** Users whose sign-in is locked right now (see `lockedUserIds`). */
  lockedIds?: readonly string[] | undefined;
}

function filtered(db: Db, f: UserFilter) {
  let q = db.selectFrom('users').where('status', '<>', 'deleted');
  if (f.q) {
    const p = containsPattern(f.q);
    q = q.where((eb) =>
      eb.or([
        eb(sql`lower(email)`, 'like', sql`${p} escape '\\'`),
        eb(sql`lower(display_name)`, 'like', sql`${p} escape '\\'`),
      ]),
    );
  }
  if (f.groupId) {
    const gid = f.groupId;
    q = q.where('id', 'in', (eb) =>
      eb.selectFrom('group_members').select('user_id').where('group_id', '=', gid),
    );
  }
  if (f.role) q = q.where('is_org_admin', '=', f.role === 'admin' ? 1 : 0);
  const locked = [...(f.lockedIds ?? [])];
  if (f.state === 'locked') {
    q = q.where((eb) =>
      eb.or([eb('status', '=', 'locked'), ...(locked.length ? [eb('id', 'in', locked)] : [])]),
    );
  } else if (f.state) {
    q = q.where('status', '=', f.state);
    if (f.state === 'active' && locked.length) q = q.where('id', 'not in', locked);
  }
  return q;
}

/** Users, groups and memberships as the administration screens need them. */
export const usersRepo = {
  async page(db: Db, f: UserFilter, page: number, pageSize: number) {
    const total = await filtered(db, f)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    const items = await filtered(db, f)
      .selectAll()
      .orderBy('display_name')
      .orderBy('email')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { items, total: Number(total.n) };
  },

  liveById(db: Db, id: string): Promise<UserTable | undefined> {
    return db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', id)
      .where('status', '<>', 'deleted')
      .executeTakeFirst();
  },

  liveByEmail(db: Db, email: string): Promise<UserTable | undefined> {
    return db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email)
      .where('status', '<>', 'deleted')
      .executeTakeFirst();
  },

  allLive(db: Db): Promise<UserTable[]> {
    return db.selectFrom('users').selectAll().where('status', '<>', 'deleted').execute();
  },

  /** Live org admins; on PostgreSQL their rows are locked so two concurrent demotions cannot both pass. */
  liveAdmins(db: Transaction<TenantDB>, postgres: boolean): Promise<{ id: string }[]> {
    const q = db
      .selectFrom('users')
      .select('id')
      .where('is_org_admin', '=', 1)
      .where('status', '<>', 'deleted');
    return postgres ? q.forUpdate().execute() : q.execute();
  },

  /** Groups of each user (by user id). */
  async groupsOf(db: Db, userIds: readonly string[]): Promise<Map<string, { id: string; name: string }[]>> {
    const out = new Map<string, { id: string; name: string }[]>();
    for (let i = 0; i < userIds.length; i += INSERT_CHUNK) {
      const rows = await db
        .selectFrom('group_members')
        .innerJoin('groups', 'groups.id', 'group_members.group_id')
        .select(['group_members.user_id as userId', 'groups.id as id', 'groups.name as name'])
        .where('group_members.user_id', 'in', userIds.slice(i, i + INSERT_CHUNK))
        .orderBy('groups.name')
        .execute();
      for (const r of rows) {
        const list = out.get(r.userId) ?? [];
        list.push({ id: r.id, name: r.name });
        out.set(r.userId, list);
      }
    }
    return out;
  },

  /** Time of each user's last successful sign-in (from the login log). */
  async lastSignIns(db: Db, userIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (userIds.length === 0) return out;
    const rows = await db
      .selectFrom('audit_log')
      .select(['actor_id', (eb) => eb.fn.max('at').as('at')])
      .where('kind', '=', 'login')
      .where('action', '=', 'auth.sign_in')
      .where('result', '=', 'success')
      .where('actor_id', 'in', [...userIds])
      .groupBy('actor_id')
      .execute();
    for (const r of rows) if (r.actor_id && r.at) out.set(r.actor_id, r.at);
    return out;
  },

  /** Which users have two-step verification on. */
  async totpEnabled(db: Db, userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await db
      .selectFrom('user_security')
      .select('user_id')
      .where('user_id', 'in', [...userIds])
      .where('totp_enabled_at', 'is not', null)
      .execute();
    return new Set(rows.map((r) => r.user_id));
  },

  groupsByIds(db: Db, ids: readonly string[]): Promise<GroupTable[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('groups')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute();
  },

  allGroups(db: Db): Promise<GroupTable[]> {
    return db.selectFrom('groups').selectAll().execute();
  },
};

/** True when a write failed on a unique constraint (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown } | null;
  return e?.code === '23505' || (typeof e?.code === 'string' && e.code.startsWith('SQLITE_CONSTRAINT'));
}
