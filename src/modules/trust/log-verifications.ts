import type { Kysely } from 'kysely';
import { newId } from '../../platform/crypto/tokens.js';
import type { AnyDb } from '../../platform/db/database.js';

/** Results of log-chain verifications of a tenant (tenant database, migration tenant/0006). */
export interface LogVerificationTable {
  id: string;
  at: string;
  result: 'valid' | 'invalid';
  entries: number;
  head_seq: number;
  checkpoints: number;
  first_failure: string | null;
  /** `user:<id>`, `cli` or `system`. */
  requested_by: string;
}

interface VerificationDb {
  log_verifications: LogVerificationTable;
}
const verificationDb = (db: AnyDb) => db as Kysely<VerificationDb>;

export interface VerificationOutcome {
  result: 'valid' | 'invalid';
  entriesChecked: number;
  head: { seq: number };
  checkpointsChecked: number;
  firstFailure: unknown;
}

/** Keeps the outcome of a verification, so the trust page can show the latest one and its time. */
export async function recordVerification(
  db: AnyDb,
  report: VerificationOutcome,
  requestedBy: string,
  at: Date,
): Promise<void> {
  await verificationDb(db)
    .insertInto('log_verifications')
    .values({
      id: newId(),
      at: at.toISOString(),
      result: report.result,
      entries: report.entriesChecked,
      head_seq: report.head.seq,
      checkpoints: report.checkpointsChecked,
      first_failure: report.firstFailure ? JSON.stringify(report.firstFailure) : null,
      requested_by: requestedBy,
    })
    .execute();
}

export function latestVerification(db: AnyDb): Promise<LogVerificationTable | undefined> {
  return verificationDb(db)
    .selectFrom('log_verifications')
    .selectAll()
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
