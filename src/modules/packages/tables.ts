import type { Kysely, Transaction } from 'kysely';
import type { AnyDb } from '../../platform/db/database.js';
import type { ControlDB } from '../../platform/db/types.js';
import type { ModelTables } from '../model/tables.js';

/** Installed packages of a tenant (tenant migration 0013_packages). */
export interface InstalledPackageTable {
  code: string;
  version: string;
  name_ja: string;
  name_en: string;
  origin: 'provider' | 'tenant';
  provider_package_id: string | null;
  sha256: string;
  with_figures: number;
  /** JSON array of { kind, code }. */
  objects: string;
  installed_by: string | null;
  installed_at: string;
}

export interface PackageTenantTables extends ModelTables {
  installed_packages: InstalledPackageTable;
}

export type PackageTenantDb = Kysely<PackageTenantTables> | Transaction<PackageTenantTables>;

/** The provider's packages (control migration 0007_packages). */
export interface ProviderPackageTable {
  id: string;
  code: string;
  version: string;
  name_ja: string;
  name_en: string;
  description: string;
  object_count: number;
  /** JSON array of { kind, code }. */
  objects: string;
  with_figures: number;
  sha256: string;
  /** The package file, base64. */
  content: string;
  /** 1 = offered to every tenant (the built-in demo). */
  all_tenants: number;
  uploaded_by: string | null;
  uploaded_at: string;
}

export interface PackageDistributionTable {
  package_id: string;
  tenant_id: string;
  distributed_by: string | null;
  distributed_at: string;
}

export interface PackageControlTables extends ControlDB {
  provider_packages: ProviderPackageTable;
  package_distributions: PackageDistributionTable;
}

export function packageControlDb(db: AnyDb): Kysely<PackageControlTables> {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- narrows to this module's tables
  return db as unknown as Kysely<PackageControlTables>;
}

export function packageTenantDb(db: AnyDb): Kysely<PackageTenantTables> {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- narrows to this module's tables
  return db as unknown as Kysely<PackageTenantTables>;
}
