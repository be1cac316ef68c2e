import type { Migration } from '../../platform/db/migrator.js';

/**
 * Cube persistence (cube-engine issue): dimensions (elements with their engine
 * ids, codes, display positions and attributes; weighted, ordered parent/child
 * links), cubes (ordered dimension ids) and their sparse leaf cells and text
 * cells, keyed by a coordinate key of element ids (`"3:17:0"`). Numbers are
 * `double precision` (REAL affinity on SQLite), JSON is text.
 */
export const m0005_cubes: Migration = {
  name: '0005_cubes',
  async up(db) {
    await db.schema
      .createTable('cube_dimensions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('cube_elements')
      .addColumn('dimension_id', 'text', (c) => c.notNull())
      .addColumn('element_id', 'integer', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('attributes', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('cube_elements_pk', ['dimension_id', 'element_id'])
      .execute();
    await db.schema
      .createIndex('cube_elements_code')
      .on('cube_elements')
      .columns(['dimension_id', 'code'])
      .unique()
      .execute();
    await db.schema
      .createTable('cube_links')
      .addColumn('dimension_id', 'text', (c) => c.notNull())
      .addColumn('parent_id', 'integer', (c) => c.notNull())
      .addColumn('child_id', 'integer', (c) => c.notNull())
      .addColumn('weight', 'double precision', (c) => c.notNull())
      .addColumn('ord', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('cube_links_pk', ['dimension_id', 'parent_id', 'child_id'])
      .execute();
    await db.schema
      .createTable('cubes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('dimension_ids', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('cube_cells')
      .addColumn('cube_id', 'text', (c) => c.notNull())
      .addColumn('coord', 'text', (c) => c.notNull())
      .addColumn('value', 'double precision', (c) => c.notNull())
      .addPrimaryKeyConstraint('cube_cells_pk', ['cube_id', 'coord'])
      .execute();
    await db.schema
      .createTable('cube_texts')
      .addColumn('cube_id', 'text', (c) => c.notNull())
      .addColumn('coord', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('cube_texts_pk', ['cube_id', 'coord'])
      .execute();
  },
};
