import type { Migration } from '../../platform/db/migrator.js';

/**
 * Locked slices of a cube (issue 7, "lock periods"): an element of one of the cube's dimensions
 * (e.g. Period = 2027-04, or a quarter), which locks every leaf cell under it against every kind of
 * write until an org admin unlocks it. `dimension` is the dimension's code (its engine name).
 */
export const m0016_locks: Migration = {
  name: '0016_locks',
  async up(db) {
    await db.schema
      .createTable('cube_locks')
      .addColumn('cube_id', 'text', (c) => c.notNull())
      .addColumn('dimension', 'text', (c) => c.notNull())
      .addColumn('element', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('locked_by', 'text')
      .addColumn('locked_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('cube_locks_pk', ['cube_id', 'dimension', 'element'])
      .execute();
  },
};
