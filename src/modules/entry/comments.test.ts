import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, entryWorld, type EntryWorld } from '../../../test/support/entry.js';
import { auditEntries, type ErrorJson } from '../../../test/support/model.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import type { CommentListResponse, CommentView } from './schemas.js';

let ts: TestServer;
let w: EntryWorld;
const url = () => `${w.base}/cubes/${w.cubeId}/comments`;
const add = (body: unknown, c = w.admin) => c.post<CommentView & ErrorJson>(url(), body);
const list = (body: unknown, c = w.admin) => c.post<CommentListResponse & ErrorJson>(`${url()}/list`, body);

beforeAll(async () => {
  ts = await startTestServer();
  w = await entryWorld(ts, 'komento', 'komento2');
  await w.grant({
    objects: [{ objectId: w.cubeId, access: 'read' }],
    elements: [{ dimensionId: w.dims['Department'], element: 'SALES', access: 'read' }],
  });
});
afterAll(async () => {
  await ts?.stop();
});

describe('cell comments', () => {
  it('threads comments on any cell (also a total), with author and JST time, audited', async () => {
    const first = await add({ coords: at('NET_SALES', 'SALES'), body: '前年比 +5% の根拠は？' });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      parentId: null,
      mine: true,
      deleted: false,
      coords: at('NET_SALES', 'SALES'),
    });
    expect(first.json.at).toMatch(/\+09:00$/);
    const reply = await add(
      { coords: at('NET_SALES', 'SALES'), body: '新規顧客 3 社分です。', parentId: first.json.id },
      w.user,
    );
    expect(reply.status).toBe(201);
    expect(reply.json.parentId).toBe(first.json.id);
    const total = await add({ coords: at('OPERATING_PROFIT', 'ALL_DEPARTMENTS'), body: 'Total note' });
    expect(total.status).toBe(201);
    const grid = {
      rows: { dimension: 'Department', elements: ['SALES', 'ALL_DEPARTMENTS'] },
      columns: { dimension: 'Account', elements: ['NET_SALES', 'OPERATING_PROFIT'] },
      fixed: { Period: '2027-04', Scenario: 'BUDGET' },
    };
    const all = await list({ grid });
    expect(all.json.items.map((c) => c.body)).toEqual([
      '前年比 +5% の根拠は？',
      '新規顧客 3 社分です。',
      'Total note',
    ]);
    const entries = await auditEntries(await w.db(), 'cube.comment.add');
    expect(entries).toHaveLength(3);
    expect(entries[1]!.actor_id).toBe(w.userId);
  });

  it('hides comments on cells the user cannot read; adding there is 404; other tenants 404', async () => {
    const seen = await list(
      {
        rows: undefined,
        cells: [at('NET_SALES', 'SALES'), at('OPERATING_PROFIT', 'ALL_DEPARTMENTS')],
      },
      w.user,
    );
    expect(seen.json.items.map((c) => c.coords.Department)).toEqual(['SALES', 'SALES']);
    expect(seen.text).not.toContain('Total note');
    const hidden = await add({ coords: at('NET_SALES', 'MANUFACTURING'), body: 'x' }, w.user);
    expect(hidden.status).toBe(404);
    expect(hidden.json.error.code).toBe('CELL_NOT_VISIBLE');
    const other = await w.adminB.post<ErrorJson>(`/t/komento2/api/model/cubes/${w.cubeId}/comments`, {
      coords: at('NET_SALES', 'SALES'),
      body: 'x',
    });
    expect(other.status).toBe(404);
  });

  it('validates in ja and en, limits the length, and deletes only own comments', async () => {
    w.admin.lang = 'ja';
    const blank = await add({ coords: at('NET_SALES', 'SALES'), body: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.json.error.issues?.[0]).toMatchObject({
      path: '/body',
      code: 'required',
      message: 'この項目は必須です。',
    });
    w.admin.lang = 'en';
    const long = await add({ coords: at('NET_SALES', 'SALES'), body: 'あ'.repeat(2001) });
    expect(long.status).toBe(400);
    expect(long.json.error.code).toBe('VALIDATION_FAILED');
    const mine = (await list({ cells: [at('NET_SALES', 'SALES')] })).json.items;
    const adminsOwn = mine.find((c) => c.mine)!;
    const usersOwn = mine.find((c) => !c.mine)!;
    const notOwn = await w.admin.delete<ErrorJson>(`${url()}/${usersOwn.id}`);
    expect(notOwn.status).toBe(403);
    expect(notOwn.json.error.code).toBe('COMMENT_NOT_OWN');
    // A comment with replies stays as "deleted" so the thread still reads.
    expect((await w.admin.delete(`${url()}/${adminsOwn.id}`)).status).toBe(204);
    const after = (await list({ cells: [at('NET_SALES', 'SALES')] })).json.items;
    expect(after.map((c) => [c.deleted, c.body])).toEqual([
      [true, ''],
      [false, '新規顧客 3 社分です。'],
    ]);
    expect((await w.user.delete(`${url()}/${usersOwn.id}`)).status).toBe(204);
    expect((await list({ cells: [at('NET_SALES', 'SALES')] })).json.items).toHaveLength(1);
    expect(await auditEntries(await w.db(), 'cube.comment.delete')).toHaveLength(2);
  });
});

describe('element deletion', () => {
  it('keeps comments and history on their cells when an element before them is deleted (ids renumbered)', async () => {
    const cell = at('SGA', 'ADMINISTRATION');
    await w.admin.post(`${w.base}/cubes/${w.cubeId}/cells`, { cells: [{ coords: cell, value: 70 }] });
    expect((await add({ coords: cell, body: '管理部の注記' })).status).toBe(201);
    const del = await w.admin.delete(`${w.base}/dimensions/${w.dims['Department']}/elements/MANUFACTURING`);
    expect(del.status).toBeLessThan(300);
    const notes = await list({ cells: [cell] });
    expect(notes.json.items.map((c) => [c.coords.Department, c.body])).toEqual([
      ['ADMINISTRATION', '管理部の注記'],
    ]);
    const h = await w.admin.post<{ items: { coords: Record<string, string>; newValue: number }[] }>(
      `${w.base}/cubes/${w.cubeId}/history`,
      { cells: [cell] },
    );
    expect(h.json.items.map((i) => [i.coords.Department, i.newValue])).toEqual([['ADMINISTRATION', 70]]);
  });
});
