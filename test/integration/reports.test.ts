import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormDefinition } from '../../src/modules/model/definitions.js';
import { formCodec } from '../../src/modules/model/form-codec.js';
import type { FormListItem, FormView, OpenFormResponse } from '../../src/modules/model/form-schemas.js';
import type { FormXlsxPreview } from '../../src/modules/model/form-xlsx-schemas.js';
import { modelDb } from '../../src/modules/model/tables.js';
import { downloadForm, gridOf } from '../support/form-xlsx.js';
import { auditEntries, modelWorld, type ErrorJson, type ModelWorld } from '../support/model.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { postBytes } from '../support/tenant-admin.js';

/**
 * Reports (issue 7) over HTTP on the configured database, on the demo package: budget,
 * forecast and actuals side by side with variance amount and %, drilling into a consolidated
 * row, and both under a reader's cell rights (a computed cell needs both source cells).
 */
let ts: TestServer;
let w: ModelWorld;
const base = '/t/repo/api/model';
const ids: Record<string, string> = {};
let report = '';
let inputForm = '';
let group = '';

type Open = OpenFormResponse & ErrorJson;
const open = (body: unknown = {}, c = w.admin) => c.post<Open>(`${base}/forms/${report}/open`, body);
const cell = (res: { json: Open }, row: string, column: string) =>
  res.json.values[res.json.rows.findIndex((r) => r.code === row)]?.[
    res.json.columns.findIndex((c) => c.code === column)
  ];

beforeAll(async () => {
  ts = await startTestServer();
  w = await modelWorld(ts, 'repo', 'repo2');
  const list = await w.admin.get<{ demo: { packageId: string } }>(`${base}/packages`);
  const installed = await w.admin.post<{ ids: { code: string; id: string }[] }>(
    `${base}/packages/available/${list.json.demo.packageId}/install`,
  );
  for (const i of installed.json.ids) ids[i.code] = i.id;
  report = ids['PL_VARIANCE']!;
  inputForm = ids['BUDGET_INPUT']!;
  const g = await w.admin.post<{ group: { id: string } }>('/t/repo/api/admin/groups', {
    name: '営業',
    description: '',
  });
  group = g.json.group.id;
  await w.admin.post(`/t/repo/api/admin/groups/${group}/members`, { userIds: [w.userId] });
});
afterAll(async () => {
  await ts?.stop();
});

describe('the demo budget-vs-actual report', () => {
  it('shows budget, forecast and actuals side by side with variance amount and %', async () => {
    const res = await open({ choices: { Department: 'ALL_DEPARTMENTS', Period: 'FY2027' } });
    expect(res.status).toBe(200);
    expect(res.json.type).toBe('report');
    expect(res.json.columns.map((c) => c.code)).toEqual([
      'BUDGET',
      'FORECAST',
      'ACTUAL',
      'VARIANCE',
      'VARIANCE_PCT',
      'FORECAST_VARIANCE',
      'FORECAST_VARIANCE_PCT',
    ]);
    expect(res.json.columns[4]).toMatchObject({
      name: { ja: '差異率（実績÷予算）', en: 'Variance % (actual vs budget)' },
      computed: { kind: 'ratio', of: 'ACTUAL', base: 'BUDGET' },
    });
    expect(res.json.columns[3]?.computed).toBeUndefined();
    for (const row of ['NET_SALES', 'SGA', 'OPERATING_PROFIT']) {
      const b = cell(res, row, 'BUDGET') as number;
      const f = cell(res, row, 'FORECAST') as number;
      const a = cell(res, row, 'ACTUAL') as number;
      expect(cell(res, row, 'VARIANCE')).toBeCloseTo(a - b, 6);
      expect(cell(res, row, 'VARIANCE_PCT')).toBeCloseTo((a - b) / Math.abs(b), 12);
      expect(cell(res, row, 'FORECAST_VARIANCE')).toBeCloseTo(f - b, 6);
      expect(cell(res, row, 'FORECAST_VARIANCE_PCT')).toBeCloseTo((f - b) / Math.abs(b), 12);
    }
    // Full year: six months of actuals against twelve of budget; the forecast is revised down.
    expect(cell(res, 'NET_SALES', 'VARIANCE_PCT')).toBeLessThan(-0.4);
    expect(cell(res, 'NET_SALES', 'FORECAST_VARIANCE_PCT')).toBeLessThan(0);
    expect(cell(res, 'NET_SALES', 'FORECAST_VARIANCE_PCT')).toBeGreaterThan(-0.05);
    expect(res.json.input.flat().some(Boolean)).toBe(false);
  });

  it('has no % where the budget is 0 (the sales department has no cost of sales)', async () => {
    const res = await open({ choices: { Department: 'SALES' } });
    expect(cell(res, 'COST_OF_SALES', 'BUDGET')).toBe(0);
    expect(cell(res, 'COST_OF_SALES', 'VARIANCE')).toBe(0);
    expect(cell(res, 'COST_OF_SALES', 'VARIANCE_PCT')).toBeNull();
    expect(cell(res, 'NET_SALES', 'VARIANCE_PCT')).not.toBeNull();
  });
});

