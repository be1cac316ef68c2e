import type { Migration } from '../../platform/db/migrator.js';

/**
 * Contract end and deletion (issue 8, §4/§5): the reminders sent before a contract
 * ends (one row per tenant, kind and end date: each reminder once), cancelled
 * terminations, terminations in progress or done (kept after the tenant row is gone,
 * so a closed organisation's address answers with a clear message), the evidence of
 * every artefact deleted, and the signed deletion certificates.
 */
export const m0006_contracts: Migration = {
  name: '0006_contracts',
  async up(db) {
    await db.schema
      .createTable('contract_reminders')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('contract_end', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text', (c) => c.notNull())
      .addColumn('recipients', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('contract_reminders_pk', ['tenant_id', 'kind', 'contract_end'])
      .execute();
    await db.schema
      .createTable('termination_cancellations')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('contract_end', 'text', (c) => c.notNull())
      .addColumn('cancelled_by', 'text', (c) => c.notNull())
      .addColumn('cancelled_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('termination_cancellations_pk', ['tenant_id', 'contract_end'])
      .execute();
    await db.schema
      .createTable('tenant_terminations')
      .addColumn('tenant_id', 'text', (c) => c.primaryKey())
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('contract_end', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('closed_at', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text')
      .execute();
    await db.schema
      .createIndex('tenant_terminations_slug')
      .on('tenant_terminations')
      .column('slug')
      .execute();
    await db.schema
      .createTable('deletion_evidence')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('artefact', 'text', (c) => c.notNull())
      .addColumn('location', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('bytes', 'integer')
      .addColumn('deleted_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('deletion_evidence_pk', ['tenant_id', 'source', 'artefact'])
      .execute();
    await db.schema
      .createTable('deletion_certificates')
      .addColumn('tenant_id', 'text', (c) => c.primaryKey())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('signature', 'text', (c) => c.notNull())
      .addColumn('issued_at', 'text', (c) => c.notNull())
      .execute();
  },
};
