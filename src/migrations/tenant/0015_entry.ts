import { sql } from 'kysely';
import { seqType } from '../shared/append-only.js';
import type { Migration } from '../../platform/db/migrator.js';

/**
 * Budget entry (issue 7): cell history, cell comments and actuals-import definitions.
 *
 * - `cell_writes`: one row per committed cell write (cube, user, time, path: grid, excel,
 *   import, spread, copy, package); `cell_history`: per changed leaf cell of that write its
 *   coordinate key (element ids joined by `:`, as `cube_cells.coord`) and the old and new value.
 *   Both are written in the write's own transaction.
 * - `cell_comments`: threaded comments on any cell (leaf or consolidated).
 * - `import_definitions`: the saved actuals-import mapping of a cube (JSON).
 */
export const m0015_entry: Migration = {
  name: '0015_entry',
  async up(db, dialect) {
    await db.schema
      .createTable('cell_writes')
      .addColumn('seq', seqType(dialect), (c) => c.primaryKey())
      .addColumn('cube_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('cells', 'integer', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    // One B-tree per history row on SQLite (WITHOUT ROWID: the primary key is the table), so a
    // million-cell import writes its history at about the cost of the cells themselves.
    let history = db.schema
      .createTable('cell_history')
      .addColumn('cube_id', 'text', (c) => c.notNull())
      .addColumn('coord', 'text', (c) => c.notNull())
      .addColumn('write_seq', 'integer', (c) => c.notNull())
      .addColumn('old_value', 'double precision', (c) => c.notNull())
      .addColumn('new_value', 'double precision', (c) => c.notNull())
      .addPrimaryKeyConstraint('cell_history_pk', ['cube_id', 'coord', 'write_seq']);
    if (dialect === 'sqlite') history = history.modifyEnd(sql`without rowid`);
    await history.execute();
    await db.schema
      .createTable('cell_comments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('cube_id', 'text', (c) => c.notNull())
      .addColumn('coord', 'text', (c) => c.notNull())
      .addColumn('parent_id', 'text')
      .addColumn('author_id', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('cell_comments_cell')
      .on('cell_comments')
      .columns(['cube_id', 'coord', 'created_at'])
      .execute();
    await db.schema
      .createTable('import_definitions')
      .addColumn('cube_id', 'text', (c) => c.primaryKey())
      .addColumn('definition', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};
