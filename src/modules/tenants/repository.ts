import type { Kysely } from 'kysely';
import type { ControlDB, TenantTable } from '../../platform/db/types.js';

export const tenantsRepo = {
  list(db: Kysely<ControlDB>): Promise<TenantTable[]> {
    return db.selectFrom('tenants').selectAll().orderBy('created_at', 'desc').execute();
  },
  byId(db: Kysely<ControlDB>, id: string): Promise<TenantTable | undefined> {
    return db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
  },
  bySlug(db: Kysely<ControlDB>, slug: string): Promise<TenantTable | undefined> {
    return db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst();
  },
  async insert(db: Kysely<ControlDB>, t: TenantTable): Promise<void> {
    await db.insertInto('tenants').values(t).execute();
  },
  async setStatus(
    db: Kysely<ControlDB>,
    id: string,
    status: TenantTable['status'],
    now: string,
  ): Promise<void> {
    await db.updateTable('tenants').set({ status, updated_at: now }).where('id', '=', id).execute();
  },
};
