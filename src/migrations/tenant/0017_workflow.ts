import type { Migration } from '../../platform/db/migrator.js';

/**
 * Approval workflow (issue 7): one workflow per portal over one cube — a slice of it (e.g.
 * Scenario = Budget, Period = FY2027) divided into units by one dimension's elements (usually
 * departments), each with its approver group and state (draft → submitted → approved, or returned
 * to draft). `workflow_events` is the history of every transition.
 */
export const m0017_workflow: Migration = {
  name: '0017_workflow',
  async up(db) {
    await db.schema
      .createTable('workflows')
      .addColumn('portal_id', 'text', (c) => c.primaryKey())
      .addColumn('cube_id', 'text', (c) => c.notNull())
      .addColumn('dimension', 'text', (c) => c.notNull())
      .addColumn('slice', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('workflows_cube').on('workflows').columns(['cube_id']).execute();
    await db.schema
      .createTable('workflow_units')
      .addColumn('portal_id', 'text', (c) => c.notNull())
      .addColumn('element', 'text', (c) => c.notNull())
      .addColumn('approver_group_id', 'text')
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('comment', 'text', (c) => c.notNull())
      .addColumn('changed_by', 'text')
      .addColumn('changed_at', 'text', (c) => c.notNull())
      .addColumn('submitted_by', 'text')
      .addPrimaryKeyConstraint('workflow_units_pk', ['portal_id', 'element'])
      .execute();
    await db.schema
      .createTable('workflow_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('portal_id', 'text', (c) => c.notNull())
      .addColumn('element', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('from_state', 'text', (c) => c.notNull())
      .addColumn('to_state', 'text', (c) => c.notNull())
      .addColumn('comment', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('workflow_events_unit')
      .on('workflow_events')
      .columns(['portal_id', 'element', 'at'])
      .execute();
  },
};