describe('drilling', () => {
  it('shows a consolidated row with its children, the computed columns included', async () => {
    const res = await open({ drill: { row: 'GROSS_PROFIT' } });
    expect(res.status).toBe(200);
    expect(res.json.rows.map((r) => [r.code, r.depth, r.leaf])).toEqual([
      ['GROSS_PROFIT', 0, false],
      ['NET_SALES', 1, true],
      ['COST_OF_SALES', 1, true],
    ]);
    const whole = await open();
    for (const row of ['GROSS_PROFIT', 'NET_SALES'])
      expect(cell(res, row, 'VARIANCE_PCT')).toBe(cell(whole, row, 'VARIANCE_PCT'));
    const top = await open({ drill: { row: 'OPERATING_PROFIT' }, choices: { Period: 'FY2027-Q1' } });
    expect(top.json.rows.map((r) => r.code)).toEqual(['OPERATING_PROFIT', 'GROSS_PROFIT', 'SGA']);
  });

  it('refuses leaves, unknown elements and input forms, in ja and en', async () => {
    const leaf = await open({ drill: { row: 'NET_SALES' } });
    expect(leaf.status).toBe(400);
    expect(leaf.json.error.code).toBe('FORM_DRILL_INVALID');
    expect(leaf.json.error.message).toContain('NET_SALES');
    w.admin.lang = 'ja';
    const ja = await open({ drill: { row: 'NOPE' } });
    w.admin.lang = 'en';
    expect(ja.json.error.message).toContain('ドリルダウン');
    const input = await w.admin.post<ErrorJson>(`${base}/forms/${inputForm}/open`, {
      drill: { row: 'GROSS_PROFIT' },
    });
    expect(input.json.error.code).toBe('FORM_DRILL_INVALID');
    expect((await open({ drill: { row: 'GROSS_PROFIT', extra: 1 } })).status).toBe(400);
  });
});

describe('rights', () => {
  const grant = (elements: { dimension: string; element: string }[]) =>
    w.admin.request<ErrorJson>('PUT', `${base}/rights/groups/${group}`, {
      objects: [
        { objectId: report, access: 'read' },
        { objectId: ids['PL'], access: 'read' },
      ],
      elements: elements.map((e) => ({ dimensionId: ids[e.dimension], element: e.element, access: 'read' })),
    });

  it('shows a computed cell only where both source cells are readable', async () => {
    expect(
      (
        await grant([
          { dimension: 'Scenario', element: 'BUDGET' },
          { dimension: 'Scenario', element: 'ACTUAL' },
        ])
      ).status,
    ).toBe(200);
    const res = await open({}, w.user);
    expect(res.status).toBe(200);
    // FORECAST is hidden, and so is VARIANCE (a total of BUDGET and ACTUAL, but not itself
    // granted) and every forecast variance; the actual-vs-budget % needs only BUDGET and ACTUAL.
    expect(res.json.columns.map((c) => c.code)).toEqual(['BUDGET', 'ACTUAL', 'VARIANCE_PCT']);
    const admin = await open();
    expect(cell(res, 'NET_SALES', 'VARIANCE_PCT')).toBe(cell(admin, 'NET_SALES', 'VARIANCE_PCT'));
  });

  it('drills only into rows the reader may see', async () => {
    await grant([{ dimension: 'Account', element: 'NET_SALES' }]);
    const res = await open({}, w.user);
    expect(res.json.rows.map((r) => r.code)).toEqual(['NET_SALES']);
    expect(res.json.columns.map((c) => c.code)).toContain('VARIANCE_PCT');
    const hidden = await open({ drill: { row: 'GROSS_PROFIT' } }, w.user);
    expect(hidden.status).toBe(400);
    expect(hidden.json.error.code).toBe('FORM_DRILL_INVALID');
    await grant([{ dimension: 'Account', element: 'GROSS_PROFIT' }]);
    const drilled = await open({ drill: { row: 'GROSS_PROFIT' } }, w.user);
    expect(drilled.json.rows.map((r) => r.code)).toEqual(['GROSS_PROFIT', 'NET_SALES', 'COST_OF_SALES']);
    expect(cell(drilled, 'COST_OF_SALES', 'VARIANCE_PCT')).toEqual(expect.any(Number));
  });
});

