import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DimensionDetail, DimensionDryRun } from '../../src/modules/model/dimension-schemas.js';
import { auditEntries, modelWorld, type ErrorJson, type ModelWorld } from '../support/model.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { postBytes } from '../support/tenant-admin.js';

let ts: TestServer;
let w: ModelWorld;
const api = (slug = 'jigen') => `/t/${slug}/api/model/dimensions`;
let id = '';

beforeAll(async () => {
  ts = await startTestServer();
  w = await modelWorld(ts, 'jigen', 'tasha');
  const res = await w.admin.post<DimensionDetail>(api(), {
    code: 'Dept',
    nameJa: '部門',
    nameEn: 'Department',
    category: '標準',
  });
  expect(res.status).toBe(201);
  id = res.json.object.id;
});
afterAll(async () => {
  await ts?.stop();
});

const change = (...changes: unknown[]) =>
  w.admin.post<DimensionDetail & ErrorJson>(`${api()}/${id}/changes`, { changes });
const el = (d: DimensionDetail, code: string) => d.elements.find((e) => e.code === code)!;
const add = (code: string, nameJa: string, parent?: string, weight?: number) => ({
  op: 'add',
  code,
  nameJa,
  nameEn: code,
  ...(parent ? { parent } : {}),
  ...(weight === undefined ? {} : { weight }),
});

