import type { Kysely, Transaction } from 'kysely';
import type { TenantDB, UserSecurityTable, UserTable } from '../../platform/db/types.js';

type Db = Kysely<TenantDB> | Transaction<TenantDB>;

export type Require2fa = 'none' | 'admins' | 'everyone';
const REQUIRE_2FA_KEY = 'require_2fa';

/** Queries of sign-in security (users, two-step verification, the tenant's 2FA policy). */
export const identityRepo = {
  liveUserByEmail(db: Db, email: string): Promise<UserTable | undefined> {
    return db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email)
      .where('status', '<>', 'deleted')
      .executeTakeFirst();
  },

  userById(db: Db, id: string): Promise<UserTable | undefined> {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  },

  security(db: Db, userId: string): Promise<UserSecurityTable | undefined> {
    return db.selectFrom('user_security').selectAll().where('user_id', '=', userId).executeTakeFirst();
  },

  async updateSecurity(
    db: Transaction<TenantDB>,
    userId: string,
    change: Partial<Omit<UserSecurityTable, 'user_id'>>,
  ): Promise<void> {
    await db
      .insertInto('user_security')
      .values({
        user_id: userId,
        totp_secret: null,
        totp_pending_secret: null,
        totp_enabled_at: null,
        totp_last_step: null,
        password_changed_at: null,
        ...change,
      })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(change))
      .execute();
  },

  async require2fa(db: Db): Promise<Require2fa> {
    const row = await db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', REQUIRE_2FA_KEY)
      .executeTakeFirst();
    return row?.value === 'admins' || row?.value === 'everyone' ? row.value : 'none';
  },

  async setRequire2fa(db: Transaction<TenantDB>, value: Require2fa): Promise<void> {
    await db
      .insertInto('settings')
      .values({ key: REQUIRE_2FA_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  },
};

/** Whether the tenant's policy requires two-step verification of this user. */
export function totpRequiredFor(policy: Require2fa, user: Pick<UserTable, 'is_org_admin'>): boolean {
  return policy === 'everyone' || (policy === 'admins' && user.is_org_admin === 1);
}
