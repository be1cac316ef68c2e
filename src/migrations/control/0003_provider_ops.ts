import type { Migration } from '../../platform/db/migrator.js';

/**
 * Provider operations (issue 9, §13/§20): published release notes (one row per version, changes as a
 * JSON list of `{category, ja, en}`) and the terms of service, one row per published version (the
 * newest is in force; earlier ones stay as history).
 */
export const m0003_provider_ops: Migration = {
  name: '0003_provider_ops',
  async up(db) {
    await db.schema
      .createTable('release_notes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('version', 'text', (c) => c.notNull().unique())
      .addColumn('released_on', 'text', (c) => c.notNull())
      .addColumn('changes', 'text', (c) => c.notNull())
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addColumn('published_by', 'text')
      .execute();
    await db.schema
      .createTable('terms_versions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('revision', 'integer', (c) => c.notNull().unique())
      .addColumn('governing_law_ja', 'text', (c) => c.notNull())
      .addColumn('governing_law_en', 'text', (c) => c.notNull())
      .addColumn('contact', 'text', (c) => c.notNull())
      .addColumn('text_ja', 'text', (c) => c.notNull())
      .addColumn('text_en', 'text', (c) => c.notNull())
      .addColumn('effective_on', 'text', (c) => c.notNull())
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addColumn('published_by', 'text')
      .execute();
  },
};
