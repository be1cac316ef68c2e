import type { Migration } from '../../platform/db/migrator.js';

/**
 * Form definitions (issue 6): one row per form object of the catalogue (`model_objects.kind =
 * 'form'`), holding its `FormDefinition` as JSON text. The definition names the cube, its
 * dimensions and elements by code, never by id, so the same JSON fits any tenant.
 */
export const m0011_forms: Migration = {
  name: '0011_forms',
  async up(db) {
    await db.schema
      .createTable('model_forms')
      .addColumn('object_id', 'text', (c) => c.primaryKey())
      .addColumn('definition', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};
