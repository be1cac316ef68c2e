import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Manifest } from './manifest.js';

/** What a backup generation is for; `pre-restore` is the database a restore replaced. */
export type BackupKind = 'replica' | 'daily' | 'weekly' | 'pre-restore';
export const BACKUP_KINDS: readonly BackupKind[] = ['replica', 'daily', 'weekly', 'pre-restore'];
export type LocationName = 'primary' | 'secondary';

export interface Locations {
  primary: string;
  secondary: string;
}

/** Weekly generations live at the second location (the secondary region); the rest at the first. */
export const locationOf = (kind: BackupKind): LocationName => (kind === 'weekly' ? 'secondary' : 'primary');

/** `<location>/<kind>/<scope>/`: one folder per generation beneath. */
export const scopeDir = (loc: Locations, kind: BackupKind, scope: string): string =>
  path.join(loc[locationOf(kind)], kind, scope);

export const DATA_FILE = 'data.ybk';
export const MANIFEST_FILE = 'manifest.json';
export const TMP_PREFIX = '.tmp-';
/** One run per scope and kind at a time: `<scope dir>/.lock` holds the running process id. */
export const LOCK_FILE = '.lock';

/** A sortable, unique generation name: `20261126T011500Z-1a2b3c4d`. */
export function generationName(at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(4).toString('hex')}`;
}

export interface Generation {
  kind: BackupKind;
  scope: string;
  name: string;
  location: LocationName;
  dir: string;
  manifest: Manifest;
}

/** A folder that is not a counted generation: a `.tmp-` one a run left, or one without a manifest. */
export interface Leftover {
  kind: BackupKind;
  scope: string;
  location: LocationName;
  dir: string;
  createdAt: string;
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Counted generations of a scope and kind (complete: renamed and with a manifest), oldest first. */
export function listGenerations(loc: Locations, kind: BackupKind, scope: string): Generation[] {
  const dir = scopeDir(loc, kind, scope);
  const out: Generation[] = [];
  for (const name of entries(dir).sort()) {
    if (name.startsWith(TMP_PREFIX)) continue;
    const manifestFile = path.join(dir, name, MANIFEST_FILE);
    if (!existsSync(manifestFile)) continue;
    try {
      const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
      out.push({ kind, scope, name, location: locationOf(kind), dir: path.join(dir, name), manifest });
    } catch {
      // An unreadable manifest is not a counted generation; it shows up as a leftover.
    }
  }
  return out;
}

/** Folders under a scope and kind that are not counted generations. */
export function listLeftovers(loc: Locations, kind: BackupKind, scope: string): Leftover[] {
  const dir = scopeDir(loc, kind, scope);
  const counted = new Set(listGenerations(loc, kind, scope).map((g) => g.name));
  return entries(dir)
    .filter((name) => !counted.has(name) && name !== LOCK_FILE)
    .map((name) => {
      const full = path.join(dir, name);
      return {
        kind,
        scope,
        location: locationOf(kind),
        dir: full,
        createdAt: statSync(full).mtime.toISOString(),
      };
    });
}

/** Every scope (control or tenant id) with anything under a kind, at either location. */
export function scopesOnDisk(loc: Locations): string[] {
  const found = new Set<string>();
  for (const kind of BACKUP_KINDS) {
    for (const s of entries(path.join(loc[locationOf(kind)], kind))) found.add(s);
  }
  return [...found].sort();
}
