import ExcelJS from 'exceljs';
import type { UserTable } from '../../platform/db/types.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { formatInZone } from '../../platform/time/zoned.js';
import type { NumberFormat } from './definitions.js';
import { sheetName } from './dimension-xlsx.js';
import { formDownloadNames, openFormDownload, type FormDownloadNames } from './form-download.js';
import type { OpenFormResponse } from './form-schemas.js';
import { writeMeta, type FormXlsxMeta } from './form-xlsx-meta.js';
import { gridFormulas, type ChildrenOf } from './form-xlsx-formulas.js';
import { isRatio } from './form-xlsx-plan.js';
import { excelNumberFormat, unitLabel } from './number-format.js';

/**
 * A form as an Excel workbook (issue 7, "Excel, CSV"): the grid the user would see on screen
 * (built from `openForm`, so rights masking is identical: hidden cells empty, unreadable rows and
 * columns left out) as real number cells in the form's unit, with a header (form name, fixed
 * choices, unit), indented row names, totals in bold, frozen panes and sheet protection that
 * leaves ONLY the input cells unlocked; plus the hidden meta sheet (`form-xlsx-meta.ts`).
 * Total and variance cells are formulas over the cells as written, with the computed value as
 * their cached result (`form-xlsx-formulas.ts`), so the totals follow a figure changed offline.
 */
const LABELS = {
  ja: { downloaded: '出力日時' },
  en: { downloaded: 'Downloaded' },
} as const;

const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF7D6' } };
const HIDDEN_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF1F5' } };

/**
 * The Excel number format of a form's decimals and negative style (`#,##0;"▲"#,##0` …). The cell
 * holds the exact value in the unit; Excel's display rounds half up whatever the form's rounding.
 */
export const numberFormat = (format: NumberFormat): string => excelNumberFormat(format);

/** The yen value as the number shown in the form's unit (1,234,567 yen → 1234.567 in 千円). */
export const inUnit = (yen: number, scale: number) => yen / scale;

const PERCENT_FORMAT = '0.0%;[Red]-0.0%';

export interface FormWorkbook {
  bytes: Buffer;
  /** `<form name>_<choices>_<YYYYMMDD>.xlsx` in the language, and its ASCII stand-in (codes). */
  names: FormDownloadNames;
}

export async function exportFormXlsx(
  deps: AppDeps,
  ctx: TenantContext,
  user: UserTable,
  id: string,
  choices: Record<string, string>,
  lang: Locale,
  drill?: string,
): Promise<FormWorkbook> {
  const { form, rowChildren, columnChildren } = await openFormDownload(ctx, user, id, choices, drill);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yosan';
  const sheet = sheetName(form.form.code);
  const ws = wb.addWorksheet(sheet);
  const at = formatInZone(deps.clock().toISOString(), ctx.tenant.time_zone);
  const firstRow = writeGrid(ws, form, lang, at, { rowChildren, columnChildren });
  const firstColumn = 2;
  ws.views = [{ state: 'frozen', xSplit: firstColumn - 1, ySplit: firstRow - 1 }];
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  });
  const meta: FormXlsxMeta = {
    formId: form.form.id,
    formCode: form.form.code,
    tenant: ctx.tenant.slug,
    choices: Object.fromEntries(form.fixed.map((f) => [f.dimension, f.element])),
    scale: form.format.scale,
    sheet,
    firstRow,
    firstColumn,
    rows: form.rows.map((r) => r.code),
    columns: form.columns.map((c) => c.code),
    base: form.values.map((line) => line.map((v) => (v === null ? '' : String(v)))),
  };
  await writeMeta(wb, meta, deps.secret);
  return {
    bytes: Buffer.from(await wb.xlsx.writeBuffer()),
    names: formDownloadNames(form, lang, at, 'xlsx', drill),
  };
}

/**
 * Writes the header and the grid; returns the sheet row of the grid's first value row. With the
 * hierarchies of the row and column dimensions, totals and variances are written as formulas.
 */
export function writeGrid(
  ws: ExcelJS.Worksheet,
  form: OpenFormResponse,
  lang: Locale,
  at: string,
  hierarchy?: { rowChildren: ChildrenOf; columnChildren: ChildrenOf },
): number {
  const l = LABELS[lang];
  const dimName = (code: string) => form.dimensionNames[code]?.[lang] ?? code;
  ws.getCell(1, 1).value = form.form.name[lang];
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(2, 1).value = form.form.code;
  ws.getCell(2, 2).value = `${l.downloaded} ${at.slice(0, 16).replace('T', ' ')}`;
  let r = 3;
  for (const f of form.fixed) {
    ws.getCell(r, 1).value = dimName(f.dimension);
    ws.getCell(r, 2).value = `${f.name[lang]} (${f.element})`;
    r++;
  }
  ws.getCell(r, 1).value = unitLabel(form.format, lang);
  r += 2;
  const header = ws.getRow(r);
  header.getCell(1).value = `${dimName(form.rowDimension)} \\ ${dimName(form.columnDimension)}`;
  form.columns.forEach((c, j) => {
    const cell = header.getCell(2 + j);
    cell.value = c.name[lang];
    cell.alignment = { horizontal: 'right', wrapText: true };
  });
  for (let j = 1; j <= form.columns.length + 1; j++) {
    const cell = header.getCell(j);
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = { bottom: { style: 'thin' } };
  }
  const first = r + 1;
  const numFmt = numberFormat(form.format);
  const firstColumn = 2;
  const formulas = hierarchy
    ? gridFormulas(form, hierarchy.rowChildren, hierarchy.columnChildren, first, firstColumn)
    : [];
  form.rows.forEach((row, i) => {
    const line = ws.getRow(first + i);
    const name = line.getCell(1);
    name.value = row.name[lang];
    name.alignment = { indent: Math.min(row.depth, 15) };
    if (!row.leaf) name.font = { bold: true };
    form.columns.forEach((col, j) => {
      const cell = line.getCell(firstColumn + j);
      const v = form.values[i]?.[j] ?? null;
      const formula = formulas[i]?.[j] ?? null;
      cell.numFmt = numFmt;
      if (!row.leaf || !col.leaf) cell.font = { bold: true };
      if (v === null) {
        cell.fill = HIDDEN_FILL;
        return;
      }
      // A variance % (computed ratio) is a fraction, not an amount: no unit, a % format.
      if (isRatio(row, col)) {
        cell.numFmt = PERCENT_FORMAT;
        cell.value = formula === null ? v : { formula, result: v };
        return;
      }
      const shown = inUnit(v, form.format.scale);
      cell.value = formula === null ? shown : { formula, result: shown };
      if (form.input[i]?.[j]) {
        cell.protection = { locked: false };
        cell.fill = INPUT_FILL;
      }
    });
  });
  const longest = Math.max(12, ...form.rows.map((m) => m.name[lang].length * 2 + m.depth * 2));
  ws.getColumn(1).width = Math.min(60, longest);
  form.columns.forEach((_, j) => {
    ws.getColumn(2 + j).width = 14;
  });
  return first;
}
