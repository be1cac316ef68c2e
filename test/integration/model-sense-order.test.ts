import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormDefinition } from '../../src/modules/model/definitions.js';
import type { DimensionDetail } from '../../src/modules/model/dimension-schemas.js';
import type { FormView, OpenFormResponse } from '../../src/modules/model/form-schemas.js';
import { varianceVerdict } from '../../src/modules/model/variance-sense.js';
import {
  addActualsReport,
  downloadForm,
  formXlsxWorld,
  gridOf,
  PLAN_FORM,
  type FormXlsxWorld,
} from '../support/form-xlsx.js';
import { auditEntries, type ErrorJson } from '../support/model.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * Variance by sense and statement order (issue 18 points 3 and 4) over HTTP on the configured
 * database: the standard accounts' sense, changed by the model admin (audited), exposed on each
 * row of a report; a form's total rows below their details on screen, in the Excel download,
 * the CSV and a drilled report, and forms without the option as before.
 */
let ts: TestServer;
let w: FormXlsxWorld;
let reportId = '';

const REPORT: FormDefinition = {
  ...PLAN_FORM,
  type: 'report',
  columns: {
    dimension: 'Scenario',
    members: [
      { element: 'BUDGET', select: 'self' },
      { element: 'ACTUAL', select: 'self' },
    ],
    computed: [
      {
        code: 'DIFF',
        name: { ja: '差異', en: 'Variance' },
        kind: 'difference',
        of: 'ACTUAL',
        base: 'BUDGET',
      },
    ],
  },
  fixed: [
    { dimension: 'Department', element: 'SALES', userSelectable: false },
    { dimension: 'Period', element: '2027-04', userSelectable: false },
  ],
  input: 'none',
};
const PL_ORDER = ['NET_SALES', 'COST_OF_SALES', 'GROSS_PROFIT', 'SGA', 'OPERATING_PROFIT'];
const TOP_DOWN = ['OPERATING_PROFIT', 'GROSS_PROFIT', 'NET_SALES', 'COST_OF_SALES', 'SGA'];

type Open = OpenFormResponse & ErrorJson;
const open = (id: string, body: object = {}) => w.user.post<Open>(`${w.base}/forms/${id}/open`, body);
const account = () => w.admin.get<DimensionDetail>(`${w.base}/dimensions/${w.dims['Account']}`);
const senses = async () => Object.fromEntries((await account()).json.elements.map((e) => [e.code, e.sense]));
const setTotals = async (id: string, def: FormDefinition, totals?: 'above' | 'below') => {
  const { totals: _drop, ...rest } = def;
  return w.admin.request<FormView & ErrorJson>('PUT', `${w.base}/forms/${id}`, {
    definition: totals ? { ...rest, totals } : rest,
  });
};

beforeAll(async () => {
  ts = await startTestServer();
  w = await formXlsxWorld(ts, 'sense', 'sense2');
  reportId = await addActualsReport(
    w,
    {
      code: 'PL_SENSE',
      nameJa: '予実（科目の向き）',
      nameEn: 'Budget vs actual by sense',
      definition: REPORT,
    },
    { NET_SALES: 1_500_000, COST_OF_SALES: 400_000 },
  );
});
afterAll(async () => {
  await ts?.stop();
});

