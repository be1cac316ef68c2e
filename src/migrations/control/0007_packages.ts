import type { Migration } from '../../platform/db/migrator.js';

/**
 * Model packages of the provider (issue 6, §7): every uploaded version (the file itself, base64,
 * with its manifest facts, its objects (JSON [{ kind, code }]) and checksum; `all_tenants` = offered to every tenant, the built-in
 * demo) and to which tenants the operators distributed it.
 */
export const m0007_packages: Migration = {
  name: '0007_packages',
  async up(db) {
    await db.schema
      .createTable('provider_packages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('name_ja', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('object_count', 'integer', (c) => c.notNull())
      .addColumn('objects', 'text', (c) => c.notNull())
      .addColumn('with_figures', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('all_tenants', 'integer', (c) => c.notNull())
      .addColumn('uploaded_by', 'text')
      .addColumn('uploaded_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('provider_packages_version')
      .on('provider_packages')
      .columns(['code', 'version'])
      .unique()
      .execute();
    await db.schema
      .createTable('package_distributions')
      .addColumn('package_id', 'text', (c) => c.notNull())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('distributed_by', 'text')
      .addColumn('distributed_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('package_distributions_pk', ['package_id', 'tenant_id'])
      .execute();
    await db.schema
      .createIndex('package_distributions_tenant')
      .on('package_distributions')
      .columns(['tenant_id'])
      .execute();
  },
};