describe('computed members in definitions', () => {
  const definition = async () => (await w.admin.get<FormView>(`${base}/forms/${report}`)).json.definition!;

  it('refuses them on input forms and with a clashing code, with ja/en issues', async () => {
    const def = await definition();
    const bad: FormDefinition = {
      ...def,
      type: 'input',
      input: 'leaves',
      columns: {
        ...def.columns,
        computed: [{ ...def.columns.computed![0]!, code: 'ACTUAL' }],
      },
    };
    const res = await w.admin.request<ErrorJson>('PUT', `${base}/forms/${report}`, { definition: bad });
    expect(res.status).toBe(400);
    expect(res.json.error.issues).toEqual([
      {
        path: '/definition/columns/computed/0',
        code: 'form_computed_report_only',
        message: 'Computed members (variance, %) are for reports only.',
      },
      {
        path: '/definition/columns/computed/0/code',
        code: 'form_computed_code_taken',
        message: 'The code ACTUAL is already used on this axis (by an element or another computed member).',
      },
    ]);
  });

  it('are stored, audited, listed as a report and carried by the package codec', async () => {
    const def = await definition();
    const next: FormDefinition = {
      ...def,
      columns: {
        ...def.columns,
        computed: [
          ...(def.columns.computed ?? []),
          {
            code: 'ACT_VS_FC',
            name: { ja: '実績−見込', en: 'Actual − forecast' },
            kind: 'difference',
            of: 'ACTUAL',
            base: 'FORECAST',
          },
        ],
      },
    };
    const res = await w.admin.request<FormView & ErrorJson>('PUT', `${base}/forms/${report}`, {
      definition: next,
    });
    expect(res.status).toBe(200);
    expect(res.json.definition?.columns.computed).toHaveLength(4);
    const audit = await auditEntries(await w.db(), 'model.form.update');
    expect(JSON.parse(audit.at(-1)!.summary).changes[0]).toContain(
      'ACT_VS_FC = difference(ACTUAL, FORECAST)',
    );
    const opened = await open({ choices: { Period: 'FY2027' } });
    expect(opened.json.columns.at(-1)?.code).toBe('ACT_VS_FC');
    const list = await w.admin.get<{ items: FormListItem[] }>(`${base}/forms`);
    expect(list.json.items.find((i) => i.object.code === 'PL_VARIANCE')?.type).toBe('report');
    const exported = await formCodec.export(modelDb(await w.db()), report, false);
    expect(exported.columns.computed?.map((c) => c.code)).toEqual([
      'VARIANCE_PCT',
      'FORECAST_VARIANCE',
      'FORECAST_VARIANCE_PCT',
      'ACT_VS_FC',
    ]);
  });
});

describe('a report as .xlsx', () => {
  it('writes variance % as a percentage (not in the amount unit) and takes the file back unchanged', async () => {
    const body = { choices: { Department: 'ALL_DEPARTMENTS', Period: 'FY2027' } };
    const file = await downloadForm(w.admin, 'repo', report, body);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const grid = await gridOf(wb);
    const res = await open(body);
    // Variances are formulas over their sources (issue 18): % from the two columns, the amount
    // (a Scenario element, ACTUAL − BUDGET) as a ±1 sum; the values as computed are cached.
    const at = (column: string) => grid.cell('NET_SALES', column).address;
    const pct = grid.cell('NET_SALES', 'VARIANCE_PCT');
    expect(pct.numFmt).toContain('%');
    const pctValue = pct.value as ExcelJS.CellFormulaValue;
    expect(pctValue.formula).toBe(
      `IF(${at('BUDGET')}=0,"",(${at('ACTUAL')}-${at('BUDGET')})/ABS(${at('BUDGET')}))`,
    );
    expect(pctValue.result).toBeCloseTo(cell(res, 'NET_SALES', 'VARIANCE_PCT') as number, 9);
    const amount = grid.cell('NET_SALES', 'VARIANCE');
    expect(amount.numFmt).not.toContain('%');
    const amountValue = amount.value as ExcelJS.CellFormulaValue;
    expect(amountValue.formula).toBe(`${at('ACTUAL')}-${at('BUDGET')}`);
    expect(amountValue.result).toBeCloseTo(
      (cell(res, 'NET_SALES', 'VARIANCE') as number) / res.json.format.scale,
      6,
    );
    const p = await postBytes<FormXlsxPreview & ErrorJson>(
      ts,
      w.admin,
      `${base}/forms/${report}/xlsx/preview`,
      file,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(p.status).toBe(200);
    expect(p.json.errors).toEqual([]);
    expect(p.json.changes).toEqual([]);
  });
});
