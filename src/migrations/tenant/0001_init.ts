import { sql } from 'kysely';
import type { Migration } from '../../platform/db/migrator.js';
import {
  createAuditTables,
  createSessionTable,
  createSettingsTable,
  createTokenTable,
} from '../shared/tables.js';

export const m0001_init: Migration = {
  name: '0001_init',
  async up(db, dialect) {
    await createAuditTables(db, dialect);
    await createSettingsTable(db);
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('is_org_admin', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // An address is unique among live users; a deleted user's address can be registered again.
    await sql`create unique index users_email_live on users (email) where status <> 'deleted'`.execute(db);
    await createSessionTable(db, 'sessions');
    await createTokenTable(db, 'one_time_tokens');
    await db.schema
      .createTable('outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};
