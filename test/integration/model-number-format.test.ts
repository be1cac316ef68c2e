import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CubeView } from '../../src/modules/model/cube-schemas.js';
import type { FormDefinition } from '../../src/modules/model/definitions.js';
import type { FormView, OpenFormResponse } from '../../src/modules/model/form-schemas.js';
import type { NumberFormatSetting } from '../../src/modules/model/number-format-settings.js';
import { downloadForm, gridOf } from '../support/form-xlsx.js';
import { auditEntries, modelWorld, type ErrorJson, type ModelWorld } from '../support/model.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * The tenant's default number format (issue 18 point 2) over HTTP on the configured database:
 * org admins only, audited in the change's transaction, bad input refused in ja and en, and
 * forms without a format of their own opened in the tenant's default.
 */
let ts: TestServer;
let w: ModelWorld;
const base = '/t/nfmt/api/model';
const url = `${base}/number-format`;

const definition: FormDefinition = {
  cube: 'PL',
  type: 'input',
  rows: { dimension: 'Department', members: [{ element: 'ALL_DEPARTMENTS', select: 'children' }] },
  columns: { dimension: 'Account', members: [{ element: 'NET_SALES', select: 'self' }] },
  fixed: [{ dimension: 'Scenario', element: 'BUDGET', userSelectable: false }],
  input: 'leaves',
  readOnly: [],
};

beforeAll(async () => {
  ts = await startTestServer();
  w = await modelWorld(ts, 'nfmt', 'nfmt2');
  const res = await w.admin.post<{ items: { object: { id: string; code: string } }[] }>(
    `${base}/standard-dimensions`,
    { fiscalYear: 2027 },
  );
  const dims = Object.fromEntries(res.json.items.map((i) => [i.object.code, i.object.id]));
  await w.admin.post<CubeView>(`${base}/cubes`, {
    code: 'PL',
    nameJa: '損益計画',
    nameEn: 'P&L plan',
    dimensionIds: [dims['Account'], dims['Department'], dims['Scenario']],
  });
});
afterAll(async () => {
  await ts?.stop();
});

