import { sql, type Kysely, type Transaction } from 'kysely';
import type { GroupTable, TenantDB, UserTable } from '../../platform/db/types.js';
import { containsPattern } from '../users/repository.js';

type Db = Kysely<TenantDB> | Transaction<TenantDB>;

export type GroupWithCount = GroupTable & { member_count: number };

function withCount(db: Db) {
  return db
    .selectFrom('groups')
    .selectAll('groups')
    .select((eb) =>
      eb
        .selectFrom('group_members')
        .innerJoin('users', 'users.id', 'group_members.user_id')
        .whereRef('group_members.group_id', '=', 'groups.id')
        .where('users.status', '<>', 'deleted')
        .select(eb.fn.countAll<string | number>().as('n'))
        .as('member_count'),
    );
}

const numeric = (g: GroupTable & { member_count: string | number | null }): GroupWithCount => ({
  ...g,
  member_count: Number(g.member_count ?? 0),
});

export const groupsRepo = {
  async list(db: Db, q: string | undefined): Promise<GroupWithCount[]> {
    let query = withCount(db);
    if (q) {
      const p = containsPattern(q);
      query = query.where((eb) =>
        eb.or([
          eb(sql`lower(groups.name)`, 'like', sql`${p} escape '\\'`),
          eb(sql`lower(groups.description)`, 'like', sql`${p} escape '\\'`),
        ]),
      );
    }
    return (await query.orderBy('groups.name').execute()).map(numeric);
  },

  async byId(db: Db, id: string): Promise<GroupWithCount | undefined> {
    const g = await withCount(db).where('groups.id', '=', id).executeTakeFirst();
    return g ? numeric(g) : undefined;
  },

  byKey(db: Db, nameKey: string): Promise<GroupTable | undefined> {
    return db.selectFrom('groups').selectAll().where('name_key', '=', nameKey).executeTakeFirst();
  },

  members(db: Db, groupId: string): Promise<UserTable[]> {
    return db
      .selectFrom('users')
      .selectAll('users')
      .innerJoin('group_members', 'group_members.user_id', 'users.id')
      .where('group_members.group_id', '=', groupId)
      .where('users.status', '<>', 'deleted')
      .orderBy('users.display_name')
      .orderBy('users.email')
      .execute();
  },

  memberIds(db: Db, groupId: string): Promise<{ user_id: string }[]> {
    return db.selectFrom('group_members').select('user_id').where('group_id', '=', groupId).execute();
  },
};
