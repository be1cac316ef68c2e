import type { Migration } from '../../platform/db/migrator.js';
import { appendOnlyTriggers, seqType } from '../shared/append-only.js';

/**
 * Evidence for customers: the access log and the error log (append-only, like the
 * audit log), and the indexes that keep filtered, keyset-paged log views fast at
 * millions of entries (every index ends in `seq`, the paging key).
 */
export const m0002_evidence: Migration = {
  name: '0002_evidence',
  async up(db, dialect) {
    await db.schema
      .createTable('access_log')
      .addColumn('seq', seqType(dialect), (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('ref_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('user_name', 'text')
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('route', 'text', (c) => c.notNull())
      .addColumn('status', 'integer', (c) => c.notNull())
      .addColumn('duration_ms', 'integer', (c) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .execute();
    await db.schema.createIndex('access_log_at').on('access_log').columns(['at']).execute();
    await db.schema.createIndex('access_log_user_seq').on('access_log').columns(['user_id', 'seq']).execute();
    await db.schema
      .createIndex('access_log_status_seq')
      .on('access_log')
      .columns(['status', 'seq'])
      .execute();
    await appendOnlyTriggers(db, dialect, 'access_log');

    await db.schema
      .createTable('error_log')
      .addColumn('seq', seqType(dialect), (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('ref_id', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('status', 'integer', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('route', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('user_name', 'text')
      .execute();
    await db.schema.createIndex('error_log_at').on('error_log').columns(['at']).execute();
    await db.schema.createIndex('error_log_ref').on('error_log').columns(['ref_id']).execute();
    await db.schema.createIndex('error_log_code_seq').on('error_log').columns(['code', 'seq']).execute();
    await db.schema.createIndex('error_log_user_seq').on('error_log').columns(['user_id', 'seq']).execute();
    await appendOnlyTriggers(db, dialect, 'error_log');

    // Operation / sign-in log filters: kind is always given, so every index starts with it.
    const audit = [
      ['audit_log_kind_actor_seq', ['kind', 'actor_id', 'seq']],
      ['audit_log_kind_action_seq', ['kind', 'action', 'seq']],
      ['audit_log_kind_result_seq', ['kind', 'result', 'seq']],
      ['audit_log_kind_target_seq', ['kind', 'target_type', 'target_id', 'seq']],
    ] as const;
    for (const [name, columns] of audit) {
      await db.schema
        .createIndex(name)
        .on('audit_log')
        .columns([...columns])
        .execute();
    }
  },
};