describe('tenant default number format', () => {
  it('starts as the built-in default (千円, half up, minus)', async () => {
    const res = await w.admin.get<NumberFormatSetting>(url);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ format: { scale: 1000, decimals: 0, currency: 'JPY' }, builtIn: true });
  });

  it('is for org admins only, and for their own tenant', async () => {
    const body = { format: { scale: 1, decimals: 0, currency: 'JPY' } };
    expect((await w.user.get<ErrorJson>(url)).status).toBe(403);
    expect((await w.user.request<ErrorJson>('PUT', url, body)).status).toBe(403);
    expect([401, 403, 404]).toContain((await w.adminB.request<ErrorJson>('PUT', url, body)).status);
    expect(await auditEntries(await w.db(), 'model.number_format.update')).toHaveLength(0);
    expect((await w.admin.get<NumberFormatSetting>(url)).json.builtIn).toBe(true);
  });

  it('refuses bad input with 400 in ja and en, changing nothing', async () => {
    for (const format of [
      { scale: 1000, decimals: 0, currency: 'JPY', rounding: 'floor' },
      { scale: 1000, decimals: 0, currency: 'JPY', negative: '▲' },
      { scale: 100, decimals: 0, currency: 'JPY' },
      { scale: 1000, decimals: 7, currency: 'JPY' },
      { scale: 1000, decimals: 0, currency: 'USD' },
    ]) {
      w.admin.lang = 'en';
      const en = await w.admin.request<ErrorJson>('PUT', url, { format });
      expect(en.status).toBe(400);
      expect(en.json.error.code).toBe('VALIDATION_FAILED');
      expect(en.json.error.message).toMatch(/not valid/);
      w.admin.lang = 'ja';
      const ja = await w.admin.request<ErrorJson>('PUT', url, { format });
      expect(ja.status).toBe(400);
      expect(ja.json.error.message).toMatch(/入力内容/);
    }
    w.admin.lang = 'en';
    expect((await w.admin.request<ErrorJson>('PUT', url, { nope: 1 })).status).toBe(400);
    expect(await auditEntries(await w.db(), 'model.number_format.update')).toHaveLength(0);
  });

  it('sets the default with an audit entry, and forms without a format use it', async () => {
    const created = await w.admin.post<FormView>(`${base}/forms`, {
      code: 'OWNLESS',
      nameJa: '書式なし',
      nameEn: 'No format',
      definition,
    });
    expect(created.status).toBe(201);
    expect(created.json.definition?.format).toBeUndefined();
    const own = await w.admin.post<FormView>(`${base}/forms`, {
      code: 'OWN',
      nameJa: '書式あり',
      nameEn: 'Own format',
      definition: {
        ...definition,
        format: { scale: 1, decimals: 0, currency: 'JPY', rounding: 'up', negative: 'parentheses' },
      },
    });
    expect(own.json.definition?.format).toEqual({
      scale: 1,
      decimals: 0,
      currency: 'JPY',
      rounding: 'up',
      negative: 'parentheses',
    });
    const openFormat = async (id: string) =>
      (await w.admin.post<OpenFormResponse>(`${base}/forms/${id}/open`, {})).json.format;
    expect(await openFormat(created.json.object.id)).toEqual({ scale: 1000, decimals: 0, currency: 'JPY' });

    const format = { scale: 1_000_000, decimals: 1, currency: 'JPY', rounding: 'down', negative: 'triangle' };
    const put = await w.admin.request<NumberFormatSetting>('PUT', url, { format });
    expect(put.status).toBe(200);
    expect(put.json).toEqual({ format, builtIn: false });
    expect((await w.admin.get<NumberFormatSetting>(url)).json).toEqual({ format, builtIn: false });
    const entries = await auditEntries(await w.db(), 'model.number_format.update');
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.summary)).toEqual({ before: 'built-in', after: format });

    expect(await openFormat(created.json.object.id)).toEqual(format);
    expect((await openFormat(own.json.object.id)).negative).toBe('parentheses');
    // the other tenant keeps the built-in default
    expect((await w.adminB.get<NumberFormatSetting>('/t/nfmt2/api/model/number-format')).json.builtIn).toBe(
      true,
    );

    const again = await w.admin.request<NumberFormatSetting>('PUT', url, {
      format: { ...format, negative: 'whiteTriangle' },
    });
    expect(again.json.format.negative).toBe('whiteTriangle');
    const after = await auditEntries(await w.db(), 'model.number_format.update');
    expect(after).toHaveLength(2);
    expect(JSON.parse(after[1]!.summary).before).toEqual(format);
  });

  it('states the unit label and the negative style in the form’s Excel file (exact values in the unit)', async () => {
    const forms = await w.admin.get<{ items: { object: { id: string; code: string } }[] }>(`${base}/forms`);
    const id = forms.json.items.find((f) => f.object.code === 'OWNLESS')!.object.id;
    await w.admin.post(`${base}/forms/${id}/cells`, {
      cells: [{ row: 'SALES', column: 'NET_SALES', value: -1_234_567 }],
    });
    for (const [lang, label] of [
      ['ja', '単位：百万円（十万円未満切り捨て）'],
      ['en', 'Unit: millions of yen (rounded down)'],
    ] as const) {
      w.admin.lang = lang;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await downloadForm(w.admin, 'nfmt', id)) as unknown as ArrayBuffer);
      const g = await gridOf(wb);
      const unitRow = g.firstRow - 3;
      expect(g.sheet.getCell(unitRow, 1).text).toBe(label);
      const cell = g.cell('SALES', 'NET_SALES');
      expect(cell.numFmt).toBe('#,##0.0;"△"#,##0.0');
      expect(cell.value).toBe(-1.234567);
    }
    w.admin.lang = 'en';
  });
});
