import type { Generated } from 'kysely';

/**
 * Table types. Conventions, identical in SQLite and PostgreSQL so one set of
 * queries serves both: ids are text; times are text, ISO 8601 in UTC (`...Z`);
 * booleans are integers 0/1; JSON is text.
 */

export interface AuditLogTable {
  seq: number;
  id: string;
  at: string;
  kind: 'operation' | 'login';
  actor_type: 'operator' | 'user' | 'system' | 'anonymous';
  actor_id: string | null;
  actor_name: string | null;
  ip: string | null;
  user_agent: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  target_label: string | null;
  summary: string;
  result: 'success' | 'failure';
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface AuditTables {
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: string;
}

export interface SessionTable {
  id: string; // SHA-256 of the token
  subject_id: string;
  created_at: string;
  last_seen_at: string;
  idle_expires_at: string;
  absolute_expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

/** Single-use tokens (setup, invitation, password reset). Only the SHA-256 is stored. */
export interface OneTimeTokenTable {
  id: string; // SHA-256 of the token
  purpose: 'setup' | 'invitation' | 'reset';
  subject_id: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface OutboxTable {
  id: string;
  type: string;
  payload: string;
  created_at: string;
}

export interface OperatorTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  locale: 'ja' | 'en';
  created_at: string;
  updated_at: string;
}

export interface TenantTable {
  id: string;
  slug: string;
  display_name: string;
  /** `closed`: the contract ended and the tenant's data is being deleted (row removed at the end). */
  status: 'active' | 'suspended' | 'closed';
  contract_start: string; // YYYY-MM-DD (tenant zone)
  contract_end: string; // YYYY-MM-DD (tenant zone)
  region: string;
  time_zone: string;
  first_admin_email: string;
  created_at: string;
  updated_at: string;
}

export interface JobTable {
  id: string;
  type: string;
  payload: string;
  tenant_id: string | null;
  status: 'pending' | 'running' | 'done' | 'failed';
  attempts: number;
  max_attempts: number;
  run_at: string;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface SettingTable {
  key: string;
  value: string;
}

/** Tables every database has for sign-in: sessions and single-use tokens. */
export interface AuthTables {
  sessions: SessionTable;
  one_time_tokens: OneTimeTokenTable;
}

export interface ControlDB extends AuditTables, AuthTables {
  schema_migrations: SchemaMigrationsTable;
  operators: OperatorTable;
  tenants: TenantTable;
  jobs: JobTable;
  settings: SettingTable;
  tenant_terminations: TenantTerminationTable;
}

/** A terminated tenant (contracts module): kept after its row in `tenants` is gone. */
export interface TenantTerminationTable {
  tenant_id: string;
  slug: string;
  display_name: string;
  contract_end: string;
  time_zone: string;
  closed_at: string;
  completed_at: string | null;
}

export interface UserTable {
  id: string;
  email: string;
  display_name: string;
  locale: 'ja' | 'en';
  is_org_admin: number;
  status: 'invited' | 'active' | 'locked' | 'deleted';
  password_hash: string | null;
  created_at: string;
  updated_at: string;
}

/** Per-account sign-in throttle, keyed by SHA-256 of the normalised e-mail (known or not). */
export interface SignInThrottleTable {
  key: string;
  consecutive_failures: number;
  lock_level: number;
  locked_until: string | null;
  updated_at: string;
}

/** One failed guess (password or second step) in the last hour, for the 100/hour cap. */
export interface SignInFailureTable {
  id: string;
  key: string;
  at: string;
}

/** Two-step verification and password facts of a user. Secrets are encrypted (secretbox). */
export interface UserSecurityTable {
  user_id: string;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled_at: string | null;
  totp_last_step: number | null;
  password_changed_at: string | null;
}

export interface RecoveryCodeTable {
  id: string;
  user_id: string;
  code_hash: string; // SHA-256 of the normalised code
  created_at: string;
  used_at: string | null;
}

/** The short-lived, single-use token between the password step and the second step. */
export interface MfaChallengeTable {
  id: string; // SHA-256 of the token
  user_id: string;
  purpose: 'sign_in' | 'enrol';
  pending_secret: string | null;
  attempts: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A group of users (§7): what access rights are granted to. `name_key` = NFKC lower-cased name (unique). */
export interface GroupTable {
  id: string;
  name: string;
  name_key: string;
  description: string;
  created_at: string;
  updated_at: string;
}

export interface GroupMemberTable {
  group_id: string;
  user_id: string;
  created_at: string;
}

/** One CSV registration; its invitation mail jobs are listed in `import_batch_jobs`. */
export interface ImportBatchTable {
  id: string;
  kind: 'users' | 'groups';
  created_by: string | null;
  total: number;
  created_at: string;
}

export interface ImportBatchJobTable {
  batch_id: string;
  job_id: string;
}

export interface TenantDB extends AuditTables, AuthTables {
  schema_migrations: SchemaMigrationsTable;
  users: UserTable;
  outbox: OutboxTable;
  settings: SettingTable;
  groups: GroupTable;
  group_members: GroupMemberTable;
  import_batches: ImportBatchTable;
  import_batch_jobs: ImportBatchJobTable;
  sign_in_throttle: SignInThrottleTable;
  sign_in_failures: SignInFailureTable;
  user_security: UserSecurityTable;
  recovery_codes: RecoveryCodeTable;
  mfa_challenges: MfaChallengeTable;
}

export type { Generated };