describe('dimensions', () => {
  it('are created empty, listed in the catalogue and refuse a taken code', async () => {
    const list = await w.admin.get<{ items: { object: { code: string }; elementCount: number }[] }>(api());
    expect(list.json.items).toEqual([expect.objectContaining({ elementCount: 0 })]);
    const objects = await w.admin.get<{ items: { kind: string; code: string }[] }>(
      `/t/jigen/api/model/objects?kind=dimension`,
    );
    expect(objects.json.items.map((o) => o.code)).toEqual(['Dept']);
    const taken = await w.admin.post<ErrorJson>(api(), { code: 'Dept', nameJa: 'x', nameEn: 'x' });
    expect(taken.status).toBe(409);
    expect(taken.json.error.code).toBe('MODEL_CODE_TAKEN');
    expect((await auditEntries(await w.db(), 'model.dimension.create')).length).toBe(1);
  });

  it('builds a hierarchy: add, rename, weights, alternate parents, move, reorder', async () => {
    const built = await change(
      add('ALL', '全社'),
      add('SALES', '営業本部', 'ALL'),
      add('S1', '第一営業部', 'SALES'),
      add('S2', '第二営業部', 'SALES'),
      add('ADMIN', '管理本部', 'ALL'),
      add('HR', '人事部', 'ADMIN', -1),
      add('EAST', '東日本', undefined),
      { op: 'link', parent: 'EAST', child: 'S1', weight: 0.5 },
      { op: 'rename', code: 'S2', nameJa: '第二営業部（大阪）', nameEn: 'Sales 2 Osaka' },
    );
    expect(built.status).toBe(200);
    expect(built.json.roots).toEqual(['ALL', 'EAST']);
    expect(el(built.json, 'S1').parents).toEqual([
      { code: 'SALES', weight: 1 },
      { code: 'EAST', weight: 0.5 },
    ]);
    expect(el(built.json, 'S2').name).toEqual({ ja: '第二営業部（大阪）', en: 'Sales 2 Osaka' });
    expect(el(built.json, 'ADMIN').children).toEqual([{ code: 'HR', weight: -1 }]);
    const moved = await change(
      { op: 'move', code: 'HR', from: 'ADMIN', to: 'SALES' },
      { op: 'weight', parent: 'SALES', child: 'HR', weight: 1 },
      { op: 'order', code: 'S2', parent: 'SALES', direction: 'up' },
      { op: 'order', code: 'EAST', direction: 'up' },
    );
    expect(moved.status).toBe(200);
    expect(el(moved.json, 'SALES').children.map((c) => c.code)).toEqual(['S2', 'S1', 'HR']);
    expect(el(moved.json, 'HR').parents).toEqual([{ code: 'SALES', weight: 1 }]);
    expect(el(moved.json, 'ADMIN').leaf).toBe(true);
    expect(moved.json.roots).toEqual(['EAST', 'ALL']);
    const entries = await auditEntries(await w.db(), 'model.dimension.edit');
    expect(entries).toHaveLength(2);
    expect(JSON.parse(entries[0]!.summary)).toMatchObject({ count: 9 });
  });

  it('refuses cycles, unknown elements, duplicates and bad weights with ja/en messages, changing nothing', async () => {
    const before = (await w.admin.get<DimensionDetail>(`${api()}/${id}`)).json;
    const cycle = await change(add('NEW1', '新', 'S1'), { op: 'link', parent: 'S1', child: 'ALL' });
    expect(cycle.status).toBe(409);
    expect(cycle.json.error.code).toBe('HIERARCHY_CYCLE');
    expect(cycle.json.error.message).toContain('"ALL" cannot be placed under "S1"');
    w.admin.lang = 'ja';
    const ja = await change({ op: 'move', code: 'ALL', to: 'HR' });
    expect(ja.json.error.message).toContain('階層が循環します');
    const unknown = await change({ op: 'rename', code: 'NOPE', nameJa: 'x' });
    expect(unknown.json.error).toMatchObject({ code: 'ELEMENT_NOT_FOUND' });
    expect(unknown.json.error.message).toContain('NOPE');
    w.admin.lang = 'en';
    expect((await change(add('S1', '重複'))).json.error.code).toBe('ELEMENT_CODE_TAKEN');
    expect((await change({ op: 'link', parent: 'SALES', child: 'S1' })).json.error.code).toBe('LINK_EXISTS');
    expect((await change({ op: 'unlink', parent: 'ADMIN', child: 'S1' })).json.error.code).toBe(
      'LINK_NOT_FOUND',
    );
    for (const bad of [
      { op: 'weight', parent: 'SALES', child: 'S1', weight: 'abc' },
      { op: 'add', code: 'X', nameJa: '  ', nameEn: 'x' },
      { op: 'add', code: 'a b', nameJa: 'x', nameEn: 'x' },
      { op: 'explode' },
    ]) {
      const res = await change(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await w.admin.get<DimensionDetail>(`${api()}/${id}`)).json).toEqual(before);
    expect(await auditEntries(await w.db(), 'model.dimension.edit')).toHaveLength(2);
  });

  it('exports CSV and imports it back with a preview; an import with errors changes nothing', async () => {
    const exported = await w.admin.get(`${api()}/${id}/export?lang=ja`);
    expect(exported.status).toBe(200);
    expect(exported.text).toContain('コード,名前（日本語）,名前（英語）,親,ウェイト');
    expect(exported.text).toContain('S1,第一営業部,S1,EAST,0.5');
    expect(exported.text).toContain('S1,第一営業部,S1,SALES,1');
    const bad = Buffer.from(
      '\ufeffcode,name_ja,name_en,parent,weight\n' +
        'TOKYO,東京,Tokyo,EAST,1\n' +
        'ALL,全社,,S2,1\n' +
        'OSAKA,,,EAST,x\n' +
        'bad code,a,b,,\n' +
        'KOBE,神戸,Kobe,NOWHERE,\n',
      'utf8',
    );
    const dry = await postBytes<DimensionDryRun>(ts, w.admin, `${api()}/${id}/import/dry-run`, bad);
    expect(dry.status).toBe(200);
    expect(dry.json.encoding).toBe('utf-8-bom');
    expect(dry.json.rows.map((r) => [r.row, r.outcome, r.errors.map((e) => e.code)])).toEqual([
      [1, 'new', []],
      [2, 'error', ['HIERARCHY_CYCLE']],
      [3, 'error', ['number']],
      [4, 'error', ['code_format']],
      [5, 'error', ['unknown_element']],
    ]);
    const refused = await postBytes<ErrorJson>(ts, w.admin, `${api()}/${id}/import`, bad);
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('IMPORT_HAS_ERRORS');
    expect(refused.json.error.issues?.[0]?.path).toBe('row 2 / parent');
    expect(
      (await w.admin.get<DimensionDetail>(`${api()}/${id}`)).json.elements.map((e) => e.code),
    ).not.toContain('TOKYO');
    const good = iconv.encode(
      'コード,名前（日本語）,名前（英語）,親,ウェイト\r\n' +
        'TOKYO,東京支店,Tokyo,EAST,1\r\n' +
        'S1,第一営業部,Sales 1,SALES,1\r\n' +
        'HR,人事部,HR,ADMIN,-1\r\n',
      'cp932',
    );
    const preview = await postBytes<DimensionDryRun>(ts, w.admin, `${api()}/${id}/import/dry-run`, good);
    expect(preview.json.encoding).toBe('shift_jis');
    expect(preview.json.summary).toEqual({ total: 3, new: 1, changed: 2, unchanged: 0, error: 0 });
    const applied = await postBytes<{ summary: unknown; dimension: DimensionDetail }>(
      ts,
      w.admin,
      `${api()}/${id}/import`,
      good,
    );
    expect(applied.status).toBe(200);
    const d = applied.json.dimension;
    expect(el(d, 'TOKYO').parents).toEqual([{ code: 'EAST', weight: 1 }]);
    // S1 is listed with SALES only: its EAST link goes (the file gives an element's parents).
    expect(el(d, 'S1').parents).toEqual([{ code: 'SALES', weight: 1 }]);
    expect(el(d, 'S1').name.en).toBe('Sales 1');
    expect(el(d, 'HR').parents).toEqual([{ code: 'ADMIN', weight: -1 }]);
    const [entry] = await auditEntries(await w.db(), 'model.dimension.import');
    expect(JSON.parse(entry!.summary)).toMatchObject({ encoding: 'shift_jis', new: 1, changed: 2 });
    const again = await postBytes<DimensionDryRun>(ts, w.admin, `${api()}/${id}/import/dry-run`, good);
    expect(again.json.summary).toMatchObject({ unchanged: 3 });
  });

  it('answers 401 without a session, 403 to a plain user and 404 across tenants', async () => {
    const anon = ts.client();
    await anon.primeCsrf();
    expect((await anon.get(`${api()}/${id}`)).status).toBe(401);
    const csv = Buffer.from('code,name_ja,name_en\nX,x,x\n');
    for (const [method, path, body] of [
      ['GET', api(), undefined],
      ['GET', `${api()}/${id}`, undefined],
      ['GET', `${api()}/${id}/export`, undefined],
      ['POST', api(), { code: 'Y', nameJa: 'y', nameEn: 'y' }],
      ['POST', `${api()}/${id}/changes`, { changes: [add('Z', 'z')] }],
    ] as const) {
      const res = await w.user.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.text).not.toContain('営業');
    }
    expect((await postBytes(ts, w.user, `${api()}/${id}/import`, csv)).status).toBe(403);
    const other = api('tasha');
    for (const [method, path, body] of [
      ['GET', `${other}/${id}`, undefined],
      ['GET', `${other}/${id}/export`, undefined],
      ['POST', `${other}/${id}/changes`, { changes: [add('Z', 'z')] }],
    ] as const) {
      const res = await w.adminB.request<ErrorJson>(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json.error.code).toBe('MODEL_OBJECT_NOT_FOUND');
    }
    expect((await postBytes(ts, w.adminB, `${other}/${id}/import/dry-run`, csv)).status).toBe(404);
    expect((await postBytes(ts, w.adminB, `${other}/${id}/import`, csv)).status).toBe(404);
    expect(
      (await w.admin.get<DimensionDetail>(`${api()}/${id}`)).json.elements.map((e) => e.code),
    ).not.toContain('Z');
  });
});
