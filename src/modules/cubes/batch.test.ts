import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageEnv, type StorageEnv } from '../../../test/support/cubes.js';
import { Dimension } from '../../engine/index.js';
import type { Storage } from '../../platform/db/storage.js';
import { CubeStore, readDimension, upsertCells, writeDimension } from './store.js';
import { cubeDb, type CubeDb } from './tables.js';

const asCube = (trx: unknown) => trx as CubeDb;

/**
 * `CubeStore.batch`: one transaction over dimensions and cells written as rows; cached cubes are
 * rebuilt from disk after commit AND after rollback (memory never shows half a batch).
 */
let env: StorageEnv;
let storage: Storage;
const tenantId = randomBytes(16).toString('hex');

beforeAll(async () => {
  env = await storageEnv('yosan-batch-');
  storage = await env.open();
  await storage.migrateControl();
  await storage.createTenantDatabase(tenantId);
});
afterAll(async () => {
  await storage?.close();
  await env?.cleanup();
});

describe('CubeStore.batch', () => {
  it('commits dimensions and cells together, and rolls both back together', async () => {
    const store = new CubeStore();
    const t = storage.tenant(tenantId);
    const dim = new Dimension('d');
    for (const c of ['All', 'A', 'B']) dim.addElement(c);
    dim.addLink('All', 'A');
    dim.addLink('All', 'B');
    await store.saveDimension(t, 'd', dim);
    await store.createCube(t, { id: 'c', name: 'c', dimensionIds: ['d'] });
    await store.writeCells(t, 'c', [{ coords: ['A'], value: 1 }]);
    expect((await store.loadCube(t, 'c')).read(['All'])).toBe(1); // cached

    // Committed: a new element and cells on it, visible at once through the cache.
    await store.batch(t, async (trx) => {
      const d = await readDimension(asCube(trx), 'd');
      d.addElement('C');
      d.addLink('All', 'C');
      await writeDimension(asCube(trx), 'd', d);
      await upsertCells(asCube(trx), 'c', [
        { ids: [d.id('C')], value: 5 },
        { ids: [d.id('A')], value: 0 },
      ]);
    });
    const after = await store.loadCube(t, 'c');
    expect(after.read(['All'])).toBe(5);
    expect(after.read(['A'])).toBe(0);

    // Rolled back: nothing of it on disk or in memory.
    await expect(
      store.batch(t, async (trx) => {
        const d = await readDimension(asCube(trx), 'd');
        d.addElement('D');
        d.addLink('All', 'D');
        await writeDimension(asCube(trx), 'd', d);
        await upsertCells(asCube(trx), 'c', [{ ids: [d.id('D')], value: 7 }]);
        throw new Error('last object failed');
      }),
    ).rejects.toThrow('last object failed');
    const cube = await store.loadCube(t, 'c');
    expect(cube.read(['All'])).toBe(5);
    expect(cube.dimensions[0]!.has('D')).toBe(false);
    expect((await readDimension(cubeDb(t), 'd')).has('D')).toBe(false);
  });
});
