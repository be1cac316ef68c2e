import type { Generated, Kysely } from 'kysely';
import type { AnyDb } from '../db/database.js';
import type { AuditTables } from '../db/types.js';

/**
 * Table types of the evidence logs (tenant databases) and of the integrity
 * checkpoints (control database). Kept here, beside the audit log, and narrowed
 * to with `evidenceDb` / `checkpointDb`, like the audit tables.
 */
export interface AccessLogTable {
  seq: Generated<number>;
  at: string;
  ref_id: string;
  user_id: string | null;
  user_name: string | null;
  method: string;
  /** The route pattern (`/t/:slug/api/session`), never the raw URL. */
  route: string;
  status: number;
  duration_ms: number;
  ip: string | null;
  user_agent: string | null;
}

export interface ErrorLogTable {
  seq: Generated<number>;
  at: string;
  ref_id: string;
  code: string;
  status: number;
  /** A safe description: the code's message or field issues, never a stack or a secret. */
  description: string;
  method: string;
  route: string;
  user_id: string | null;
  user_name: string | null;
}

export interface CheckpointTable {
  id: string;
  /** `control` or a tenant id. */
  scope: string;
  seq: number;
  hash: string;
  at: string;
  /** Fingerprint (SHA-256 of the SPKI DER) of the Ed25519 public key that signed it. */
  key_id: string;
  signature: string;
}

export interface EvidenceTables extends AuditTables {
  access_log: AccessLogTable;
  error_log: ErrorLogTable;
}

export interface CheckpointTables extends AuditTables {
  audit_checkpoints: CheckpointTable;
}

export function evidenceDb(db: AnyDb): Kysely<EvidenceTables> {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- narrows AnyDb to these tables
  return db as unknown as Kysely<EvidenceTables>;
}

export function checkpointDb(db: AnyDb): Kysely<CheckpointTables> {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- narrows AnyDb to these tables
  return db as unknown as Kysely<CheckpointTables>;
}
