import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryResponse } from '../../src/modules/entry/schemas.js';
import type { OpenFormResponse } from '../../src/modules/model/form-schemas.js';
import type { FormXlsxPreview } from '../../src/modules/model/form-xlsx-schemas.js';
import {
  downloadForm,
  editWorkbook,
  formXlsxWorld,
  gridOf,
  PLAN_FORM,
  type FormXlsxWorld,
} from '../support/form-xlsx.js';
import type { HttpsClient } from '../support/https-client.js';
import { auditEntries, type ErrorJson } from '../support/model.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { postBytes } from '../support/tenant-admin.js';

/**
 * A form's Excel round trip (issue 7) over HTTP on the configured database: the downloaded
 * workbook (number cells, formats, headers, indentation, protection, hidden meta sheet), the
 * preview of an edited file (changes, per-cell errors ja/en, conflicts), the all-or-nothing apply
 * (history path `excel`, audit entry), and refusals of wrong or damaged files.
 */
let ts: TestServer;
let w: FormXlsxWorld;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const url = (p = '') => `${w.base}/forms/${w.formId}/xlsx${p}`;
const preview = (file: Buffer, c: HttpsClient = w.user, formId = w.formId) =>
  postBytes<FormXlsxPreview & ErrorJson>(ts, c, `${w.base}/forms/${formId}/xlsx/preview`, file, XLSX);
const apply = (token: string, c: HttpsClient = w.user) =>
  c.post<{ changed: number } & ErrorJson>(url('/apply'), { token });
const open = async () =>
  (await w.admin.post<OpenFormResponse>(`${w.base}/forms/${w.formId}/open`, { choices: {} })).json;
const value = (f: OpenFormResponse, row: string, column: string) =>
  f.values[f.rows.findIndex((r) => r.code === row)]?.[f.columns.findIndex((c) => c.code === column)];
const cellsSnapshot = async () =>
  JSON.stringify((await sql`select * from cube_cells order by 1, 2`.execute(await w.db())).rows);

beforeAll(async () => {
  ts = await startTestServer();
  w = await formXlsxWorld(ts, 'ekuseru', 'ekuseru2');
});
afterAll(async () => {
  await ts?.stop();
});

