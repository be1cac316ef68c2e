import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Dimension } from '../../src/engine/index.js';
import { controlMigrations, tenantMigrations } from '../../src/migrations/index.js';
import type { CellWrite, CubeStore } from '../../src/modules/cubes/index.js';
import type { Database } from '../../src/platform/db/database.js';
import { Storage } from '../../src/platform/db/storage.js';
import type { TenantDB } from '../../src/platform/db/types.js';
import { createTestDatabase, usePostgres } from './postgres.js';

/**
 * A data folder (SQLite) or a fresh PostgreSQL database (YOSAN_TEST_DB=postgres)
 * that can be opened by several Storage instances one after another, as a
 * restarted server would.
 */
export interface StorageEnv {
  readonly dir: string;
  readonly databaseUrl: string | undefined;
  open(): Promise<Storage>;
  cleanup(): Promise<void>;
}

export async function storageEnv(prefix: string): Promise<StorageEnv> {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  let databaseUrl: string | undefined;
  let drop: (() => Promise<void>) | undefined;
  if (usePostgres()) ({ url: databaseUrl, drop } = await createTestDatabase());
  return {
    dir,
    databaseUrl,
    open: () => Storage.open({ dataDir: dir, databaseUrl, controlMigrations, tenantMigrations }),
    async cleanup() {
      await drop?.();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Leaf cells per crash batch (plus the shared `last` cell). */
export const CRASH_SLOTS = 5;

/** The value batch `n` writes to slot `j`: the batch number is readable from every cell. */
export const crashValue = (n: number, j: number): number => n * 1000 + j + 0.25;

/** Batch `n`: `CRASH_SLOTS` cells of its own row, and the shared `last` cell set to `n`. */
export function crashBatch(n: number): CellWrite[] {
  const cells: CellWrite[] = [];
  for (let j = 0; j < CRASH_SLOTS; j++) cells.push({ coords: [`b${n}`, `s${j}`], value: crashValue(n, j) });
  cells.push({ coords: ['last', 's0'], value: n });
  return cells;
}

/** Dimensions `batch` (b1 … b<batches>, `last`, under `All`) and `slot`, and the cube `crash`. */
export async function createCrashCube(store: CubeStore, db: Database<TenantDB>, batches: number) {
  const batch = new Dimension('batch');
  batch.addElement('All');
  batch.addElement('last');
  for (let n = 1; n <= batches; n++) {
    batch.addElement(`b${n}`);
    batch.addLink('All', `b${n}`);
  }
  const slot = new Dimension('slot');
  slot.addElement('Slots');
  for (let j = 0; j < CRASH_SLOTS; j++) {
    slot.addElement(`s${j}`);
    slot.addLink('Slots', `s${j}`);
  }
  await store.saveDimension(db, 'dim-batch', batch);
  await store.saveDimension(db, 'dim-slot', slot);
  await store.createCube(db, { id: 'crash', name: 'crash', dimensionIds: ['dim-batch', 'dim-slot'] });
}
