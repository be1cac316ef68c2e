import type { Migration } from '../../platform/db/migrator.js';

/**
 * Sign-in security (issue 3, §10/§11): per-account throttling (keyed by a hash of the
 * e-mail address, so unknown addresses are throttled exactly like known ones), the
 * failures of the last hour (the 100/hour cap), two-step verification (the TOTP secret
 * encrypted, recovery codes as hashes only) and short-lived second-step challenges.
 */
export const m0004_security: Migration = {
  name: '0004_security',
  async up(db) {
    await db.schema
      .createTable('sign_in_throttle')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('consecutive_failures', 'integer', (c) => c.notNull())
      .addColumn('lock_level', 'integer', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('sign_in_failures')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('sign_in_failures_key_at')
      .on('sign_in_failures')
      .columns(['key', 'at'])
      .execute();
    await db.schema
      .createTable('user_security')
      .addColumn('user_id', 'text', (c) => c.primaryKey())
      .addColumn('totp_secret', 'text')
      .addColumn('totp_pending_secret', 'text')
      .addColumn('totp_enabled_at', 'text')
      .addColumn('totp_last_step', 'integer')
      .addColumn('password_changed_at', 'text')
      .execute();
    await db.schema
      .createTable('recovery_codes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
    await db.schema.createIndex('recovery_codes_user').on('recovery_codes').columns(['user_id']).execute();
    await db.schema
      .createTable('mfa_challenges')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('pending_secret', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
  },
};
