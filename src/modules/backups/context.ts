import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../../platform/config/config.js';
import type { Storage } from '../../platform/db/storage.js';
import type { KeyStoreOptions } from './keys.js';
import type { Locations } from './layout.js';
import type { WriteBudget } from './format.js';
import { ownerTag } from './owner.js';

/** What the backup functions need (an `AppDeps` is one). */
export interface BackupDeps {
  config: Config;
  storage: Storage;
  clock: () => Date;
  logger: Logger;
}

/** Test seams: a write budget (forces ENOSPC) and a pause at each stage (kill -9 tests). */
export interface RunHooks {
  budget?: WriteBudget;
  stage?: (name: 'snapshot' | 'sealed' | 'manifest' | 'verified' | 'renamed') => Promise<void> | void;
}

export const CONTROL_SCOPE = 'control';

export const locations = (c: Config): Locations => ({
  primary: c.backupDir,
  secondary: c.backupSecondaryDir,
});

export const keyStore = (c: Config): KeyStoreOptions => ({
  dataDir: c.dataDir,
  masterKey: c.backupMasterKey,
});

/**
 * Scratch space for plaintext copies while sealing or checking (inside the data folder, mode
 * 0700, files 0600, removed after). Every name starts with `<scope>-`, so what a killed process
 * left is found per tenant, and ends with `~<pid>.<start>` of the process that made it, so a
 * start-up removes exactly what dead processes left (see interrupted.ts).
 */
export const scratchDir = (c: Config): string => path.join(c.dataDir, 'tmp', 'backup');
export const scratchFile = (c: Config, scope: string, what: string): string =>
  path.join(scratchDir(c), `${scope}-${what}~${ownerTag()}`);

/** Makes the scratch folder (0700, also when it existed with a wider mode). */
export function ensureScratchDir(c: Config): string {
  const dir = scratchDir(c);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  return dir;
}

/** The live SQLite file of a scope. */
export const sqliteFileOf = (c: Config, scope: string): string =>
  scope === CONTROL_SCOPE
    ? path.join(c.dataDir, 'control.sqlite')
    : path.join(c.dataDir, 'tenants', `${scope}.sqlite`);

export interface ScopeInfo {
  scope: string;
  label: string;
  /** Days and ISO weeks of the generations are counted in this zone (the tenant's; JST by default). */
  timeZone: string;
}

/** Every scope: the control database and each tenant. */
export async function allScopes(deps: BackupDeps): Promise<ScopeInfo[]> {
  const tenants = await deps.storage.control.kysely
    .selectFrom('tenants')
    .select(['id', 'slug', 'time_zone'])
    .orderBy('slug')
    .execute();
  return [
    { scope: CONTROL_SCOPE, label: 'control', timeZone: deps.config.timeZone },
    ...tenants.map((t) => ({ scope: t.id, label: t.slug, timeZone: t.time_zone })),
  ];
}

/** The zone a scope's days and weeks are counted in. */
export async function scopeTimeZone(deps: BackupDeps, scope: string): Promise<string> {
  if (scope === CONTROL_SCOPE) return deps.config.timeZone;
  const t = await deps.storage.control.kysely
    .selectFrom('tenants')
    .select('time_zone')
    .where('id', '=', scope)
    .executeTakeFirst();
  return t?.time_zone ?? deps.config.timeZone;
}

/**
 * Plaintext files of a scope that a killed run, drill or restore may have left: in scratch
 * space (`<scope>-…`) and, for a SQLite restore, `<data>/tenants/<id>.restoring-….sqlite`.
 */
export function scratchLeftovers(c: Config, scope: string): string[] {
  const list = (dir: string, keep: (n: string) => boolean): string[] => {
    try {
      return readdirSync(dir)
        .filter(keep)
        .map((n) => path.join(dir, n));
    } catch {
      return [];
    }
  };
  return [
    ...list(scratchDir(c), (n) => n.startsWith(`${scope}-`)),
    ...list(path.join(c.dataDir, 'tenants'), (n) => n.startsWith(`${scope}.restoring-`)),
  ];
}
