import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenFormResponse } from '../../src/modules/model/form-schemas.js';
import type { FormXlsxPreview } from '../../src/modules/model/form-xlsx-schemas.js';
import { writeGrid } from '../../src/modules/model/form-xlsx.js';
import {
  downloadForm,
  editWorkbook,
  formXlsxWorld,
  gridOf,
  type FormXlsxWorld,
} from '../support/form-xlsx.js';
import type { ErrorJson } from '../support/model.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { postBytes } from '../support/tenant-admin.js';

/**
 * The downloaded form opens in LibreOffice (Debian's libreoffice-calc-nogui, installed by
 * `npm test`): converted to CSV it shows the header and the figures; a file edited and re-saved
 * by LibreOffice as .xlsx is accepted by the upload. (LibreOffice 7.4 keeps the meta sheet —
 * "veryHidden" becomes "hidden" —, its text cells, the sheet protection and the unlocked input cells.)
 * Totals stay alive offline: a figure changed, LibreOffice recalculating on load (a second
 * profile where OOXMLRecalcMode = 0, "always") gives totals that are the new sums — SUM, ±1 and
 * SUMPRODUCT formulas and report variances alike.
 */
const SOFFICE = '/usr/bin/soffice';
const run = promisify(execFile);
let ts: TestServer;
let w: FormXlsxWorld;
let dir = '';

