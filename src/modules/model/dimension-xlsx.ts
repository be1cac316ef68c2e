import ExcelJS from 'exceljs';
import type { Dimension } from '../../engine/index.js';
import { expectedColumns, namesAnyColumn, tableFromRecords } from '../../platform/csv/table.js';
import type { Locale } from '../../platform/i18n/index.js';
import { readXlsxRecords } from '../../platform/xlsx/read.js';
import {
  COLUMNS,
  HEADER,
  MAX_DIMENSION_ROWS,
  dimensionRows,
  type Col,
  type ImportTable,
} from './dimension-csv.js';

/** A worksheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(code: string): string {
  const s = code.replace(/[:\\/?*[\]]/g, '_').slice(0, 31);
  return s || 'Dimension';
}

const WIDTHS = [20, 28, 28, 20, 10];

/**
 * The .xlsx export: the same columns and rows as the CSV export (header in `lang`),
 * codes and names as text cells, the weight as a number, the header bold and frozen.
 */
export async function exportDimensionXlsx(dim: Dimension, code: string, lang: Locale): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yosan';
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const ws = wb.addWorksheet(sheetName(code), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = HEADER[lang].map((header, i) => ({
    header,
    width: WIDTHS[i] ?? 16,
    // Codes stay text when the user edits the sheet (001 is not turned into 1).
    style: i === 4 ? {} : { numFmt: '@' },
  }));
  ws.getRow(1).font = { bold: true };
  for (const r of dimensionRows(dim)) ws.addRow([r.code, r.nameJa, r.nameEn, r.parent, r.weight ?? null]);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out);
}

/**
 * Reads an uploaded .xlsx (the first sheet with our header, ja or en) into the same table
 * the CSV import uses; formula cells count with their saved value, and a formula without one
 * or an error cell (#N/A…) is an error of its row.
 */
export async function parseDimensionXlsx(bytes: Buffer): Promise<ImportTable> {
  const read = await readXlsxRecords(
    bytes,
    (cells) => namesAnyColumn(cells, COLUMNS),
    expectedColumns(COLUMNS),
    MAX_DIMENSION_ROWS,
  );
  const table = tableFromRecords(read.records, COLUMNS, MAX_DIMENSION_ROWS, false);
  const cellIssues = new Map<number, { column: Col; code: string; params: Record<string, string> }[]>();
  for (const [record, issues] of read.issues) {
    if (record === 0) continue; // the header is read as text; an unreadable header cell fails the header check
    cellIssues.set(
      record,
      issues.map((x) => ({ column: table.keys[x.column] ?? 'code', code: x.code, params: x.params })),
    );
  }
  return { table, cellIssues };
}