describe('the sense of accounts', () => {
  it('is down for the costs of the standard P&L, up for sales and profits', async () => {
    expect(await senses()).toEqual({
      OPERATING_PROFIT: 'up',
      GROSS_PROFIT: 'up',
      NET_SALES: 'up',
      COST_OF_SALES: 'down',
      SGA: 'down',
    });
  });

  it('is changed by the model admin (audited), a new account under a cost starts as one, others may not', async () => {
    const url = `${w.base}/dimensions/${w.dims['Account']}/changes`;
    const res = await w.admin.post<DimensionDetail & ErrorJson>(url, {
      changes: [
        { op: 'add', code: 'RENT', nameJa: '地代家賃', nameEn: 'Rent', parent: 'SGA' },
        { op: 'sense', code: 'GROSS_PROFIT', sense: 'down' },
      ],
    });
    expect(res.status, res.text).toBe(200);
    expect(await senses()).toMatchObject({ RENT: 'down', GROSS_PROFIT: 'down', NET_SALES: 'up' });
    const entry = (await auditEntries(await w.db(), 'model.dimension.edit')).at(-1)!;
    expect(JSON.parse(entry.summary)).toMatchObject({
      changes: [
        { op: 'add', code: 'RENT' },
        { op: 'sense', code: 'GROSS_PROFIT', sense: 'down' },
      ],
    });
    const back = await w.admin.post(url, { changes: [{ op: 'sense', code: 'GROSS_PROFIT', sense: 'up' }] });
    expect(back.status).toBe(200);
    expect((await senses())['GROSS_PROFIT']).toBe('up');
    expect(
      (await w.admin.post(url, { changes: [{ op: 'sense', code: 'SGA', sense: 'sideways' }] })).status,
    ).toBe(400);
    const unknown = await w.admin.post<ErrorJson>(url, {
      changes: [{ op: 'sense', code: 'NOPE', sense: 'up' }],
    });
    expect(unknown.status).toBe(400);
    expect((await w.user.post(url, { changes: [{ op: 'sense', code: 'SGA', sense: 'up' }] })).status).toBe(
      403,
    );
    expect((await senses())['SGA']).toBe('down');
  });

  it('is on every given row and column of a report, so an underspend on costs reads favourable', async () => {
    const res = await open(reportId);
    expect(res.status, res.text).toBe(200);
    const row = (code: string) => res.json.rows.findIndex((r) => r.code === code);
    const diff = res.json.columns.findIndex((c) => c.code === 'DIFF');
    expect(res.json.rows.map((r) => [r.code, r.sense])).toEqual(
      expect.arrayContaining([
        ['NET_SALES', 'up'],
        ['COST_OF_SALES', 'down'],
        ['SGA', 'down'],
        ['RENT', 'down'],
      ]),
    );
    expect(res.json.columns.map((c) => c.sense)).toEqual(['up', 'up', undefined]);
    const verdict = (code: string) => {
      const r = res.json.rows[row(code)]!;
      return varianceVerdict(res.json.values[row(code)]![diff]!, r.sense);
    };
    // Sales 1,500,000 vs 1,234,567: up, favourable; cost of sales 400,000 vs 500,000: an underspend.
    expect(res.json.values[row('COST_OF_SALES')]![diff]).toBe(-100_000);
    expect(verdict('NET_SALES')).toBe('favourable');
    expect(verdict('COST_OF_SALES')).toBe('favourable');
    expect(verdict('SGA')).toBe('neutral');
  });
});

describe('statement order', () => {
  it('keeps forms without the option as they were: totals above their details', async () => {
    const res = await open(w.formId);
    expect(res.json.rows.map((r) => r.code)).toEqual([...TOP_DOWN, 'RENT']);
    expect((await w.admin.get<FormView>(`${w.base}/forms/${w.formId}`)).json.definition).not.toHaveProperty(
      'totals',
    );
  });

  it('puts totals below their details on screen, in Excel and in CSV once the form says so (audited)', async () => {
    const saved = await setTotals(w.formId, PLAN_FORM, 'below');
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json.definition?.totals).toBe('below');
    const entry = (await auditEntries(await w.db(), 'model.form.update')).at(-1)!;
    expect(JSON.parse(entry.summary).changes).toContain('total rows: above → below');
    const order = ['NET_SALES', 'COST_OF_SALES', 'GROSS_PROFIT', 'RENT', 'SGA', 'OPERATING_PROFIT'];
    const res = await open(w.formId);
    expect(res.json.rows.map((r) => r.code)).toEqual(order);
    // Depth and rollups follow the rows: 売上総利益 still sums 売上高 − 売上原価 at its new place.
    const gp = res.json.rows.findIndex((r) => r.code === 'GROSS_PROFIT');
    expect(res.json.rows[0]!.rollup).toEqual(
      expect.arrayContaining([
        { index: gp, weight: 1 },
        { index: order.length - 1, weight: 1 },
      ]),
    );
    expect(res.json.rows.map((r) => r.depth)).toEqual([2, 2, 1, 2, 1, 0]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await downloadForm(w.user, w.a, w.formId)) as unknown as ArrayBuffer);
    expect((await gridOf(wb)).rows).toEqual(order);
    const csv = await w.user.binary('POST', `${w.base}/forms/${w.formId}/csv`, { lang: 'ja' });
    expect(csv.status).toBe(200);
    const codes = csv.body
      .subarray(3)
      .toString('utf8')
      .split('\r\n')
      .slice(2, -1)
      .map((l) => l.split(',')[0]);
    expect(codes).toEqual(order);
  });

  it('applies to a drilled report (children, then their total) and goes back when unset', async () => {
    expect((await setTotals(reportId, REPORT, 'below')).status).toBe(200);
    const drilled = await open(reportId, { drill: { row: 'GROSS_PROFIT' } });
    expect(drilled.json.rows.map((r) => r.code)).toEqual(['NET_SALES', 'COST_OF_SALES', 'GROSS_PROFIT']);
    expect((await open(reportId)).json.rows.map((r) => r.code).slice(0, 5)).toEqual(
      PL_ORDER.slice(0, 3).concat(['RENT', 'SGA']),
    );
    expect((await setTotals(reportId, REPORT)).status).toBe(200);
    expect((await open(reportId)).json.rows.map((r) => r.code)[0]).toBe('OPERATING_PROFIT');
  });

  it('refuses an unknown position', async () => {
    const bad = await w.admin.request<ErrorJson>('PUT', `${w.base}/forms/${w.formId}`, {
      definition: { ...PLAN_FORM, totals: 'middle' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('VALIDATION_FAILED');
  });
});
