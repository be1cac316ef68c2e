import type { Database } from '../../platform/db/database.js';
import type { ControlDB, TenantDB } from '../../platform/db/types.js';

/** Release notes and terms of service (control database, migration control/0003). */
export interface ReleaseNoteTable {
  id: string;
  version: string;
  released_on: string; // YYYY-MM-DD
  changes: string; // JSON: ReleaseChange[]
  published_at: string;
  published_by: string | null;
}

export interface TermsVersionTable {
  id: string;
  revision: number;
  governing_law_ja: string;
  governing_law_en: string;
  contact: string;
  text_ja: string;
  text_en: string;
  effective_on: string; // YYYY-MM-DD
  published_at: string;
  published_by: string | null;
}

/** The release a user last saw in the "what's new" notice (tenant database, migration tenant/0006). */
export interface ReleaseSeenTable {
  user_id: string;
  version: string;
  seen_at: string;
}

export interface OpsControlDB extends ControlDB {
  release_notes: ReleaseNoteTable;
  terms_versions: TermsVersionTable;
}
export interface OpsTenantDB extends TenantDB {
  release_seen: ReleaseSeenTable;
}

/** Narrows the control database to these tables too (as evidence-tables does for checkpoints). */
export const opsControl = (db: Database<ControlDB>): Database<OpsControlDB> =>
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- widens to this module's tables
  db as unknown as Database<OpsControlDB>;
export const opsTenant = (db: Database<TenantDB>): Database<OpsTenantDB> =>
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- widens to this module's tables
  db as unknown as Database<OpsTenantDB>;
