import type { Migration } from '../../platform/db/migrator.js';

/**
 * Provider operations (issue 9, §13/§22): the release each user last saw in the "what's new" notice,
 * and the results of log-chain verifications (the trust page shows the latest).
 */
export const m0006_provider_ops: Migration = {
  name: '0006_provider_ops',
  async up(db) {
    await db.schema
      .createTable('release_seen')
      .addColumn('user_id', 'text', (c) => c.primaryKey())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('seen_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('log_verifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('entries', 'integer', (c) => c.notNull())
      .addColumn('head_seq', 'integer', (c) => c.notNull())
      .addColumn('checkpoints', 'integer', (c) => c.notNull())
      .addColumn('first_failure', 'text')
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('log_verifications_at').on('log_verifications').columns(['at']).execute();
  },
};
