import type { Migration } from '../../platform/db/migrator.js';

/**
 * Groups and CSV registration (issue 3, §7/§8): groups with a case-insensitive unique
 * name (`name_key`, NFKC + lower case), their members, and the import batches whose
 * invitation mails the administrator can follow (`import_batch_jobs` holds the mail job ids).
 */
export const m0003_groups: Migration = {
  name: '0003_groups',
  async up(db) {
    await db.schema
      .createTable('groups')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_key', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('groups_name_key').on('groups').columns(['name_key']).unique().execute();
    await db.schema
      .createTable('group_members')
      .addColumn('group_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'user_id'])
      .execute();
    await db.schema.createIndex('group_members_user').on('group_members').columns(['user_id']).execute();
    await db.schema
      .createTable('import_batches')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('total', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('import_batch_jobs')
      .addColumn('batch_id', 'text', (c) => c.notNull())
      .addColumn('job_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('import_batch_jobs_pk', ['batch_id', 'job_id'])
      .execute();
  },
};
