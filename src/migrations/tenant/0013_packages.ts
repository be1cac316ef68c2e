import type { Migration } from '../../platform/db/migrator.js';

/**
 * Installed model packages (issue 6, §7): one row per package code with the installed version,
 * where it came from (`provider`: distributed by the operator, `tenant`: the organisation's own
 * import), the provider package it was installed from, its checksum and its objects (JSON).
 */
export const m0013_packages: Migration = {
  name: '0013_packages',
  async up(db) {
    await db.schema
      .createTable('installed_packages')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('name_ja', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('provider_package_id', 'text')
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('with_figures', 'integer', (c) => c.notNull())
      .addColumn('objects', 'text', (c) => c.notNull())
      .addColumn('installed_by', 'text')
      .addColumn('installed_at', 'text', (c) => c.notNull())
      .execute();
  },
};
