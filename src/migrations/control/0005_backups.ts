import type { Migration } from '../../platform/db/migrator.js';

/**
 * The record of backup runs, restore drills and restores (one row each), kept in the
 * control database. Holds no customer content: sizes, outcomes, generation names.
 */
export const m0005_backups: Migration = {
  name: '0005_backups',
  async up(db) {
    await db.schema
      .createTable('backup_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('generation', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('backup_events_scope_type')
      .on('backup_events')
      .columns(['scope', 'type', 'finished_at'])
      .execute();
  },
};
