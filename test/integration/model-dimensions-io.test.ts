import https from 'node:https';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CubeView, GridResponse } from '../../src/modules/model/cube-schemas.js';
import type { DimensionDetail, DimensionDryRun } from '../../src/modules/model/dimension-schemas.js';
import type { HttpsClient } from '../support/https-client.js';
import { modelDb } from '../../src/modules/model/tables.js';
import { auditEntries, modelWorld, type ErrorJson, type ModelWorld } from '../support/model.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { postBytes } from '../support/tenant-admin.js';

/** Excel import/export of dimensions and element deletion, on the running server. */
let ts: TestServer;
let w: ModelWorld;
const model = (slug = 'dimio') => `/t/${slug}/api/model`;
const api = (slug = 'dimio') => `${model(slug)}/dimensions`;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let dept = '';
let acct = '';
let cubeId = '';

const add = (code: string, nameJa: string, parent?: string, weight?: number) => ({
  op: 'add',
  code,
  nameJa,
  nameEn: code,
  ...(parent ? { parent } : {}),
  ...(weight === undefined ? {} : { weight }),
});

beforeAll(async () => {
  ts = await startTestServer();
  w = await modelWorld(ts, 'dimio', 'dimio-b');
  const d = await w.admin.post<DimensionDetail>(api(), {
    code: 'Dept',
    nameJa: '部門',
    nameEn: 'Department',
  });
  dept = d.json.object.id;
  await w.admin.post(`${api()}/${dept}/changes`, {
    changes: [
      add('ALL', '全社'),
      add('SALES', '営業本部', 'ALL'),
      add('S1', '第一営業部', 'SALES'),
      add('S2', '第二営業部', 'SALES'),
      add('ADMIN', '管理本部', 'ALL'),
      add('HR', '人事部', 'ADMIN', -1),
    ],
  });
  const a = await w.admin.post<DimensionDetail>(api(), { code: 'Acct', nameJa: '勘定', nameEn: 'Account' });
  acct = a.json.object.id;
  await w.admin.post(`${api()}/${acct}/changes`, { changes: [add('REV', '売上高')] });
  const cube = await w.admin.post<CubeView>(`${model()}/cubes`, {
    code: 'PLAN',
    nameJa: '計画',
    nameEn: 'Plan',
    dimensionIds: [dept, acct],
  });
  cubeId = cube.json.object.id;
});
afterAll(async () => {
  await ts?.stop();
});

function getBytes(c: HttpsClient, path: string): Promise<{ status: number; type: string; body: Buffer }> {
  const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return new Promise((resolve, reject) => {
    https
      .get(new URL(path, ts.url), { ca: ts.server.runtime.deps.tls!.cert, headers: { cookie } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks),
          }),
        );
      })
      .on('error', reject);
  });
}

