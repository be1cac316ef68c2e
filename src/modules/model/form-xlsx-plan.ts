import type ExcelJS from 'exceljs';
import { translateDynamic, type Locale } from '../../platform/i18n/index.js';
import { parseAmount } from '../entry/amount.js';
import type { OpenFormResponse } from './form-schemas.js';
import type { FormXlsxMeta } from './form-xlsx-meta.js';
import type { XlsxCellError, XlsxChange, XlsxConflict } from './form-xlsx-schemas.js';

/**
 * Compares an uploaded form workbook with what was downloaded (the meta sheet's base values)
 * and with the form as it is now (`openForm` for the same user and choices). Pure.
 *
 * A cell is changed when its value (in the form's unit, times the scale) differs from its base.
 * A changed cell must be an input cell now (else an error: totals, read-only, locked, closed or
 * not permitted, hidden cells included), on the form now, and a number (`1,234`, full-width
 * digits, `▲500` accepted); if its server value moved since the download it is a conflict.
 * A formula in a total or variance cell (the download writes them so, `form-xlsx-formulas.ts`)
 * is not read at all: its value follows the figures it sums, and a total is not typed there
 * unless a number replaces the formula (then it counts as typed, as before).
 */
export interface XlsxPlan {
  cells: number;
  changes: (XlsxChange & { base: number | null })[];
  errors: XlsxCellError[];
  conflicts: XlsxConflict[];
}

/** Yen from a number in the form's unit, without binary noise (as the web grid does). */
export const toYen = (v: number, scale: number) => Math.round(v * scale * 1e6) / 1e6;
const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

const shown = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

type Read = { value: number | null } | { code: string; params: Record<string, string> };

const isFormula = (cell: ExcelJS.Cell): boolean => {
  const v: unknown = cell.value;
  return v !== null && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v);
};

/** A visible cell as a number in the form's unit (null = blank), or why it is not one. */
function readCell(cell: ExcelJS.Cell): Read {
  let v: unknown = cell.value;
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
    if ('formula' in v || 'sharedFormula' in v) {
      const f = v as ExcelJS.CellFormulaValue;
      if (f.result === undefined)
        return { code: 'formula_no_value', params: { formula: `=${String(f.formula ?? '')}`.slice(0, 60) } };
      v = f.result;
    }
  }
  if (v === null || v === undefined || v === '') return { value: null };
  if (typeof v === 'number')
    return Number.isFinite(v) ? { value: v } : { code: 'xlsx_not_number', params: {} };
  if (typeof v === 'object' && v !== null && 'error' in v)
    return { code: 'cell_error', params: { value: String(v.error) } };
  let text = '';
  if (typeof v === 'string') text = v;
  else if (typeof v === 'object' && v !== null && 'richText' in v)
    text = (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
  else return { code: 'xlsx_not_number', params: { value: String(cell.text).slice(0, 40) } };
  if (text.trim() === '') return { value: null };
  const n = parseAmount(text.trim());
  return n === undefined ? { code: 'xlsx_not_number', params: { value: text.slice(0, 40) } } : { value: n };
}

type AxisMember = OpenFormResponse['rows'][number];
/** A report's computed variance % cell (`computed.kind === 'ratio'` on its row or column). */
export const isRatio = (row: AxisMember | undefined, column: AxisMember | undefined): boolean =>
  row?.computed?.kind === 'ratio' || column?.computed?.kind === 'ratio';

export function planUpload(
  ws: ExcelJS.Worksheet,
  meta: FormXlsxMeta,
  now: OpenFormResponse,
  locale: Locale,
): XlsxPlan {
  const rowIx = new Map(now.rows.map((m, i) => [m.code, i]));
  const colIx = new Map(now.columns.map((m, i) => [m.code, i]));
  const plan: XlsxPlan = { cells: 0, changes: [], errors: [], conflicts: [] };
  meta.rows.forEach((row, i) => {
    const ri = rowIx.get(row);
    meta.columns.forEach((column, j) => {
      plan.cells++;
      const ci = colIx.get(column);
      const cell = ws.getCell(meta.firstRow + i, meta.firstColumn + j);
      const at = {
        row,
        column,
        rowName: ri === undefined ? { ja: row, en: row } : now.rows[ri]!.name,
        columnName: ci === undefined ? { ja: column, en: column } : now.columns[ci]!.name,
        cell: cell.address,
      };
      const error = (code: string, params: Record<string, string> = {}) =>
        plan.errors.push({ ...at, code, message: translateDynamic(locale, `fields.${code}`, params) });
      const r = ri === undefined ? undefined : now.rows[ri];
      const c = ci === undefined ? undefined : now.columns[ci];
      // A total or variance formula: derived from the other cells, never an entry of its own.
      if (isFormula(cell) && r && c && (!r.leaf || !c.leaf || r.computed || c.computed)) return;
      const raw = meta.base[i]?.[j] ?? '';
      const base = raw === '' ? null : Number(raw);
      const read = readCell(cell);
      if (!('value' in read)) return error(read.code, read.params);
      const ratio = isRatio(r, c);
      const yours =
        read.value === null ? (base === null ? null : 0) : ratio ? read.value : toYen(read.value, meta.scale);
      if (yours === null || (base !== null && same(yours, base))) return;
      if (ri === undefined || ci === undefined) return error('xlsx_not_on_form');
      // A cell that was hidden (empty, locked) at download is not for input in this file.
      if (base === null) return error('xlsx_hidden_cell');
      if (!now.input[ri]?.[ci]) return error('xlsx_not_input', { value: shown.format(base / meta.scale) });
      const theirs = now.values[ri]?.[ci] ?? null;
      if (theirs === null || !same(theirs, base)) {
        plan.conflicts.push({ ...at, base, theirs, yours });
        return;
      }
      plan.changes.push({ ...at, old: base, new: yours, base });
    });
  });
  return plan;
}
