import ExcelJS from 'exceljs';
import type { FormDefinition } from '../../src/modules/model/definitions.js';
import { entryWorld, type EntryWorld } from './entry.js';
import type { HttpsClient } from './https-client.js';
import type { TestServer } from './server.js';

/** A sales plan form over the PL cube: accounts (hierarchy) × three months and Q1, department chosen, budget. */
export const PLAN_FORM: FormDefinition = {
  cube: 'PL',
  type: 'input',
  rows: {
    dimension: 'Account',
    members: [
      { element: 'OPERATING_PROFIT', select: 'self' },
      { element: 'OPERATING_PROFIT', select: 'descendants' },
    ],
  },
  columns: {
    dimension: 'Period',
    members: [
      { element: '2027-04', select: 'self' },
      { element: '2027-05', select: 'self' },
      { element: '2027-06', select: 'self' },
      { element: 'FY2027-Q1', select: 'self' },
    ],
  },
  fixed: [
    {
      dimension: 'Department',
      element: 'SALES',
      userSelectable: true,
      choices: [
        { element: 'SALES', select: 'self' },
        { element: 'MANUFACTURING', select: 'self' },
      ],
    },
    { dimension: 'Scenario', element: 'BUDGET', userSelectable: false },
  ],
  input: 'leaves',
  readOnly: [],
  format: { scale: 1000, decimals: 0, currency: 'JPY' },
};

export interface FormXlsxWorld extends EntryWorld {
  formId: string;
}

/** The entry world, figures on the PL cube, the plan form, and write rights on both for the plain user. */
export async function formXlsxWorld(ts: TestServer, a: string, b: string): Promise<FormXlsxWorld> {
  const w = await entryWorld(ts, a, b);
  const at = (Account: string, Period: string) => ({
    Account,
    Department: 'SALES',
    Period,
    Scenario: 'BUDGET',
  });
  const cells = await w.admin.post(`${w.base}/cubes/${w.cubeId}/cells`, {
    cells: [
      { coords: at('NET_SALES', '2027-04'), value: 1_234_567 },
      { coords: at('COST_OF_SALES', '2027-04'), value: 500_000 },
      { coords: at('SGA', '2027-05'), value: 100_000 },
    ],
  });
  if (cells.status !== 200) throw new Error(`cells failed: ${cells.text}`);
  const form = await w.admin.post<{ object: { id: string } }>(`${w.base}/forms`, {
    code: 'SALES_PLAN',
    nameJa: '売上計画',
    nameEn: 'Sales plan',
    definition: PLAN_FORM,
  });
  if (form.status !== 201) throw new Error(`form failed: ${form.text}`);
  const formId = form.json.object.id;
  await w.grant({
    objects: [
      { objectId: w.cubeId, access: 'write' },
      { objectId: formId, access: 'write' },
    ],
    elements: [],
  });
  return { ...w, formId };
}

/**
 * Actual figures for April on SALES (`cells`, account → yen) and a report over the PL cube
 * (`definition`), readable by the plain user beside the cube and the plan form; its id.
 */
export async function addActualsReport(
  w: FormXlsxWorld,
  report: { code: string; nameJa: string; nameEn: string; definition: FormDefinition },
  cells: Record<string, number>,
): Promise<string> {
  const coords = (Account: string) => ({
    Account,
    Department: 'SALES',
    Period: '2027-04',
    Scenario: 'ACTUAL',
  });
  const written = await w.admin.post(`${w.base}/cubes/${w.cubeId}/cells`, {
    cells: Object.entries(cells).map(([account, value]) => ({ coords: coords(account), value })),
  });
  if (written.status !== 200) throw new Error(`cells failed: ${written.text}`);
  const made = await w.admin.post<{ object: { id: string } }>(`${w.base}/forms`, report);
  if (made.status !== 201) throw new Error(`report failed: ${made.text}`);
  const reportId = made.json.object.id;
  await w.grant({
    objects: [
      { objectId: w.cubeId, access: 'write' },
      { objectId: w.formId, access: 'write' },
      { objectId: reportId, access: 'read' },
    ],
    elements: [],
  });
  return reportId;
}

/** Downloads a form as .xlsx (status checked). */
export async function downloadForm(
  c: HttpsClient,
  slug: string,
  formId: string,
  body: object = {},
): Promise<Buffer> {
  const res = await c.binary('POST', `/t/${slug}/api/model/forms/${formId}/xlsx`, body);
  if (res.status !== 200) throw new Error(`download failed ${res.status}: ${res.text.slice(0, 300)}`);
  return res.body;
}

/** Where the grid of a downloaded workbook is, read from its hidden sheet. */
export async function gridOf(wb: ExcelJS.Workbook) {
  const meta = wb.getWorksheet('yosan');
  if (!meta) throw new Error('no meta sheet');
  const value = (key: string) => {
    for (let r = 1; r < 12; r++) if (meta.getCell(r, 1).text === key) return meta.getCell(r, 2).text;
    throw new Error(`no ${key}`);
  };
  const firstRow = Number(value('first_row'));
  const firstColumn = Number(value('first_column'));
  const rows: string[] = [];
  for (let r = 13; meta.getCell(r, 1).text !== ''; r++) rows.push(meta.getCell(r, 1).text);
  const columns: string[] = [];
  for (let c = 2; meta.getCell(12, c).text !== ''; c++) columns.push(meta.getCell(12, c).text);
  const sheet = wb.getWorksheet(value('sheet'))!;
  const cell = (row: string, column: string) => {
    const i = rows.indexOf(row);
    const j = columns.indexOf(column);
    if (i < 0 || j < 0) throw new Error(`no cell ${row} × ${column}`);
    return sheet.getCell(firstRow + i, firstColumn + j);
  };
  return { sheet, meta, rows, columns, firstRow, firstColumn, cell };
}

/** Sets cells of a downloaded workbook (by element codes) as a user would in Excel, and saves it. */
export async function editWorkbook(
  bytes: Buffer,
  edits: { row: string; column: string; value: ExcelJS.CellValue }[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const g = await gridOf(wb);
  for (const e of edits) g.cell(e.row, e.column).value = e.value;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
