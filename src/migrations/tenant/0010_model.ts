import type { Migration } from '../../platform/db/migrator.js';

/**
 * The planning model's catalogue (issue 6, §7): every model object (dimension, cube,
 * form, portal) with its distributed names (ja/en), category, description, origin
 * (`provider` | `tenant`) and owner; the tenant's own renames and re-categorisations
 * live apart in `model_overrides`, so a later update of a distributed package that
 * rewrites `model_objects` never loses them. Dimensions and cubes share their id with
 * `cube_dimensions` / `cubes` (migration 0005). Access rights (§9): `model_rights` gives a
 * group read or write on an object; `model_element_rights` restricts a group, on one dimension,
 * to chosen elements and their descendants (read or write).
 */
export const m0010_model: Migration = {
  name: '0010_model',
  async up(db) {
    await db.schema
      .createTable('model_objects')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name_ja', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('owner_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('model_objects_code')
      .on('model_objects')
      .columns(['kind', 'code'])
      .unique()
      .execute();
    await db.schema
      .createTable('model_overrides')
      .addColumn('object_id', 'text', (c) => c.primaryKey())
      .addColumn('name_ja', 'text')
      .addColumn('name_en', 'text')
      .addColumn('category', 'text')
      .addColumn('description', 'text')
      .addColumn('updated_by', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('model_rights')
      .addColumn('group_id', 'text', (c) => c.notNull())
      .addColumn('object_id', 'text', (c) => c.notNull())
      .addColumn('access', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('model_rights_pk', ['group_id', 'object_id'])
      .execute();
    await db.schema.createIndex('model_rights_object').on('model_rights').columns(['object_id']).execute();
    await db.schema
      .createTable('model_element_rights')
      .addColumn('group_id', 'text', (c) => c.notNull())
      .addColumn('dimension_id', 'text', (c) => c.notNull())
      .addColumn('element_code', 'text', (c) => c.notNull())
      .addColumn('access', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('model_element_rights_pk', ['group_id', 'dimension_id', 'element_code'])
      .execute();
  },
};
