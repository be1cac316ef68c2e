/** Control-database tables of incidents (migration control 0004). */
export type Severity = 'minor' | 'major' | 'critical';

export interface IncidentTable {
  id: string;
  severity: Severity;
  /** 1 = every tenant (also those created later); 0 = those in `incident_tenants`. */
  all_tenants: number;
  title_ja: string;
  title_en: string;
  description_ja: string;
  description_en: string;
  started_at: string;
  resolved_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface IncidentTenantTable {
  incident_id: string;
  tenant_id: string;
}

export interface IncidentUpdateTable {
  id: string;
  incident_id: string;
  kind: 'update' | 'resolution';
  body_ja: string;
  body_en: string;
  at: string;
  created_by: string;
}

export interface IncidentTables {
  incidents: IncidentTable;
  incident_tenants: IncidentTenantTable;
  incident_updates: IncidentUpdateTable;
}
