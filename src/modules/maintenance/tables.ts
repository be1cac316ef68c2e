import type { Kysely, Transaction } from 'kysely';
import type { ControlDB } from '../../platform/db/types.js';
import type { Database } from '../../platform/db/database.js';
import type { IncidentTables } from '../incidents/tables.js';

/** Control-database tables of maintenance and availability (migration control 0004). */
export interface MaintenanceWindowTable {
  id: string;
  starts_at: string;
  /** Planned end; ending early moves it to the moment it was ended (status `ended`). */
  ends_at: string;
  notice_ja: string;
  notice_en: string;
  status: 'scheduled' | 'ended' | 'cancelled';
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface UptimeEventTable {
  id: string;
  kind: 'start' | 'heartbeat' | 'stop';
  at: string;
}

export interface OpsTables extends IncidentTables {
  maintenance_windows: MaintenanceWindowTable;
  uptime_events: UptimeEventTable;
}

export type OpsDB = ControlDB & OpsTables;
export type OpsKysely = Kysely<OpsDB> | Transaction<OpsDB>;

export function opsDb(db: Database<ControlDB>): Kysely<OpsDB> {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- widens to this module's tables
  return db.kysely as unknown as Kysely<OpsDB>;
}
