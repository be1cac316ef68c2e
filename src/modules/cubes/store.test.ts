import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageEnv, type StorageEnv } from '../../../test/support/cubes.js';
import { Dimension, EngineError, type Cube } from '../../engine/index.js';
import type { Database } from '../../platform/db/database.js';
import type { Storage } from '../../platform/db/storage.js';
import type { TenantDB } from '../../platform/db/types.js';
import { CubeStore, CubeStoreError } from './store.js';
import { cubeDb } from './tables.js';

const ACCOUNTS = ['Profit', 'Revenue', 'Sales', 'Services', 'Costs', 'Wages', 'Rent'];
const MONTHS = ['Year', 'Q1', 'Jan', 'Feb', 'Mar', 'Q2', 'Apr', 'May', 'Jun'];
const VERSIONS = ['Budget', 'Forecast'];

let env: StorageEnv;
let storage: Storage;
const tenantId = randomBytes(16).toString('hex');
const db = (): Database<TenantDB> => storage.tenant(tenantId);

/** Profit = Revenue − Costs over Sales/Services and Wages/Rent; Year = Q1 + Q2 of months; two versions. */
async function createPlan(store: CubeStore, t: Database<TenantDB>, cubeId: string): Promise<void> {
  const account = new Dimension('account');
  for (const code of ACCOUNTS)
    account.addElement(code, { label: `${code} (ja: ${code}）`, rank: code.length });
  account.addLink('Profit', 'Revenue', 1);
  account.addLink('Profit', 'Costs', -1);
  account.addLink('Revenue', 'Sales');
  account.addLink('Revenue', 'Services');
  account.addLink('Costs', 'Wages');
  account.addLink('Costs', 'Rent');
  account.setAttribute('Rent', 'fixed', true);
  const month = new Dimension('month');
  for (const code of MONTHS) month.addElement(code);
  month.addLink('Year', 'Q1');
  month.addLink('Year', 'Q2');
  for (const m of ['Jan', 'Feb', 'Mar']) month.addLink('Q1', m);
  for (const m of ['Apr', 'May', 'Jun']) month.addLink('Q2', m);
  const version = new Dimension('version');
  for (const code of VERSIONS) version.addElement(code);
  await store.saveDimension(t, `${cubeId}-account`, account);
  await store.saveDimension(t, `${cubeId}-month`, month);
  await store.saveDimension(t, `${cubeId}-version`, version);
  await store.createCube(t, {
    id: cubeId,
    name: 'Plan',
    dimensionIds: [`${cubeId}-account`, `${cubeId}-month`, `${cubeId}-version`],
  });
}

/**
 * Everything a reader can see: every leaf cell, consolidated grids per version,
 * texts, attributes, order and links.
 */
function snapshot(cube: Cube) {
  const leaves = Array.from(cube.readProduct(cube.dimensions.map((d) => Int32Array.from(d.leaves()))));
  const grid = (v: string) =>
    Array.from(
      cube.readGrid({
        rows: { dimension: 'account', elements: ACCOUNTS },
        columns: { dimension: 'month', elements: MONTHS },
        fixed: { version: v },
      }).values,
    );
  const dims = cube.dimensions.map((d) => ({
    name: d.name,
    order: d.elements().map((id) => d.code(id)),
    attrs: d.elements().map((id) => d.attributes(id)),
    links: d.elements().map((id) => d.children(id)),
  }));
  return {
    leaves,
    budget: grid('Budget'),
    forecast: grid('Forecast'),
    dims,
    cellCount: cube.cellCount,
    texts: cube.textCells(),
  };
}

