import type { Migration } from '../../platform/db/migrator.js';

/**
 * Customer exports (issue 8, §5): one row per requested archive of the whole tenant,
 * built in the background with progress, downloadable until `expires_at` (7 days).
 */
export const m0009_exports: Migration = {
  name: '0009_exports',
  async up(db) {
    await db.schema
      .createTable('exports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('progress', 'integer', (c) => c.notNull())
      .addColumn('requested_by', 'text')
      .addColumn('requested_by_name', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text')
      .addColumn('expires_at', 'text')
      .addColumn('bytes', 'integer')
      .addColumn('sha256', 'text')
      .addColumn('error', 'text')
      .addColumn('downloads', 'integer', (c) => c.notNull())
      .execute();
  },
};
