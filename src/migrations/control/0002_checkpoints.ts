import type { Migration } from '../../platform/db/migrator.js';
import { appendOnlyTriggers } from '../shared/append-only.js';

/**
 * Signed integrity checkpoints of every audit chain (the control database's and each
 * tenant's), kept here, outside the tenant databases they vouch for.
 */
export const m0002_checkpoints: Migration = {
  name: '0002_checkpoints',
  async up(db, dialect) {
    await db.schema
      .createTable('audit_checkpoints')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('signature', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('audit_checkpoints_scope_seq')
      .on('audit_checkpoints')
      .columns(['scope', 'seq'])
      .execute();
    await appendOnlyTriggers(db, dialect, 'audit_checkpoints');
  },
};