describe('download', () => {
  it('is a real workbook: header, units, number cells in the unit, indentation, bold totals, protection, frozen panes', async () => {
    const res = await w.admin.binary('POST', url(), { lang: 'ja' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    // <form name>_<choices>_<YYYYMMDD>.xlsx in the language (RFC 6266: UTF-8 name, ASCII stand-in of codes).
    const disposition = String(res.headers['content-disposition']);
    const day = /^attachment; filename="SALES_PLAN_SALES_BUDGET_(\d{8})\.xlsx"; filename\*=UTF-8''(.+)$/.exec(
      disposition,
    );
    expect(day, disposition).not.toBeNull();
    expect(decodeURIComponent(day![2]!)).toBe(`売上計画_営業部_予算_${day![1]}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const g = await gridOf(wb);
    const ws = g.sheet;
    expect(ws.name).toBe('SALES_PLAN');
    expect(ws.getCell('A1').value).toBe('売上計画');
    expect(ws.getCell('A1').font.bold).toBe(true);
    const text = (r: number) => [ws.getCell(r, 1).text, ws.getCell(r, 2).text];
    expect(text(3)).toEqual(['部門', '営業部 (SALES)']);
    expect(text(4)).toEqual(['シナリオ', '予算 (BUDGET)']);
    expect(text(5)).toEqual(['単位：千円（千円未満四捨五入）', '']);
    const header = ws.getRow(g.firstRow - 1);
    expect([2, 3, 4, 5].map((c) => header.getCell(c).text)).toEqual([
      '2027年4月',
      '2027年5月',
      '2027年6月',
      '2027年度 第1四半期',
    ]);
    expect(header.getCell(1).text).toBe('勘定科目 \\ 期間');
    expect(g.rows).toEqual(['OPERATING_PROFIT', 'GROSS_PROFIT', 'NET_SALES', 'COST_OF_SALES', 'SGA']);
    expect(g.columns).toEqual(['2027-04', '2027-05', '2027-06', 'FY2027-Q1']);
    // Real numbers in 千円 with the form's format; totals computed by the cube.
    const net = g.cell('NET_SALES', '2027-04');
    expect(net.value).toBe(1234.567);
    expect(net.numFmt).toBe('#,##0;[Red]-#,##0');
    // Totals are formulas over the cells as written (weights ±1: P&L signs), the cube's value cached.
    expect(g.cell('GROSS_PROFIT', '2027-04').value).toEqual({
      formula: `${g.cell('NET_SALES', '2027-04').address}-${g.cell('COST_OF_SALES', '2027-04').address}`,
      result: 734.567,
    });
    expect(g.cell('OPERATING_PROFIT', 'FY2027-Q1').value).toEqual({
      formula: `${g.cell('GROSS_PROFIT', 'FY2027-Q1').address}-${g.cell('SGA', 'FY2027-Q1').address}`,
      result: 634.567,
    });
    expect(g.cell('NET_SALES', 'FY2027-Q1').value).toEqual({
      formula: `SUM(${g.cell('NET_SALES', '2027-04').address}:${g.cell('NET_SALES', '2027-06').address})`,
      result: 1234.567,
    });
    // Names indented by depth; consolidated rows (and the Q1 column) bold.
    const nameCell = (code: string) => ws.getCell(g.firstRow + g.rows.indexOf(code), 1);
    expect(
      ['OPERATING_PROFIT', 'GROSS_PROFIT', 'NET_SALES', 'SGA'].map((c) => nameCell(c).alignment?.indent ?? 0),
    ).toEqual([0, 1, 2, 1]);
    expect(nameCell('GROSS_PROFIT').font?.bold).toBe(true);
    expect(nameCell('NET_SALES').font?.bold).toBeFalsy();
    expect(g.cell('NET_SALES', 'FY2027-Q1').font?.bold).toBe(true);
    // Protected sheet: only leaf input cells unlocked.
    expect((ws as unknown as { sheetProtection: unknown }).sheetProtection).toMatchObject({ sheet: true });
    const locked = (row: string, column: string) => g.cell(row, column).protection?.locked !== false;
    expect(locked('NET_SALES', '2027-04')).toBe(false);
    expect(locked('SGA', '2027-06')).toBe(false);
    expect(locked('GROSS_PROFIT', '2027-04')).toBe(true);
    expect(locked('NET_SALES', 'FY2027-Q1')).toBe(true);
    expect(ws.getCell('A1').protection?.locked).not.toBe(false);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: g.firstRow - 1 });
    // The hidden sheet identifies the form, tenant and choices.
    expect(g.meta.state).toBe('veryHidden');
    const meta = Object.fromEntries(
      [2, 3, 4, 5, 6].map((r) => [g.meta.getCell(r, 1).text, g.meta.getCell(r, 2).text]),
    );
    expect(meta).toEqual({
      form_id: w.formId,
      form_code: 'SALES_PLAN',
      tenant: 'ekuseru',
      choices: JSON.stringify({ Department: 'SALES', Scenario: 'BUDGET' }),
      scale: '1000',
    });
    expect(g.meta.getCell(13 + 2, 2).value).toBe('1234567;0;0;1234567');
    // English labels on request; another choice gives that slice.
    const en = new ExcelJS.Workbook();
    await en.xlsx.load(
      (await downloadForm(w.admin, w.a, w.formId, {
        lang: 'en',
        choices: { Department: 'MANUFACTURING' },
      })) as unknown as ArrayBuffer,
    );
    const enSheet = en.getWorksheet('SALES_PLAN')!;
    expect(enSheet.getCell('A1').value).toBe('Sales plan');
    expect(enSheet.getCell('B3').value).toBe('Manufacturing (MANUFACTURING)');
    expect(enSheet.getCell('A5').value).toBe('Unit: thousands of yen (rounded half up)');
    expect((await gridOf(en)).cell('NET_SALES', '2027-04').value).toBe(0);
  });

  it('is refused to users who may not open the form and to other tenants', async () => {
    const bad = await w.user.binary('POST', url(), { choices: { Department: 'ADMINISTRATION' } });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).error.code).toBe('FORM_CHOICE_INVALID');
    const other = await w.adminB.binary('POST', `/t/${w.b}/api/model/forms/${w.formId}/xlsx`, {});
    expect(other.status).toBe(404);
  });
});

describe('upload', () => {
  it('previews the changes (1,234 and full-width digits accepted), then applies them all with history path excel and an audit entry', async () => {
    const file = await editWorkbook(await downloadForm(w.user, w.a, w.formId), [
      { row: 'NET_SALES', column: '2027-04', value: 2000 },
      { row: 'COST_OF_SALES', column: '2027-05', value: '１，２３４' },
      { row: 'SGA', column: '2027-06', value: '1,000.5' },
    ]);
    const before = await auditEntries(await w.db(), 'model.cube.write');
    w.user.lang = 'ja';
    const p = await preview(file);
    expect(p.status, p.text).toBe(200);
    expect(p.json.counts).toEqual({ cells: 20, changed: 3, errors: 0, conflicts: 0 });
    expect(p.json.changes).toEqual([
      {
        row: 'NET_SALES',
        column: '2027-04',
        rowName: { ja: '売上高', en: 'Net sales' },
        columnName: { ja: '2027年4月', en: 'Apr 2027' },
        cell: expect.stringMatching(/^B\d+$/) as string,
        old: 1_234_567,
        new: 2_000_000,
      },
      expect.objectContaining({ row: 'COST_OF_SALES', column: '2027-05', old: 0, new: 1_234_000 }),
      expect.objectContaining({ row: 'SGA', column: '2027-06', old: 0, new: 1_000_500 }),
    ]);
    expect(p.json.token).toEqual(expect.any(String));
    expect(await auditEntries(await w.db(), 'model.cube.write')).toHaveLength(before.length);
    const done = await apply(p.json.token!);
    expect(done.status, done.text).toBe(200);
    expect(done.json.changed).toBe(3);
    const f = await open();
    expect(value(f, 'NET_SALES', '2027-04')).toBe(2_000_000);
    expect(value(f, 'COST_OF_SALES', '2027-05')).toBe(1_234_000);
    expect(value(f, 'SGA', '2027-06')).toBe(1_000_500);
    const history = await w.admin.post<HistoryResponse>(`${w.base}/cubes/${w.cubeId}/history`, {
      cells: [{ Account: 'NET_SALES', Department: 'SALES', Period: '2027-04', Scenario: 'BUDGET' }],
    });
    expect(history.json.items[0]).toMatchObject({
      source: 'excel',
      oldValue: 1_234_567,
      newValue: 2_000_000,
    });
    const after = await auditEntries(await w.db(), 'model.cube.write');
    expect(after).toHaveLength(before.length + 1);
    expect(JSON.parse(after.at(-1)!.summary)).toMatchObject({ count: 3, source: 'excel' });
    // A token is used once.
    const again = await apply(p.json.token!);
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('FORM_XLSX_PREVIEW_EXPIRED');
  });

  it('reads past the total formulas: recalculated or stale, only the changed figure counts', async () => {
    const downloaded = await downloadForm(w.user, w.a, w.formId);
    const before = (await open()).values;
    // As exceljs leaves it: the figure changed, the totals' cached results stale.
    const stale = await editWorkbook(downloaded, [{ row: 'SGA', column: '2027-04', value: 40 }]);
    // As Excel saves it: the totals recalculated from the new figure.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(stale as unknown as ArrayBuffer);
    const g = await gridOf(wb);
    const recalc = (row: string, column: string, result: number) => {
      const cell = g.cell(row, column);
      const v = cell.value as ExcelJS.CellFormulaValue;
      expect(v.formula, `${row} × ${column}`).toEqual(expect.any(String));
      cell.value = { formula: v.formula, result };
    };
    // SGA is row 4, April column 0, Q1 column 3 (in 千円); its totals move by the same delta.
    const delta = 40 - before[4]![0]! / 1000;
    recalc('SGA', 'FY2027-Q1', before[4]![3]! / 1000 + delta);
    recalc('OPERATING_PROFIT', '2027-04', before[0]![0]! / 1000 - delta);
    recalc('OPERATING_PROFIT', 'FY2027-Q1', before[0]![3]! / 1000 - delta);
    const recalculated = Buffer.from(await wb.xlsx.writeBuffer());
    for (const file of [stale, recalculated]) {
      const p = await preview(file);
      expect(p.status, p.text).toBe(200);
      expect(p.json.counts).toMatchObject({ changed: 1, errors: 0, conflicts: 0 });
      expect(p.json.changes.map((c) => [c.row, c.column, c.old, c.new])).toEqual([
        ['SGA', '2027-04', before[4]![0], 40_000],
      ]);
    }
    const p = await preview(recalculated);
    expect((await apply(p.json.token!)).status).toBe(200);
    expect(value(await open(), 'OPERATING_PROFIT', '2027-04')).toBe(before[0]![0]! - 40_000);
  });

  it('refuses edits of totals and locked cells and text that is no number, per cell in ja and en, changing nothing', async () => {
    const file = await editWorkbook(await downloadForm(w.user, w.a, w.formId), [
      { row: 'NET_SALES', column: '2027-05', value: 10 },
      { row: 'GROSS_PROFIT', column: '2027-04', value: 999 },
      { row: 'NET_SALES', column: 'FY2027-Q1', value: 1 },
      { row: 'SGA', column: '2027-04', value: 'abc' },
    ]);
    const before = await cellsSnapshot();
    w.user.lang = 'ja';
    const ja = await preview(file);
    expect(ja.status).toBe(200);
    expect(ja.json.token).toBeNull();
    expect(ja.json.counts).toMatchObject({ changed: 1, errors: 3, conflicts: 0 });
    expect(ja.json.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      ['GROSS_PROFIT', '2027-04', 'xlsx_not_input'],
      ['NET_SALES', 'FY2027-Q1', 'xlsx_not_input'],
      ['SGA', '2027-04', 'xlsx_not_number'],
    ]);
    expect(ja.json.errors[0]!.message).toContain('入力できません');
    expect(ja.json.errors[2]!.message).toBe(
      '数値ではありません:「abc」（1234、1,234、▲1,234、全角数字を使えます）。',
    );
    w.user.lang = 'en';
    const en = await preview(file);
    expect(en.json.errors[0]!.message).toBe(
      'This cell cannot be entered (a total, a read-only, locked or closed cell, or no write right): it must keep its downloaded value 1,500.',
    );
    expect(await cellsSnapshot()).toBe(before);
    const forged = await apply('not-a-token');
    expect(forged.status).toBe(409);
    expect(await cellsSnapshot()).toBe(before);
  });

  it('shows cells someone else changed since the download as conflicts (theirs / yours) and writes none of them', async () => {
    const downloaded = await downloadForm(w.user, w.a, w.formId);
    const saved = await w.admin.post(`${w.base}/forms/${w.formId}/cells`, {
      cells: [{ row: 'NET_SALES', column: '2027-06', value: 7000 }],
    });
    expect(saved.status).toBe(200);
    const conflicting = await editWorkbook(downloaded, [
      { row: 'NET_SALES', column: '2027-06', value: 8 },
      { row: 'SGA', column: '2027-04', value: 3 },
    ]);
    const p = await preview(conflicting);
    expect(p.json.token).toBeNull();
    expect(p.json.conflicts).toEqual([
      expect.objectContaining({ row: 'NET_SALES', column: '2027-06', base: 0, theirs: 7000, yours: 8000 }),
    ]);
    expect(p.json.counts).toMatchObject({ changed: 1, conflicts: 1 });
    // Not touching that cell, the same file applies: the other user's figure stays.
    const fine = await editWorkbook(downloaded, [{ row: 'SGA', column: '2027-04', value: 3 }]);
    const ok = await preview(fine);
    expect(ok.json.counts).toMatchObject({ changed: 1, conflicts: 0, errors: 0 });
    expect((await apply(ok.json.token!)).json.changed).toBe(1);
    const f = await open();
    expect(value(f, 'NET_SALES', '2027-06')).toBe(7000);
    expect(value(f, 'SGA', '2027-04')).toBe(3000);
    // Someone saves the cell between the preview and the apply: the apply writes nothing.
    const racing = await preview(
      await editWorkbook(await downloadForm(w.user, w.a, w.formId), [
        { row: 'COST_OF_SALES', column: '2027-06', value: 9 },
        { row: 'SGA', column: '2027-05', value: 8 },
      ]),
    );
    expect(racing.json.token).toEqual(expect.any(String));
    await w.admin.post(`${w.base}/forms/${w.formId}/cells`, {
      cells: [{ row: 'SGA', column: '2027-05', value: 1 }],
    });
    const before = await cellsSnapshot();
    const late = await apply(racing.json.token!);
    expect([late.status, late.json.error.code]).toEqual([409, 'FORM_XLSX_HAS_ERRORS']);
    expect(late.json.error.issues).toEqual([
      {
        path: expect.stringMatching(/^C\d+$/) as string,
        code: 'xlsx_conflict',
        message: expect.any(String) as string,
      },
    ]);
    expect(await cellsSnapshot()).toBe(before);
  });

  it('refuses a file of another form or tenant, a changed hidden sheet and garbage with a clear 4xx', async () => {
    const file = await downloadForm(w.user, w.a, w.formId);
    const other = await w.admin.post<{ object: { id: string } }>(`${w.base}/forms`, {
      code: 'OTHER_PLAN',
      nameJa: '別の計画',
      nameEn: 'Other plan',
      definition: PLAN_FORM,
    });
    const wrongForm = await preview(file, w.admin, other.json.object.id);
    expect(wrongForm.status).toBe(400);
    expect(wrongForm.json.error.code).toBe('FORM_XLSX_OTHER_FORM');
    expect(wrongForm.json.error.message).toContain('SALES_PLAN');
    // Another tenant's admin does not reach the form at all.
    const foreign = await postBytes<ErrorJson>(
      ts,
      w.adminB,
      `/t/${w.b}/api/model/forms/${w.formId}/xlsx/preview`,
      file,
      XLSX,
    );
    expect(foreign.status).toBe(404);
    // The hidden sheet edited (a base value, the tenant): refused.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    wb.getWorksheet('yosan')!.getCell(4, 2).value = 'ekuseru2';
    const tampered = await preview(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(tampered.json.error.code).toBe('FORM_XLSX_TAMPERED');
    // No hidden sheet, not a workbook, not a file, too big.
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('x').addRow([1, 2]);
    const noMeta = await preview(Buffer.from(await plain.xlsx.writeBuffer()));
    expect([noMeta.status, noMeta.json.error.code]).toEqual([400, 'FORM_XLSX_NOT_FORM']);
    const garbage = await preview(Buffer.from('this is not a workbook'));
    expect([garbage.status, garbage.json.error.code]).toEqual([400, 'XLSX_UNREADABLE']);
    const json = await w.user.post<ErrorJson>(url('/preview'), { file: 'x' });
    expect(json.status).toBe(415);
    const big = await preview(Buffer.alloc(6 * 1024 * 1024, 1));
    expect(big.status).toBe(413);
  });
});

describe('forms whose totals take input', () => {
  it('unlocks total input cells in the download and spreads an uploaded total over its leaves', async () => {
    const put = await w.admin.request('PUT', `${w.base}/forms/${w.formId}`, {
      definition: { ...PLAN_FORM, input: 'all' },
    });
    expect(put.status, put.text).toBe(200);
    const file = await downloadForm(w.user, w.a, w.formId);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const g = await gridOf(wb);
    expect(g.cell('GROSS_PROFIT', '2027-06').protection?.locked).toBe(false);
    const before = (await open()).values;
    const p = await preview(
      await editWorkbook(file, [{ row: 'GROSS_PROFIT', column: '2027-06', value: 100 }]),
    );
    expect(p.json.counts).toMatchObject({ changed: 1, errors: 0, conflicts: 0 });
    expect((await apply(p.json.token!)).status).toBe(200);
    const f = await open();
    expect(value(f, 'GROSS_PROFIT', '2027-06')).toBe(100_000);
    expect(f.values).not.toEqual(before);
  });
});

describe('rights', () => {
  it('leaves out what the user may not read, names included, exactly as the form on screen', async () => {
    await w.grant({
      objects: [
        { objectId: w.cubeId, access: 'write' },
        { objectId: w.formId, access: 'write' },
      ],
      elements: [{ dimensionId: w.dims['Account'], element: 'GROSS_PROFIT', access: 'write' }],
    });
    // Operating profit has a hidden leaf (SGA), so it is hidden whole and left out like SGA itself.
    const screen = (await w.user.post<OpenFormResponse>(`${w.base}/forms/${w.formId}/open`, {})).json;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await downloadForm(w.user, w.a, w.formId, { lang: 'ja' })) as unknown as ArrayBuffer);
    const g = await gridOf(wb);
    expect(g.rows).toEqual(screen.rows.map((r) => r.code));
    expect(g.rows).toEqual(['GROSS_PROFIT', 'NET_SALES', 'COST_OF_SALES']);
    const texts: string[] = [];
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => texts.push(c.text)));
    expect(texts.join('|')).not.toContain('販売費');
    await w.grant({
      objects: [
        { objectId: w.cubeId, access: 'write' },
        { objectId: w.formId, access: 'write' },
      ],
      elements: [],
    });
  });
});
