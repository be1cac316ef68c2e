import type { Kysely } from 'kysely';
import type { ControlDB, OperatorTable } from '../../platform/db/types.js';

export const operatorsRepo = {
  countWithPassword(db: Kysely<ControlDB>): Promise<number> {
    return db
      .selectFrom('operators')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('password_hash', 'is not', null)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  },
  byEmail(db: Kysely<ControlDB>, email: string): Promise<OperatorTable | undefined> {
    return db.selectFrom('operators').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  },
  byId(db: Kysely<ControlDB>, id: string): Promise<OperatorTable | undefined> {
    return db.selectFrom('operators').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insert(db: Kysely<ControlDB>, op: OperatorTable): Promise<void> {
    await db.insertInto('operators').values(op).execute();
  },
  async setPassword(db: Kysely<ControlDB>, id: string, hash: string, now: string): Promise<void> {
    await db
      .updateTable('operators')
      .set({ password_hash: hash, updated_at: now })
      .where('id', '=', id)
      .execute();
  },
};