async function book(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('要素');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const detail = async () => (await w.admin.get<DimensionDetail>(`${api()}/${dept}`)).json;
const el = (d: DimensionDetail, code: string) => d.elements.find((e) => e.code === code);
const grid = async () =>
  (
    await w.admin.post<GridResponse>(`${model()}/cubes/${cubeId}/grid`, {
      rows: { dimension: 'Dept', elements: (await detail()).elements.map((e) => e.code) },
      columns: { dimension: 'Acct', elements: ['REV'] },
      fixed: {},
    })
  ).json;

describe('dimension Excel export and import', () => {
  it('exports .xlsx (header in the language, real numbers) and imports it back unchanged', async () => {
    const res = await getBytes(w.admin, `${api()}/${dept}/export/xlsx?lang=ja`);
    expect(res.status).toBe(200);
    expect(res.type).toContain(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Dept');
    expect(ws.getRow(1).values).toEqual([
      undefined,
      'コード',
      '名前（日本語）',
      '名前（英語）',
      '親',
      'ウェイト',
    ]);
    expect(ws.getRow(7).values).toEqual([undefined, 'HR', '人事部', 'HR', 'ADMIN', -1]);
    const dry = await postBytes<DimensionDryRun>(
      ts,
      w.admin,
      `${api()}/${dept}/import/xlsx/dry-run`,
      res.body,
      XLSX,
    );
    expect(dry.status).toBe(200);
    expect(dry.json.encoding).toBe('xlsx');
    expect(dry.json.summary).toEqual({ total: 6, new: 0, changed: 0, unchanged: 6, error: 0 });
  });

  it('previews per-row errors in the user language and applies all or nothing', async () => {
    const bad = await book([
      ['code', 'name_ja', 'name_en', 'parent', 'weight'],
      ['TOKYO', '東京支店', 'Tokyo', 'S1', 1],
      ['OSAKA', '大阪支店', 'Osaka', 'S1', { formula: 'X1*2' }],
      ['ALL', '全社', 'Company', 'HR', 1],
    ]);
    w.admin.lang = 'ja';
    const dry = await postBytes<DimensionDryRun>(
      ts,
      w.admin,
      `${api()}/${dept}/import/xlsx/dry-run`,
      bad,
      XLSX,
    );
    expect(dry.status).toBe(200);
    expect(dry.json.rows.map((r) => [r.row, r.outcome, r.errors.map((e) => e.code)])).toEqual([
      [1, 'new', []],
      [2, 'error', ['formula_no_value']],
      [3, 'error', ['HIERARCHY_CYCLE']],
    ]);
    expect(dry.json.rows[1]!.errors[0]!.message).toContain('数式（=X1*2）');
    const refused = await postBytes<ErrorJson>(ts, w.admin, `${api()}/${dept}/import/xlsx`, bad, XLSX);
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('IMPORT_HAS_ERRORS');
    expect(el(await detail(), 'TOKYO')).toBeUndefined();

    const good = await book([
      ['コード', '名前（日本語）', '名前（英語）', '親', 'ウェイト'],
      ['TOKYO', '東京支店', 'Tokyo', 'S1', 1],
      ['OSAKA', '大阪支店', 'Osaka', 'S1', { formula: '1/2', result: 0.5 }],
      [101, '一〇一', 'One-o-one', 'ADMIN', null],
    ]);
    const applied = await postBytes<{ summary: DimensionDryRun['summary']; dimension: DimensionDetail }>(
      ts,
      w.admin,
      `${api()}/${dept}/import/xlsx`,
      good,
      XLSX,
    );
    w.admin.lang = 'en';
    expect(applied.status).toBe(200);
    expect(applied.json.summary).toMatchObject({ new: 3, error: 0 });
    const d = applied.json.dimension;
    expect(el(d, 'S1')?.children).toEqual([
      { code: 'TOKYO', weight: 1 },
      { code: 'OSAKA', weight: 0.5 },
    ]);
    expect(el(d, '101')?.name).toEqual({ ja: '一〇一', en: 'One-o-one' });
    const [entry] = await auditEntries(await w.db(), 'model.dimension.import');
    expect(JSON.parse(entry!.summary)).toMatchObject({ encoding: 'xlsx', new: 3 });
  });

  it('refuses files that are not workbooks with a clear ja/en message and changes nothing', async () => {
    const before = await detail();
    for (const lang of ['ja', 'en'] as const) {
      w.admin.lang = lang;
      for (const [body, code] of [
        [Buffer.from('code,name_ja\nA,あ\n'), 'XLSX_UNREADABLE'],
        [Buffer.from('PK\u0003\u0004 truncated zip'), 'XLSX_UNREADABLE'],
        [
          await book([
            ['氏名', 'メール'],
            ['a', 'b'],
          ]),
          'XLSX_SHEET_NOT_FOUND',
        ],
      ] as const) {
        for (const path of ['import/xlsx/dry-run', 'import/xlsx']) {
          const res = await postBytes<ErrorJson>(ts, w.admin, `${api()}/${dept}/${path}`, body, XLSX);
          expect(res.status, `${code} ${path}`).toBe(400);
          expect(res.json.error.code).toBe(code);
          expect(res.json.error.message).toMatch(
            lang === 'ja' ? /何も登録していません/ : /Nothing was imported/,
          );
        }
      }
    }
    w.admin.lang = 'en';
    const huge = await postBytes<ErrorJson>(
      ts,
      w.admin,
      `${api()}/${dept}/import/xlsx/dry-run`,
      Buffer.alloc(6 * 1024 * 1024, 1),
      XLSX,
    );
    expect(huge.status).toBe(413);
    expect(await detail()).toEqual(before);
  });

  it('keeps the same rights as the CSV routes: 403 for a plain user, 404 across tenants', async () => {
    const body = await book([['code'], ['X']]);
    expect((await getBytes(w.user, `${api()}/${dept}/export/xlsx`)).status).toBe(403);
    expect((await postBytes(ts, w.user, `${api()}/${dept}/import/xlsx/dry-run`, body, XLSX)).status).toBe(
      403,
    );
    expect((await postBytes(ts, w.user, `${api()}/${dept}/import/xlsx`, body, XLSX)).status).toBe(403);
    const other = api('dimio-b');
    const res = await getBytes(w.adminB, `${other}/${dept}/export/xlsx`);
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain('営業');
    expect((await postBytes(ts, w.adminB, `${other}/${dept}/import/xlsx`, body, XLSX)).status).toBe(404);
    expect((await postBytes(ts, w.adminB, `${api()}/${dept}/import/xlsx`, body, XLSX)).status).not.toBe(200);
    expect(el(await detail(), 'X')).toBeUndefined();
  });
});

describe('element deletion', () => {
  const del = (code: string, query = '', c = w.admin, slug = 'dimio') =>
    c.request<DimensionDetail & ErrorJson>(
      'DELETE',
      `${api(slug)}/${dept}/elements/${encodeURIComponent(code)}${query}`,
    );

  it('refuses an element with figures (listing cube and count) and one named by group rights', async () => {
    const write = await w.admin.post(`${model()}/cubes/${cubeId}/cells`, {
      cells: [
        { coords: { Dept: 'S2', Acct: 'REV' }, value: 200 },
        { coords: { Dept: '101', Acct: 'REV' }, value: 101 },
        { coords: { Dept: 'HR', Acct: 'REV' }, value: 7 },
      ],
    });
    expect(write.status).toBe(200);
    for (const lang of ['ja', 'en'] as const) {
      w.admin.lang = lang;
      const res = await del('S2');
      expect(res.status).toBe(409);
      expect(res.json.error.code).toBe('ELEMENT_HAS_CELLS');
      expect(res.json.error.message).toContain('PLAN: 1');
      expect(res.json.error.message).toMatch(lang === 'ja' ? /削除できません/ : /cannot be deleted/);
    }
    w.admin.lang = 'en';
    const g = await w.admin.post<{ group: { id: string } }>('/t/dimio/api/admin/groups', {
      name: '人事グループ',
      description: '',
    });
    await w.admin.request('PUT', `${model()}/rights/groups/${g.json.group.id}`, {
      objects: [{ objectId: cubeId, access: 'read' }],
      elements: [{ dimensionId: dept, element: 'ADMIN', access: 'read' }],
    });
    const named = await del('ADMIN');
    expect(named.status).toBe(409);
    expect(named.json.error.code).toBe('ELEMENT_HAS_RIGHTS');
    expect(named.json.error.message).toContain('人事グループ');
    expect((await del('NOWHERE')).json.error.code).toBe('ELEMENT_NOT_FOUND');
    expect(el(await detail(), 'S2')).toBeDefined();
    expect(await auditEntries(await w.db(), 'model.dimension.element.delete')).toHaveLength(0);
  });

  it('deletes a consolidated element: children stay (top level when it was their only parent), later ids keep their figures', async () => {
    const before = await grid();
    const value = (g: GridResponse, code: string) => g.values[g.rows.indexOf(code)]?.[0];
    expect(value(before, '101')).toBe(101);
    expect(value(before, 'ALL')).toBe(200 + 101 - 7);
    expect(value(before, 'SALES')).toBe(200);
    const res = await del('SALES');
    expect(res.status).toBe(200);
    expect(el(res.json, 'SALES')).toBeUndefined();
    expect(res.json.roots).toEqual(['ALL', 'S1', 'S2']);
    expect(el(res.json, 'S1')?.children.map((c) => c.code)).toEqual(['TOKYO', 'OSAKA']);
    const after = await grid();
    expect(value(after, '101')).toBe(101);
    expect(value(after, 'S2')).toBe(200);
    expect(value(after, 'HR')).toBe(7);
    expect(value(after, 'ALL')).toBe(101 - 7);
    const [entry] = await auditEntries(await w.db(), 'model.dimension.element.delete');
    expect(JSON.parse(entry!.summary)).toMatchObject({
      code: 'SALES',
      name: { ja: '営業本部', en: 'SALES' },
      parents: ['ALL'],
      children: ['S1', 'S2'],
    });
  });

  it('deletes a leaf with its figures only when asked to, and the cube reads right after a reload', async () => {
    const res = await del('S2', '?deleteFigures=true');
    expect(res.status).toBe(200);
    expect(el(res.json, 'S2')).toBeUndefined();
    const [, entry] = await auditEntries(await w.db(), 'model.dimension.element.delete');
    expect(JSON.parse(entry!.summary)).toMatchObject({
      code: 'S2',
      figuresDeleted: [{ cube: 'PLAN', cells: 1 }],
    });
    const cells = await modelDb(await w.db())
      .selectFrom('cube_cells')
      .select('value')
      .where('cube_id', '=', cubeId)
      .execute();
    expect(cells.map((c) => Number(c.value)).sort((x, y) => x - y)).toEqual([7, 101]);
    const g = await grid();
    expect(g.values[g.rows.indexOf('101')]?.[0]).toBe(101);
    // Deleting a leaf without figures, e.g. the new TOKYO under S1.
    expect((await del('TOKYO')).status).toBe(200);
  });

  it('respects locked slices: a locked element stays, and so do figures under a locked total', async () => {
    const locks = `${model()}/cubes/${cubeId}/locks`;
    expect((await w.admin.post(locks, { dimension: 'Dept', element: 'OSAKA' })).status).toBe(200);
    expect((await w.admin.post(locks, { dimension: 'Dept', element: 'ADMIN' })).status).toBe(200);
    const locked = await del('OSAKA');
    expect(locked.status).toBe(409);
    expect(locked.json.error.code).toBe('ELEMENT_LOCKED');
    expect(locked.json.error.message).toContain('PLAN');
    const figures = await del('HR', '?deleteFigures=true');
    expect(figures.status).toBe(409);
    expect(figures.json.error.code).toBe('CELL_LOCKED');
    expect(el(await detail(), 'HR')).toBeDefined();
    const g = await grid();
    expect(g.values[g.rows.indexOf('HR')]?.[0]).toBe(7);
    for (const e of ['OSAKA', 'ADMIN'])
      expect((await w.admin.request('DELETE', `${locks}/Dept/${e}`)).status).toBe(200);
  });

  it('refuses an element a form names, listing the form', async () => {
    const form = await w.admin.post<{ object: { id: string } } & ErrorJson>(`${model()}/forms`, {
      code: 'OSAKA_IN',
      nameJa: '大阪入力',
      nameEn: 'Osaka input',
      definition: {
        cube: 'PLAN',
        type: 'input',
        rows: { dimension: 'Dept', members: [{ element: 'OSAKA', select: 'self' }] },
        columns: { dimension: 'Acct', members: [{ element: 'REV', select: 'self' }] },
        fixed: [],
        input: 'leaves',
        readOnly: [],
        format: { scale: 1, decimals: 0, currency: 'JPY' },
      },
    });
    expect(form.status, form.text).toBe(201);
    for (const lang of ['ja', 'en'] as const) {
      w.admin.lang = lang;
      const res = await del('OSAKA');
      expect(res.status).toBe(409);
      expect(res.json.error.code).toBe('ELEMENT_IN_FORMS');
      expect(res.json.error.message).toContain('OSAKA_IN');
    }
    w.admin.lang = 'en';
    expect(el(await detail(), 'OSAKA')).toBeDefined();
    expect((await w.admin.request('DELETE', `${model()}/forms/${form.json.object.id}`)).status).toBe(204);
  });

  it('is for org admins of the tenant only', async () => {
    const plain = await del('OSAKA', '', w.user);
    expect(plain.status).toBe(403);
    const other = await del('OSAKA', '', w.adminB, 'dimio-b');
    expect(other.status).toBe(404);
    expect(other.text).not.toContain('大阪');
    expect(el(await detail(), 'OSAKA')).toBeDefined();
  });
});