async function storedCellCount(t: Database<TenantDB>, cubeId: string): Promise<number> {
  const row = await cubeDb(t)
    .selectFrom('cube_cells')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('cube_id', '=', cubeId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A guard in the database that refuses to store `value` (a failure inside the transaction); returns its removal. */
async function refuseValue(t: Database<TenantDB>, value: number): Promise<() => Promise<void>> {
  if (t.dialect === 'postgres') {
    await sql`create or replace function refuse_value() returns trigger language plpgsql as $$
      begin if new.value = ${sql.raw(String(value))} then raise exception 'refused'; end if; return new; end $$`.execute(
      t.kysely,
    );
    await sql`create trigger refuse_value before insert or update on cube_cells for each row execute function refuse_value()`.execute(
      t.kysely,
    );
    return async () => {
      await sql`drop trigger refuse_value on cube_cells`.execute(t.kysely);
    };
  }
  await sql`create trigger refuse_value_insert before insert on cube_cells when new.value = ${sql.raw(String(value))}
    begin select raise(abort, 'refused'); end`.execute(t.kysely);
  await sql`create trigger refuse_value_update before update on cube_cells when new.value = ${sql.raw(String(value))}
    begin select raise(abort, 'refused'); end`.execute(t.kysely);
  return async () => {
    await sql`drop trigger refuse_value_insert`.execute(t.kysely);
    await sql`drop trigger refuse_value_update`.execute(t.kysely);
  };
}

beforeAll(async () => {
  env = await storageEnv('yosan-cubes-');
  storage = await env.open();
  await storage.migrateControl();
  await storage.createTenantDatabase(tenantId);
});
afterAll(async () => {
  await storage.close();
  await env.cleanup();
});

describe('CubeStore', () => {
  it('gives every read the same answer after a restart (leaf, spread, clear, copy, texts)', async () => {
    const store = new CubeStore();
    await createPlan(store, db(), 'plan');
    // Budget: values whose sums are exact in binary (quarters), so every consolidated
    // value is independent of summation order and must come back bit for bit.
    await store.writeCells(db(), 'plan', [
      { coords: ['Sales', 'Jan', 'Budget'], value: 100.25 },
      { coords: ['Sales', 'Feb', 'Budget'], value: 200.5 },
      { coords: ['Services', 'Jan', 'Budget'], value: 0.75 },
      { coords: ['Wages', 'Apr', 'Budget'], value: -7.5 },
      { coords: ['Rent', 'Jun', 'Forecast'], value: 9 },
    ]);
    await store.writeConsolidated(db(), 'plan', ['Revenue', 'Q1', 'Budget'], 1200, { mode: 'equal' });
    await store.writeConsolidated(db(), 'plan', ['Rent', 'Year', 'Budget'], 1234.5, { mode: 'equal' });
    // Proportional spread with a held cell: May and Jun are empty, so the rest is spread equally.
    await store.writeConsolidated(db(), 'plan', ['Wages', 'Q2', 'Budget'], 300, {
      hold: [['Wages', 'Apr', 'Budget']],
    });
    await store.copy(db(), 'plan', 'version', 'Budget', 'Forecast');
    await store.clear(db(), 'plan', { version: ['Forecast'], account: ['Costs'], month: ['Q1'] });
    // Read the Forecast totals now, so that the writes below patch cached totals (the path a
    // restart does not take): after the restart every total must still be the same double.
    snapshot(await store.loadCube(db(), 'plan'));
    // Forecast: arbitrary doubles (1000/6, 1/3, 1e-9 …).
    await store.writeConsolidated(db(), 'plan', ['Revenue', 'Q1', 'Forecast'], 1000);
    await store.writeCells(db(), 'plan', [
      { coords: ['Sales', 'Feb', 'Forecast'], value: 0 },
      { coords: ['Services', 'Mar', 'Forecast'], value: 1 / 3 },
      { coords: ['Wages', 'Apr', 'Forecast'], value: -7.5e-9 },
    ]);
    await store.writeTexts(db(), 'plan', [
      { coords: ['Profit', 'Year', 'Budget'], text: '年間の見通し — outlook' },
      { coords: ['Sales', 'Jan', 'Budget'], text: 'price rise' },
      { coords: ['Rent', 'Jan', 'Budget'], text: 'gone soon' },
    ]);
    await store.writeTexts(db(), 'plan', [{ coords: ['Rent', 'Jan', 'Budget'], text: '' }]);

    const before = await store.loadCube(db(), 'plan');
    const expected = snapshot(before);
    const probes = [
      ['Profit', 'Year', 'Budget'],
      ['Revenue', 'Q1', 'Budget'],
      ['Sales', 'Jan', 'Budget'],
      ['Rent', 'May', 'Budget'],
      ['Wages', 'Q2', 'Budget'],
      ['Wages', 'Apr', 'Forecast'],
      ['Sales', 'Feb', 'Forecast'],
      ['Services', 'Mar', 'Forecast'],
    ];
    const cells = probes.map((c) => before.read(c));
    expect(cells).toEqual([-334.5, 1200, 200, 205.75, 300, -7.5e-9, 0, 1 / 3]);
    expect(before.read(['Wages', 'May', 'Budget'])).toBe(153.75);
    expect(before.read(['Costs', 'Q1', 'Forecast'])).toBe(0);
    expect(before.read(['Revenue', 'Q1', 'Forecast'])).toBeCloseTo(1000 - (2 * 1000) / 6 + 1 / 3, 9);
    // Zeros are deleted, not kept: the table holds exactly the engine's non-zero leaves.
    expect(await storedCellCount(db(), 'plan')).toBe(before.cellCount);

    await storage.close();
    storage = await env.open();
    const after = await new CubeStore().loadCube(db(), 'plan');
    expect(after).not.toBe(before);
    const got = snapshot(after);
    // Leaves, every consolidated value (also sums of arbitrary doubles, which the engine adds
    // exactly and rounds once), texts, dimensions: bit for bit.
    expect(got).toEqual(expected);
    got.forecast.forEach((v, i) => expect(Object.is(v, expected.forecast[i])).toBe(true));
    expect(probes.map((c) => after.read(c))).toEqual(cells);
    expect(after.read(['Revenue', 'Q1', 'Forecast'])).toBe(before.read(['Revenue', 'Q1', 'Forecast']));
    // Two rebuilds of the same stored state agree exactly.
    expect(snapshot(await new CubeStore().loadCube(db(), 'plan'))).toEqual(got);
    expect(after.getText(['Profit', 'Year', 'Budget'])).toBe('年間の見通し — outlook');
    expect(after.getText(['Rent', 'Jan', 'Budget'])).toBeUndefined();
    expect(after.dimensions[0]?.attributes('Rent')).toEqual({
      label: 'Rent (ja: Rent）',
      rank: 4,
      fixed: true,
    });
  });

  it('builds a cube once per database on first use and serves later reads from memory', async () => {
    const store = new CubeStore();
    await createPlan(store, db(), 'lazy');
    const [a, b] = await Promise.all([store.loadCube(db(), 'lazy'), store.loadCube(db(), 'lazy')]);
    expect(a).toBe(b);
    await store.writeCells(db(), 'lazy', [{ coords: ['Sales', 'Jan', 'Budget'], value: 5 }]);
    expect(await store.loadCube(db(), 'lazy')).toBe(a);
    expect(a.read(['Profit', 'Year', 'Budget'])).toBe(5);
    // A second store (another process's view) builds its own from disk.
    const other = await new CubeStore().loadCube(db(), 'lazy');
    expect(other).not.toBe(a);
    expect(other.read(['Profit', 'Year', 'Budget'])).toBe(5);
    await expect(store.loadCube(db(), 'nope')).rejects.toMatchObject({ code: 'CUBE_NOT_FOUND' });
    await expect(store.loadCube(db(), 'nope')).rejects.toBeInstanceOf(CubeStoreError);
  });

  it('restores memory when the transaction fails, so memory and disk agree', async () => {
    const store = new CubeStore();
    await createPlan(store, db(), 'revert');
    await store.writeCells(db(), 'revert', [
      { coords: ['Sales', 'Jan', 'Budget'], value: 10 },
      { coords: ['Sales', 'Feb', 'Budget'], value: 20 },
    ]);
    const cube = await store.loadCube(db(), 'revert');
    const expected = snapshot(cube);
    await sql`alter table cube_cells rename to cube_cells_away`.execute(db().kysely);
    try {
      // The same cell twice in one batch: the inverse must be applied last change first.
      await expect(
        store.writeCells(db(), 'revert', [
          { coords: ['Sales', 'Jan', 'Budget'], value: 11 },
          { coords: ['Sales', 'Jan', 'Budget'], value: 12 },
          { coords: ['Wages', 'Mar', 'Budget'], value: 3 },
        ]),
      ).rejects.toThrow();
      await expect(
        store.writeConsolidated(db(), 'revert', ['Revenue', 'Q1', 'Budget'], 90),
      ).rejects.toThrow();
      await expect(store.clear(db(), 'revert')).rejects.toThrow();
      await expect(store.copy(db(), 'revert', 'version', 'Budget', 'Forecast')).rejects.toThrow();
      expect(await store.loadCube(db(), 'revert')).toBe(cube);
      expect(snapshot(cube)).toEqual(expected);
    } finally {
      await sql`alter table cube_cells_away rename to cube_cells`.execute(db().kysely);
    }
    expect(snapshot(await new CubeStore().loadCube(db(), 'revert'))).toEqual(expected);
    // The store goes on working once the database does.
    await store.writeCells(db(), 'revert', [{ coords: ['Sales', 'Jan', 'Budget'], value: 12 }]);
    expect((await new CubeStore().loadCube(db(), 'revert')).read(['Sales', 'Jan', 'Budget'])).toBe(12);
  });

  it('makes a large saved form all or nothing when the database refuses its last cell', async () => {
    const store = new CubeStore();
    const item = new Dimension('item');
    for (let i = 0; i < 1500; i++) item.addElement(`i${i}`);
    const version = new Dimension('version');
    version.addElement('Budget');
    await store.saveDimension(db(), 'big-item', item);
    await store.saveDimension(db(), 'big-version', version);
    await store.createCube(db(), { id: 'big', name: 'Big', dimensionIds: ['big-item', 'big-version'] });
    const form = Array.from({ length: 1500 }, (_, i) => ({ coords: [`i${i}`, 'Budget'], value: i + 0.5 }));
    form[1499] = { coords: ['i1499', 'Budget'], value: 666.25 };
    // A guard that refuses one value: the failure comes after two chunks (1000 rows) went in.
    const allow = await refuseValue(db(), 666.25);
    try {
      await expect(store.writeCells(db(), 'big', form)).rejects.toThrow(/refused/);
    } finally {
      await allow();
    }
    expect(await storedCellCount(db(), 'big')).toBe(0);
    const cube = await store.loadCube(db(), 'big');
    expect(cube.cellCount).toBe(0);
    expect(cube.read(['i0', 'Budget'])).toBe(0);
    await store.writeCells(db(), 'big', form);
    expect(await storedCellCount(db(), 'big')).toBe(1500);
    expect((await new CubeStore().loadCube(db(), 'big')).read(['i1499', 'Budget'])).toBe(666.25);
  });

  it('queues concurrent writes: a failed one is reverted without undoing the writes after it', async () => {
    const store = new CubeStore();
    await createPlan(store, db(), 'queue');
    await store.writeCells(db(), 'queue', [{ coords: ['Rent', 'Feb', 'Budget'], value: 4 }]);
    const allow = await refuseValue(db(), 666.25);
    let results: PromiseSettledResult<unknown>[];
    try {
      results = await Promise.allSettled([
        store.writeCells(db(), 'queue', [{ coords: ['Sales', 'Jan', 'Budget'], value: 1 }]),
        store.writeCells(db(), 'queue', [
          { coords: ['Rent', 'Jan', 'Budget'], value: 2 },
          { coords: ['Sales', 'Jan', 'Budget'], value: 666.25 },
        ]),
        store.writeCells(db(), 'queue', [{ coords: ['Sales', 'Jan', 'Budget'], value: 3 }]),
        store.writeConsolidated(db(), 'queue', ['Costs', 'Feb', 'Budget'], 10),
        store.clear(db(), 'queue', { account: ['Sales'] }),
        store.writeCells(db(), 'queue', [{ coords: ['Sales', 'Mar', 'Budget'], value: 666.25 }]),
      ]);
    } finally {
      await allow();
    }
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
    ]);
    const cube = await store.loadCube(db(), 'queue');
    expect(cube.read(['Sales', 'Q1', 'Budget'])).toBe(0);
    expect(cube.read(['Rent', 'Jan', 'Budget'])).toBe(0);
    expect(cube.read(['Rent', 'Feb', 'Budget'])).toBe(10);
    expect(cube.read(['Costs', 'Year', 'Budget'])).toBe(10);
    expect(snapshot(await new CubeStore().loadCube(db(), 'queue'))).toEqual(snapshot(cube));
    expect(await storedCellCount(db(), 'queue')).toBe(cube.cellCount);
  });

  it('refuses stored cells that do not fit the cube', async () => {
    const store = new CubeStore();
    await createPlan(store, db(), 'corrupt');
    await cubeDb(db())
      .insertInto('cube_cells')
      .values({ cube_id: 'corrupt', coord: '2:99:0', value: 1 })
      .execute();
    await expect(new CubeStore().loadCube(db(), 'corrupt')).rejects.toMatchObject({ code: 'CELL_CORRUPT' });
  });

  it('changes nothing when the engine refuses part of a batch', async () => {
    const store = new CubeStore();
    await createPlan(store, db(), 'refuse');
    await store.writeCells(db(), 'refuse', [{ coords: ['Sales', 'Jan', 'Budget'], value: 1 }]);
    const cube = await store.loadCube(db(), 'refuse');
    const expected = snapshot(cube);
    const bad = [
      [
        { coords: ['Sales', 'Feb', 'Budget'], value: 2 },
        { coords: ['Revenue', 'Feb', 'Budget'], value: 2 },
      ],
      [
        { coords: ['Sales', 'Feb', 'Budget'], value: 2 },
        { coords: ['Sales', 'Feb', 'Budget'], value: Number.NaN },
      ],
      [
        { coords: ['Sales', 'Feb', 'Budget'], value: 2 },
        { coords: ['Nope', 'Feb', 'Budget'], value: 2 },
      ],
    ];
    for (const cells of bad)
      await expect(store.writeCells(db(), 'refuse', cells)).rejects.toBeInstanceOf(EngineError);
    await expect(store.copy(db(), 'refuse', 'month', 'Q1', 'Q2')).rejects.toMatchObject({
      code: 'ENGINE_NOT_LEAF',
    });
    expect(snapshot(cube)).toEqual(expected);
    expect(snapshot(await new CubeStore().loadCube(db(), 'refuse'))).toEqual(expected);
  });

  it('saves dimension changes: new elements and links, dropping cells of elements that stop being leaves', async () => {
    const store = new CubeStore();
    await createPlan(store, db(), 'dims');
    await store.writeCells(db(), 'dims', [
      { coords: ['Rent', 'Jan', 'Budget'], value: 50 },
      { coords: ['Wages', 'Jan', 'Budget'], value: 70 },
    ]);
    const cached = await store.loadCube(db(), 'dims');
    const account = await store.loadDimension(db(), 'dims-account');
    account.addElement('Office');
    account.addElement('Parking');
    account.addLink('Rent', 'Office');
    account.addLink('Rent', 'Parking', 0.5);
    account.reorder([
      'Profit',
      'Costs',
      'Rent',
      'Parking',
      'Office',
      'Wages',
      'Revenue',
      'Sales',
      'Services',
    ]);
    await store.saveDimension(db(), 'dims-account', account);
    const cube = await store.loadCube(db(), 'dims');
    expect(cube).not.toBe(cached);
    expect(cube.read(['Rent', 'Jan', 'Budget'])).toBe(0);
    expect(cube.read(['Costs', 'Jan', 'Budget'])).toBe(70);
    await store.writeCells(db(), 'dims', [{ coords: ['Parking', 'Jan', 'Budget'], value: 10 }]);
    expect(cube.read(['Profit', 'Jan', 'Budget'])).toBe(-75);
    const reopened = await new CubeStore().loadCube(db(), 'dims');
    expect(snapshot(reopened)).toEqual(snapshot(cube));
    expect(reopened.dimensions[0]?.elements().map((id) => reopened.dimensions[0]?.code(id))).toEqual([
      'Profit',
      'Costs',
      'Rent',
      'Parking',
      'Office',
      'Wages',
      'Revenue',
      'Sales',
      'Services',
    ]);
    // Stored element ids are never renumbered.
    const renumbered = new Dimension('account');
    for (const code of ['Sales', ...ACCOUNTS.filter((c) => c !== 'Sales')]) renumbered.addElement(code);
    await expect(store.saveDimension(db(), 'dims-account', renumbered)).rejects.toMatchObject({
      code: 'DIMENSION_RENUMBERED',
    });
    await expect(
      store.createCube(db(), { id: 'dims', name: 'again', dimensionIds: ['dims-account'] }),
    ).rejects.toMatchObject({ code: 'CUBE_EXISTS' });
    await expect(
      store.createCube(db(), { id: 'dims2', name: 'x', dimensionIds: ['missing'] }),
    ).rejects.toMatchObject({ code: 'DIMENSION_NOT_FOUND' });
  });
});