/** A LibreOffice profile that recalculates every formula of a file it loads (xlsx and ods). */
function recalcProfile(): string {
  const profile = path.join(dir, 'recalc-profile');
  mkdirSync(path.join(profile, 'user'), { recursive: true });
  const mode = (name: string) =>
    `<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="${name}" oor:op="fuse"><value>0</value></prop></item>`;
  writeFileSync(
    path.join(profile, 'user', 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
${mode('OOXMLRecalcMode')}
${mode('ODFRecalcMode')}
</oor:items>
`,
  );
  return profile;
}

/** Runs LibreOffice headless with a private profile; returns the converted file's path. */
async function convert(
  file: string,
  to: string,
  outDir: string,
  profile = path.join(dir, 'profile'),
): Promise<string> {
  await run(
    SOFFICE,
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--norestore',
      '--convert-to',
      to,
      '--outdir',
      outDir,
      file,
    ],
    { timeout: 180_000 },
  );
  const out = path.join(outDir, `${path.basename(file, '.xlsx')}.${to.split(':')[0]}`);
  if (!existsSync(out)) throw new Error(`LibreOffice wrote no ${out}`);
  return out;
}

beforeAll(async () => {
  if (!existsSync(SOFFICE))
    throw new Error(
      'LibreOffice is missing: run "sudo apt-get install -y libreoffice-calc-nogui" (npm test does)',
    );
  dir = mkdtempSync(path.join(tmpdir(), 'yosan-lo-'));
  ts = await startTestServer();
  w = await formXlsxWorld(ts, 'ribure', 'ribure2');
});
afterAll(async () => {
  await ts?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('LibreOffice', () => {
  it('converts the downloaded workbook to CSV with its header and figures', async () => {
    const file = path.join(dir, 'form.xlsx');
    writeFileSync(file, await downloadForm(w.user, w.a, w.formId, { lang: 'ja' }));
    // UTF-8 (76), comma-separated, figures as shown (千円, grouped).
    const csv = readFileSync(await convert(file, 'csv:Text - txt - csv (StarCalc):44,34,76,1', dir), 'utf8');
    const lines = csv.split(/\r?\n/);
    expect(lines[0]).toBe('"売上計画",,,,');
    expect(lines).toContain('"部門","営業部 (SALES)",,,');
    expect(lines).toContain('"単位：千円（千円未満四捨五入）",,,,');
    expect(lines).toContain('"勘定科目 \\ 期間","2027年4月","2027年5月","2027年6月","2027年度 第1四半期"');
    // Row names (indented by cell format, not by spaces), figures in 千円 as the number format shows them.
    expect(lines).toContain('"営業利益",735,-100,0,635');
    expect(lines).toContain('"売上高","1,235",0,0,"1,235"');
    expect(lines).toContain('"販売費及び一般管理費",0,100,0,100');
  }, 240_000);

  it('recalculates the totals of a changed figure (SUM and ±1 formulas), and the upload takes the figure only', async () => {
    const file = path.join(dir, 'recalc.xlsx');
    const edited = await editWorkbook(await downloadForm(w.user, w.a, w.formId), [
      { row: 'NET_SALES', column: '2027-05', value: 1500 },
    ]);
    writeFileSync(file, edited);
    const out = await convert(file, 'xlsx:Calc MS Excel 2007 XML', path.join(dir, 'recalc'), recalcProfile());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const g = await gridOf(wb);
    const result = (row: string, column: string) => {
      const v = g.cell(row, column).value;
      expect(v, `${row} × ${column}`).toHaveProperty('formula');
      return (v as ExcelJS.CellFormulaValue).result;
    };
    // 千円: sales 1,234.567 (Apr) + 1,500 (May); costs 500 (Apr); SGA 100 (May).
    expect(result('GROSS_PROFIT', '2027-05')).toBe(1500);
    expect(result('OPERATING_PROFIT', '2027-05')).toBe(1400);
    expect(result('NET_SALES', 'FY2027-Q1')).toBeCloseTo(2734.567, 9);
    expect(result('GROSS_PROFIT', 'FY2027-Q1')).toBeCloseTo(2234.567, 9);
    expect(result('OPERATING_PROFIT', 'FY2027-Q1')).toBeCloseTo(2134.567, 9);
    expect(result('OPERATING_PROFIT', '2027-04')).toBeCloseTo(734.567, 9);
    // The recalculated file uploads as the one changed figure.
    const p = await postBytes<FormXlsxPreview & ErrorJson>(
      ts,
      w.user,
      `${w.base}/forms/${w.formId}/xlsx/preview`,
      readFileSync(out),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(p.status, p.text).toBe(200);
    expect(p.json.counts).toMatchObject({ changed: 1, errors: 0, conflicts: 0 });
    expect(p.json.changes.map((c) => [c.row, c.column, c.new])).toEqual([
      ['NET_SALES', '2027-05', 1_500_000],
    ]);
  }, 240_000);

  it('recalculates weighted totals (SUMPRODUCT) and report variances', async () => {
    // A synthetic grid: TOTAL = 0.5 × A + 2 × B − C (C not shown: its children C1, C2 are), and a
    // variance column (ACT − BUD, as amount and %) beside the two columns.
    const member = (
      code: string,
      leaf: boolean,
      computed?: { kind: 'difference' | 'ratio'; of: string; base: string },
    ) => ({
      code,
      name: { ja: code, en: code },
      depth: 0,
      leaf,
      rollup: [],
      ...(computed ? { computed } : {}),
    });
    const form = {
      form: { code: 'SYN', name: { ja: '合成', en: 'Synthetic' } },
      rowDimension: 'R',
      columnDimension: 'C',
      dimensionNames: {},
      fixed: [],
      rows: [
        member('TOTAL', false),
        member('A', true),
        member('B', true),
        member('C1', true),
        member('C2', true),
      ],
      columns: [
        member('BUD', true),
        member('ACT', true),
        member('DIFF', true, { kind: 'difference', of: 'ACT', base: 'BUD' }),
        member('PCT', true, { kind: 'ratio', of: 'ACT', base: 'BUD' }),
      ],
      format: { scale: 1000, decimals: 0, currency: 'JPY' },
    } as unknown as OpenFormResponse;
    // Yen: A 1,000/2,000, B 3,000/3,500, C1 500/700, C2 100/300.
    const cells = [
      [1000, 2000],
      [3000, 3500],
      [500, 700],
      [100, 300],
    ];
    const total = (k: number) => 0.5 * cells[0]![k]! + 2 * cells[1]![k]! - cells[2]![k]! - cells[3]![k]!;
    const lines = [[total(0), total(1)], ...cells].map(([bud, act]) => [
      bud!,
      act!,
      act! - bud!,
      (act! - bud!) / bud!,
    ]);
    form.values = lines;
    form.input = lines.map(() => [false, false, false, false]);
    const children: Record<string, { code: string; weight: number }[]> = {
      TOTAL: [
        { code: 'A', weight: 0.5 },
        { code: 'B', weight: 2 },
        { code: 'C', weight: -1 },
      ],
      C: [
        { code: 'C1', weight: 1 },
        { code: 'C2', weight: 1 },
      ],
    };
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('SYN');
    const first = writeGrid(ws, form, 'ja', '2027-04-01T09:00:00+09:00', {
      rowChildren: (code) => children[code] ?? [],
      columnChildren: () => [],
    });
    const at = (r: number, c: number) => ws.getCell(first + r, 2 + c);
    expect(at(0, 0).value).toEqual({
      formula: `SUMPRODUCT(B${first + 1}:B${first + 4},{0.5;2;-1;-1})`,
      result: total(0) / 1000,
    });
    expect(at(1, 2).value).toEqual({ formula: `C${first + 1}-B${first + 1}`, result: 1 });
    // A figure changed offline: A's budget 1,000 → 3 (千円).
    at(1, 0).value = 3;
    const file = path.join(dir, 'weighted.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const out = await convert(
      file,
      'xlsx:Calc MS Excel 2007 XML',
      path.join(dir, 'weighted'),
      recalcProfile(),
    );
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const sheet = back.getWorksheet('SYN')!;
    const result = (r: number, c: number) =>
      (sheet.getCell(first + r, 2 + c).value as ExcelJS.CellFormulaValue).result;
    const newTotal = 0.5 * 3 + 2 * 3 - 0.5 - 0.1;
    expect(result(0, 0)).toBeCloseTo(newTotal, 9);
    expect(result(0, 2)).toBeCloseTo(total(1) / 1000 - newTotal, 9);
    expect(result(0, 3)).toBeCloseTo((total(1) / 1000 - newTotal) / Math.abs(newTotal), 9);
    expect(result(1, 2)).toBeCloseTo(2 - 3, 9);
    expect(result(1, 3)).toBeCloseTo((2 - 3) / 3, 9);
  }, 240_000);

  it('accepts a file edited and re-saved by LibreOffice', async () => {
    const edited = path.join(dir, 'edited.xlsx');
    writeFileSync(
      edited,
      await editWorkbook(await downloadForm(w.user, w.a, w.formId), [
        { row: 'NET_SALES', column: '2027-05', value: 1500 },
        { row: 'SGA', column: '2027-06', value: '２５０' },
      ]),
    );
    const outDir = path.join(dir, 'resaved');
    const resaved = await convert(edited, 'xlsx:Calc MS Excel 2007 XML', outDir);
    const p = await postBytes<FormXlsxPreview & ErrorJson>(
      ts,
      w.user,
      `${w.base}/forms/${w.formId}/xlsx/preview`,
      readFileSync(resaved),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(p.status, p.text).toBe(200);
    expect(p.json.counts).toMatchObject({ changed: 2, errors: 0, conflicts: 0 });
    expect(p.json.changes.map((c) => [c.row, c.column, c.old, c.new])).toEqual([
      ['NET_SALES', '2027-05', 0, 1_500_000],
      ['SGA', '2027-06', 0, 250_000],
    ]);
    const done = await w.user.post<{ changed: number }>(`${w.base}/forms/${w.formId}/xlsx/apply`, {
      token: p.json.token,
    });
    expect(done.json.changed).toBe(2);
    const f = (await w.user.post<OpenFormResponse>(`${w.base}/forms/${w.formId}/open`, {})).json;
    expect(f.values[f.rows.findIndex((r) => r.code === 'NET_SALES')]?.[1]).toBe(1_500_000);
  }, 240_000);
});
