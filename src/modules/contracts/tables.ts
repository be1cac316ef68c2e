import type { Kysely } from 'kysely';
import type { AnyDb } from '../../platform/db/database.js';
import type { ControlDB } from '../../platform/db/types.js';

/** Table types of the contracts module (control database, migration 0006_contracts). */
export interface ContractReminderTable {
  tenant_id: string;
  kind: string;
  contract_end: string;
  sent_at: string;
  recipients: number;
}

export interface TerminationCancellationTable {
  tenant_id: string;
  contract_end: string;
  cancelled_by: string;
  cancelled_at: string;
}

export interface DeletionEvidenceTable {
  tenant_id: string;
  source: string;
  artefact: string;
  location: string;
  /** A stable method code (see certificate.ts for its ja/en description). */
  method: string;
  bytes: number | null;
  deleted_at: string;
}

export interface DeletionCertificateTable {
  tenant_id: string;
  /** The canonical JSON of the certificate body that was signed. */
  body: string;
  key_id: string;
  signature: string;
  issued_at: string;
}

export interface ContractTables extends ControlDB {
  contract_reminders: ContractReminderTable;
  termination_cancellations: TerminationCancellationTable;
  deletion_evidence: DeletionEvidenceTable;
  deletion_certificates: DeletionCertificateTable;
}

export function contractDb(db: AnyDb): Kysely<ContractTables> {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- narrows to this module's tables
  return db as unknown as Kysely<ContractTables>;
}
