import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, entryWorld, type EntryWorld } from '../../../test/support/entry.js';
import type { ErrorJson } from '../../../test/support/model.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { cubeStore } from '../model/store.js';
import type { HistoryResponse } from './schemas.js';

let ts: TestServer;
let w: EntryWorld;
const write = (c = w.admin, cells: { coords: Record<string, string>; value: number }[]) =>
  c.post<{ changed: number } & ErrorJson>(`${w.base}/cubes/${w.cubeId}/cells`, { cells });
const history = (body: unknown, c = w.admin) =>
  c.post<HistoryResponse & ErrorJson>(`${w.base}/cubes/${w.cubeId}/history`, body);

beforeAll(async () => {
  ts = await startTestServer();
  w = await entryWorld(ts, 'rireki', 'rireki2');
});
afterAll(async () => {
  await ts?.stop();
});

describe('cell history', () => {
  it('records old and new value, user, JST time and path per changed cell, newest first', async () => {
    expect((await write(w.admin, [{ coords: at('NET_SALES', 'SALES'), value: 100 }])).json.changed).toBe(1);
    // One batch writing the same cell twice and another cell: one history row per cell (first old, last new).
    await write(w.admin, [
      { coords: at('NET_SALES', 'SALES'), value: 150 },
      { coords: at('NET_SALES', 'SALES'), value: 120 },
      { coords: at('SGA', 'ADMINISTRATION'), value: 40 },
    ]);
    const one = await history({ cells: [at('NET_SALES', 'SALES')] });
    expect(one.status).toBe(200);
    expect(one.json.items.map((i) => [i.oldValue, i.newValue, i.source])).toEqual([
      [100, 120, 'grid'],
      [0, 100, 'grid'],
    ]);
    expect(one.json.items[0]).toMatchObject({
      coords: at('NET_SALES', 'SALES'),
      user: { name: expect.any(String) as string },
    });
    expect(one.json.items[0]!.at).toMatch(/\+09:00$/);
    // A set of cells (a grid: rows × columns × fixed), paged.
    const grid = {
      rows: { dimension: 'Department', elements: ['SALES', 'ADMINISTRATION', 'ALL_DEPARTMENTS'] },
      columns: { dimension: 'Account', elements: ['NET_SALES', 'SGA'] },
      fixed: { Period: '2027-04', Scenario: 'BUDGET' },
    };
    const page1 = await history({ grid, limit: 2 });
    // Newest write first; within one write, by cell.
    expect(page1.json.items.map((i) => [i.coords.Account, i.newValue])).toEqual([
      ['NET_SALES', 120],
      ['SGA', 40],
    ]);
    expect(page1.json.nextCursor).not.toBeNull();
    const page2 = await history({ grid, limit: 2, cursor: page1.json.nextCursor });
    expect(page2.json.items.map((i) => i.newValue)).toEqual([100]);
    expect(page2.json.nextCursor).toBeNull();
  });

  it('writes history in the same transaction as the cells: a failing write leaves none', async () => {
    const db = await w.db();
    const before = await db
      .selectFrom('cell_history' as never)
      .selectAll()
      .execute();
    const database = await w.database();
    await expect(
      cubeStore.writeCells(
        database,
        w.cubeId,
        [{ coords: ['NET_SALES', 'SALES', '2027-05', 'BUDGET'], value: 9 }],
        async (trx, changes) => {
          const { recordHistory } = await import('./history-record.js');
          await recordHistory(
            trx,
            { cubeId: w.cubeId, userId: null, source: 'grid', at: new Date() },
            changes,
          );
          throw new Error('refused after the history rows');
        },
      ),
    ).rejects.toThrow('refused');
    expect(
      await db
        .selectFrom('cell_history' as never)
        .selectAll()
        .execute(),
    ).toHaveLength(before.length);
    const g = await w.admin.post<{ values: number[][] }>(`${w.base}/cubes/${w.cubeId}/grid`, {
      rows: { dimension: 'Account', elements: ['NET_SALES'] },
      columns: { dimension: 'Period', elements: ['2027-05'] },
      fixed: { Department: 'SALES', Scenario: 'BUDGET' },
    });
    expect(g.json.values).toEqual([[0]]);
    // A refused write through the API (a total) writes neither cells nor history.
    const refused = await write(w.admin, [
      { coords: at('NET_SALES', 'SALES', '2027-06'), value: 1 },
      { coords: at('GROSS_PROFIT', 'SALES'), value: 1 },
    ]);
    expect(refused.status).toBe(400);
    expect(
      await db
        .selectFrom('cell_history' as never)
        .selectAll()
        .execute(),
    ).toHaveLength(before.length);
  });

  it('chains old and new values exactly under concurrent writes, and records copies with their path', async () => {
    const cell = at('COST_OF_SALES', 'SALES', '2027-07');
    const values = Array.from({ length: 12 }, (_, i) => (i + 1) * 10);
    const results = await Promise.all(values.map((v) => write(w.admin, [{ coords: cell, value: v }])));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const h = (await history({ cells: [cell], limit: 50 })).json.items.reverse();
    expect(h).toHaveLength(12);
    expect(h[0]!.oldValue).toBe(0);
    for (let i = 1; i < h.length; i++) expect(h[i]!.oldValue).toBe(h[i - 1]!.newValue);
    expect(h.map((x) => x.newValue).sort((a, b) => a - b)).toEqual(values);
    const copy = await w.admin.post(`${w.base}/cubes/${w.cubeId}/copy`, {
      dimension: 'Scenario',
      from: 'BUDGET',
      to: 'FORECAST',
    });
    expect(copy.status).toBe(200);
    const copied = await history({ cells: [at('COST_OF_SALES', 'SALES', '2027-07', 'FORECAST')] });
    expect(copied.json.items).toMatchObject([{ oldValue: 0, newValue: h[11]!.newValue, source: 'copy' }]);
  });

  it('lists only cells the user may read; a cube they cannot read or another tenant is 404', async () => {
    expect((await history({ cells: [at('NET_SALES', 'SALES')] }, w.user)).status).toBe(404);
    await w.grant({
      objects: [{ objectId: w.cubeId, access: 'write' }],
      elements: [{ dimensionId: w.dims['Department'], element: 'SALES', access: 'write' }],
    });
    const both = await history({ cells: [at('NET_SALES', 'SALES'), at('SGA', 'ADMINISTRATION')] }, w.user);
    expect(both.status).toBe(200);
    expect(both.json.items.map((i) => i.coords.Department)).toEqual(['SALES', 'SALES']);
    expect(both.text).not.toContain('ADMINISTRATION');
    const other = await w.adminB.post<ErrorJson>(`/t/rireki2/api/model/cubes/${w.cubeId}/history`, {
      cells: [at('NET_SALES', 'SALES')],
    });
    expect(other.status).toBe(404);
    const unknown = await history({ cells: [at('NOPE', 'SALES')] });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.code).toBe('ELEMENT_NOT_FOUND');
  });
});
