import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, entryWorld, type EntryWorld } from '../../../test/support/entry.js';
import { auditEntries, type ErrorJson } from '../../../test/support/model.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { postBytes } from '../../../test/support/tenant-admin.js';
import type { HistoryResponse } from './schemas.js';
import type { ApplyResponse, ImportDefinition, PreviewResponse } from './import-schemas.js';

let ts: TestServer;
let w: EntryWorld;
const url = (p: string) => `${w.base}/cubes/${w.cubeId}/actuals/${p}`;
const upload = <T>(p: string, body: Buffer | string, c = w.admin, type = 'text/csv') =>
  postBytes<T & ErrorJson>(ts, c, url(p), Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'), type);
const definition: ImportDefinition = {
  columns: { Account: '勘定科目', Department: '部門', Period: '年月' },
  fixed: { Scenario: 'ACTUAL' },
  value: '金額',
  maps: { Account: { '4100': 'NET_SALES', '5100': 'COST_OF_SALES', '6100': 'SGA' } },
  replace: false,
  sliceDimensions: [],
};
const save = (d: unknown, c = w.admin) => c.request<ErrorJson>('PUT', url('definition'), d);
const grid = async (scenario = 'ACTUAL', period = '2027-04') =>
  (
    await w.admin.post<{ values: number[][] }>(`${w.base}/cubes/${w.cubeId}/grid`, {
      rows: { dimension: 'Department', elements: ['SALES', 'MANUFACTURING', 'ADMINISTRATION'] },
      columns: { dimension: 'Account', elements: ['NET_SALES', 'COST_OF_SALES', 'SGA'] },
      fixed: { Period: period, Scenario: scenario },
    })
  ).json.values;

const BAD = [
  '勘定科目,部門,年月,金額',
  '4100,SALES,2027-04,"1,234"',
  '4100,SALES,2027-04,▲234',
  '5100,SALES,2027-04,(500)',
  '9999,SALES,2027-04,1',
  'GROSS_PROFIT,SALES,2027-04,1',
  '6100,SALES,2027-04,abc',
  '6100,SALES,2027-04,1,000',
  '6100,SALES,2027-04,"1,23"',
].join('\r\n');

beforeAll(async () => {
  ts = await startTestServer();
  w = await entryWorld(ts, 'jisseki', 'jisseki2');
});
afterAll(async () => {
  await ts?.stop();
});

describe('import definitions', () => {
  it('are checked against the cube (ja/en) and saved per cube, audited', async () => {
    expect((await w.admin.get<{ definition: null }>(url('definition'))).json.definition).toBeNull();
    w.admin.lang = 'ja';
    const bad = await save({ ...definition, fixed: {}, maps: { Account: { '1': 'GROSS_PROFIT' } } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('IMPORT_DEFINITION_INVALID');
    expect(bad.json.error.issues).toEqual([
      {
        path: '/maps/Account/1',
        code: 'not_leaf',
        message: expect.stringContaining('GROSS_PROFIT は集計要素') as string,
      },
      {
        path: '/columns/Scenario',
        code: 'no_mapping',
        message: expect.stringContaining('固定の要素') as string,
      },
    ]);
    w.admin.lang = 'en';
    expect((await save(definition)).status).toBe(200);
    expect(await auditEntries(await w.db(), 'cube.actuals.definition')).toHaveLength(1);
    // Org admins save the mapping (planners import with it); other tenants do not see the cube.
    expect((await save(definition, w.user)).status).toBe(403);
    const other = await w.adminB.request(
      'PUT',
      `/t/jisseki2/api/model/cubes/${w.cubeId}/actuals/definition`,
      definition,
    );
    expect(other.status).toBe(404);
  });
});

describe('preview and apply', () => {
  it('previews per-row errors in the user language with counts, and applies nothing while any row is bad', async () => {
    w.admin.lang = 'ja';
    const ja = await upload<PreviewResponse>('preview', BAD);
    expect(ja.status).toBe(200);
    expect(ja.json.counts).toEqual({ rows: 8, valid: 3, errors: 5, cells: 2, summed: 1, total: 500 });
    expect(
      ja.json.rows.map((r) => [r.line, r.coords.Account, r.value, r.summed, r.errors.map((e) => e.code)]),
    ).toEqual([
      [2, 'NET_SALES', 1234, false, []],
      [3, 'NET_SALES', -234, true, []],
      [4, 'COST_OF_SALES', -500, false, []],
      [5, '9999', 1, false, ['unknown_element']],
      [6, 'GROSS_PROFIT', 1, false, ['consolidated_element']],
      [7, 'SGA', null, false, ['not_a_number']],
      [8, 'SGA', 1, false, ['extra_columns']],
      [9, 'SGA', null, false, ['not_a_number']], // commas must group thousands, as in the grid
    ]);
    expect(ja.json.rows[3]!.errors[0]).toEqual({
      column: '勘定科目',
      code: 'unknown_element',
      message: 'Account に要素「9999」がありません。',
    });
    w.admin.lang = 'en';
    const en = await upload<PreviewResponse>('preview', BAD);
    expect(en.json.rows[4]!.errors[0]!.message).toBe(
      '"GROSS_PROFIT" in Account is a total; actuals go to leaf elements only.',
    );
    const refused = await upload<ErrorJson>('import', BAD);
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('IMPORT_HAS_ERRORS');
    expect(refused.json.error.issues?.map((i) => i.path)).toEqual([
      'line 5 / 勘定科目',
      'line 6 / 勘定科目',
      'line 7 / 金額',
      'line 8 / 金額',
      'line 9 / 金額',
    ]);
    expect(await grid()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(await auditEntries(await w.db(), 'cube.actuals.import')).toHaveLength(0);
  });

  it('applies a Shift_JIS file all at once: codes mapped, Japanese number formats, same cells summed, history and one audit entry', async () => {
    const csv = [
      '勘定科目,部門,年月,金額',
      '4100,SALES,2027-04,"１，０００"',
      '4100,SALES,2027-04,500',
      '5100,SALES,2027-04,△300',
      'SGA,ADMINISTRATION,2027-04,"(1,200)"',
      'NET_SALES,MANUFACTURING,2027-04,"2,000円"',
    ].join('\r\n');
    const res = await upload<ApplyResponse>('import', iconv.encode(csv, 'cp932'));
    expect(res.status).toBe(200);
    expect(res.json.counts).toMatchObject({ rows: 5, valid: 5, errors: 0, cells: 4, summed: 1 });
    expect(await grid()).toEqual([
      [1500, -300, 0],
      [2000, 0, 0],
      [0, 0, -1200],
    ]);
    const [entry] = await auditEntries(await w.db(), 'cube.actuals.import');
    expect(JSON.parse(entry!.summary)).toMatchObject({
      encoding: 'shift_jis',
      rows: 5,
      cells: 4,
      summed: 1,
      changed: 4,
    });
    const h = await w.admin.post<HistoryResponse>(`${w.base}/cubes/${w.cubeId}/history`, {
      cells: [at('NET_SALES', 'SALES', '2027-04', 'ACTUAL')],
    });
    expect(h.json.items).toMatchObject([{ oldValue: 0, newValue: 1500, source: 'import' }]);
  });

  it('reads .xlsx workbooks (numbers as numbers, formulas by their value)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('実績');
    ws.addRow(['勘定科目', '部門', '年月', '金額']);
    ws.addRow(['4100', 'SALES', '2027-05', 700]);
    ws.addRow([6100, 'SALES', '2027-05', { formula: '100*2', result: 200 }]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload<ApplyResponse>(
      'import',
      bytes,
      w.admin,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.status).toBe(200);
    expect((await grid('ACTUAL', '2027-05'))[0]).toEqual([700, 0, 200]);
    const broken = await upload<ErrorJson>('preview', Buffer.from('PK\x03\x04 not a workbook'));
    expect(broken.status).toBe(400);
    expect(broken.json.error.code).toBe('IMPORT_FILE_UNREADABLE');
  });

  it('refuses rows on cells the user may not write, and replaces a slice when asked', async () => {
    await w.grant({
      objects: [{ objectId: w.cubeId, access: 'write' }],
      elements: [{ dimensionId: w.dims['Department'], element: 'SALES', access: 'write' }],
    });
    const file = ['勘定科目,部門,年月,金額', '4100,SALES,2027-04,10', '4100,MANUFACTURING,2027-04,10'].join(
      '\n',
    );
    const p = await upload<PreviewResponse>('preview', file, w.user);
    expect(p.json.rows.map((r) => r.errors.map((e) => e.code))).toEqual([[], ['no_write_right']]);
    // Replace the April slice of ACTUAL: cells of April not in the file go, May stays.
    expect((await save({ ...definition, replace: true, sliceDimensions: ['Period'] })).status).toBe(200);
    const planner = await upload<PreviewResponse>('preview', file.split('\n').slice(0, 2).join('\n'), w.user);
    expect(planner.json.problems.map((x) => x.code)).toEqual(['clear_no_right']);
    const res = await upload<ApplyResponse>(
      'import',
      ['勘定科目,部門,年月,金額', '4100,SALES,2027-04,99'].join('\n'),
    );
    expect(res.status).toBe(200);
    expect(await grid()).toEqual([
      [99, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect((await grid('ACTUAL', '2027-05'))[0]).toEqual([700, 0, 200]);
  });
});
