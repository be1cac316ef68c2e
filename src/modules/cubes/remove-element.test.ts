import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageEnv, type StorageEnv } from '../../../test/support/cubes.js';
import { Dimension, type Cube } from '../../engine/index.js';
import type { Database } from '../../platform/db/database.js';
import type { Storage } from '../../platform/db/storage.js';
import type { TenantDB } from '../../platform/db/types.js';
import { CubeStore } from './store.js';

/** `CubeStore.removeElement` on a real database (SQLite or PostgreSQL by YOSAN_TEST_DB). */
let env: StorageEnv;
let storage: Storage;
const tenantId = randomBytes(16).toString('hex');
const db = (): Database<TenantDB> => storage.tenant(tenantId);

beforeAll(async () => {
  env = await storageEnv('yosan-remove-');
  storage = await env.open();
  await storage.migrateControl();
  await storage.createTenantDatabase(tenantId);
});
afterAll(async () => {
  await storage.close();
  await env.cleanup();
});

/** Every stored cell and text by element codes, so renumbering is invisible here. */
function byCodes(cube: Cube) {
  const code = (ids: readonly number[]) =>
    ids.map((id, d) => (cube.dimensions[d] as Dimension).code(id)).join('|');
  const cells: Record<string, number> = {};
  const leaves = cube.dimensions.map((d) => Int32Array.from(d.leaves()));
  const values = cube.readProduct(leaves);
  let i = 0;
  const walk = (d: number, ids: number[]) => {
    if (d === leaves.length) {
      const v = values[i++] ?? 0;
      if (v !== 0) cells[code(ids)] = v;
      return;
    }
    for (const id of leaves[d] ?? []) walk(d + 1, [...ids, id]);
  };
  walk(0, []);
  const texts = Object.fromEntries(cube.textCells().map((t) => [code(t.coords), t.text]));
  return { cells, texts };
}

describe('CubeStore.removeElement', () => {
  it('drops the element, renumbers later ids in cells and texts, and survives a restart', async () => {
    const store = new CubeStore();
    const org = new Dimension('org');
    for (const c of ['ALL', 'A', 'GONE', 'B', 'C']) org.addElement(c, { name_ja: `${c}部` });
    org.addLink('ALL', 'A');
    org.addLink('ALL', 'GONE', -1);
    org.addLink('GONE', 'B');
    org.addLink('ALL', 'C');
    org.reorder(['C', 'ALL', 'A', 'GONE', 'B']);
    const acct = new Dimension('acct');
    for (const c of ['R', 'S']) acct.addElement(c);
    await store.saveDimension(db(), 'org', org);
    await store.saveDimension(db(), 'acct', acct);
    await store.createCube(db(), { id: 'flows', name: 'flows', dimensionIds: ['acct', 'org'] });
    await store.writeCells(db(), 'flows', [
      { coords: ['R', 'A'], value: 1 },
      { coords: ['S', 'B'], value: 2 },
      { coords: ['R', 'C'], value: 3 },
    ]);
    await store.writeTexts(db(), 'flows', [
      { coords: ['S', 'B'], text: 'b' },
      { coords: ['R', 'GONE'], text: 'on the gone total' },
    ]);
    const before = byCodes(await store.loadCube(db(), 'flows'));

    const removed = await store.removeElement(db(), 'org', 'GONE');
    expect(removed).toMatchObject({ code: 'GONE', parents: ['ALL'], children: ['B'], cubes: ['flows'] });
    expect(removed.cells).toEqual([{ cubeId: 'flows', cells: 0, texts: 1 }]);

    const after = await store.loadDimension(db(), 'org');
    expect(after.elements().map((id) => after.code(id))).toEqual(['C', 'ALL', 'A', 'B']);
    expect(after.roots().map((id) => after.code(id))).toEqual(['ALL', 'B']);
    expect(after.attribute('B', 'name_ja')).toBe('B部');
    expect([after.code(2), after.code(3)]).toEqual(['B', 'C']); // ids after GONE's moved down by one
    const cube = await store.loadCube(db(), 'flows');
    const now = byCodes(cube);
    expect(now.cells).toEqual(before.cells);
    expect(now.texts).toEqual({ 'S|B': 'b' });
    // ALL = A + C now (B left with GONE): before it was 1 + 3 - 2.
    expect(before.cells).toEqual({ 'R|A': 1, 'S|B': 2, 'R|C': 3 });
    expect(cube.read(['R', 'ALL'])).toBe(4);
    expect(cube.read(['S', 'ALL'])).toBe(0);
    expect(cube.read(['S', 'B'])).toBe(2);

    const restarted = new CubeStore();
    expect(byCodes(await restarted.loadCube(db(), 'flows'))).toEqual(now);
  });

  it('lets `within` refuse: nothing changes', async () => {
    const store = new CubeStore();
    const d = new Dimension('d');
    for (const c of ['X', 'Y', 'Z']) d.addElement(c);
    await store.saveDimension(db(), 'd', d);
    await store.createCube(db(), { id: 'c', name: 'c', dimensionIds: ['d'] });
    await store.writeCells(db(), 'c', [
      { coords: ['Y'], value: 5 },
      { coords: ['Z'], value: 7 },
    ]);
    await expect(
      store.removeElement(db(), 'd', 'Y', async (_trx, r) => {
        expect(r.cells).toEqual([{ cubeId: 'c', cells: 1, texts: 0 }]);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    const again = await store.loadDimension(db(), 'd');
    expect(again.elements().map((id) => again.code(id))).toEqual(['X', 'Y', 'Z']);
    expect(byCodes(await new CubeStore().loadCube(db(), 'c')).cells).toEqual({ Y: 5, Z: 7 });
    await store.removeElement(db(), 'd', 'Y');
    expect(byCodes(await store.loadCube(db(), 'c')).cells).toEqual({ Z: 7 });
  });
});
