import type { Migration } from '../../platform/db/migrator.js';

/**
 * Provider operations (issue 9, §2/§18): incidents with their affected tenants and updates,
 * maintenance windows, and Yosan's own uptime record (start/stop events and a heartbeat a minute).
 */
export const m0004_operations: Migration = {
  name: '0004_operations',
  async up(db) {
    await db.schema
      .createTable('incidents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('all_tenants', 'integer', (c) => c.notNull())
      .addColumn('title_ja', 'text', (c) => c.notNull())
      .addColumn('title_en', 'text', (c) => c.notNull())
      .addColumn('description_ja', 'text', (c) => c.notNull())
      .addColumn('description_en', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('resolved_at', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('incident_tenants')
      .addColumn('incident_id', 'text', (c) => c.notNull())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('incident_tenants_pk', ['incident_id', 'tenant_id'])
      .execute();
    await db.schema
      .createIndex('incident_tenants_tenant')
      .on('incident_tenants')
      .columns(['tenant_id'])
      .execute();
    await db.schema
      .createTable('incident_updates')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('incident_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('body_ja', 'text', (c) => c.notNull())
      .addColumn('body_en', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('incident_updates_incident')
      .on('incident_updates')
      .columns(['incident_id', 'at'])
      .execute();
    await db.schema
      .createTable('maintenance_windows')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('ends_at', 'text', (c) => c.notNull())
      .addColumn('notice_ja', 'text', (c) => c.notNull())
      .addColumn('notice_en', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('maintenance_windows_time')
      .on('maintenance_windows')
      .columns(['status', 'ends_at'])
      .execute();
    await db.schema
      .createTable('uptime_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('uptime_events_at').on('uptime_events').columns(['at']).execute();
  },
};
