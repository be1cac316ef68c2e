import type { Migration } from '../../platform/db/migrator.js';

/**
 * Portals (issue 6): the definition of each catalogue object of kind `portal` — its tiles
 * (forms by code) and announcements — as JSON (`PortalDefinition` in
 * src/modules/model/definitions.ts). Who sees a portal is `model_rights` on its object id.
 */
export const m0012_portals: Migration = {
  name: '0012_portals',
  async up(db) {
    await db.schema
      .createTable('model_portals')
      .addColumn('object_id', 'text', (c) => c.primaryKey())
      .addColumn('definition', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};
