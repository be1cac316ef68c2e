import type ExcelJS from 'exceljs';
import { canonicalJson } from '../../platform/audit/canonical.js';
import { hmac, safeEqual } from '../../platform/crypto/tokens.js';
import { AppError } from '../../platform/errors/app-error.js';

/**
 * The hidden sheet of a downloaded form workbook: which form, tenant and fixed choices it shows,
 * where its grid sits on the visible sheet, the element codes of every row and column, and
 * every cell's value as downloaded (yen, as text so no spreadsheet program rounds it; '' = a
 * cell the user may not read). A digest (HMAC with the installation secret) covers all of it,
 * so an upload can trust the codes and base values it finds there.
 */
export const META_SHEET = 'yosan';
const MAGIC = 'yosan-form-xlsx';
const VERSION = '1';
/** The row where the base-value table starts (its header: column codes). */
const TABLE_ROW = 12;
/**
 * Base values per meta cell: a row's values go `;`-separated into its cells B, C… (1,000 each,
 * well under Excel's 32,767 characters a cell) — one cell per grid cell made the file twice as
 * large and its writing twice as slow.
 */
const CHUNK = 1000;

export interface FormXlsxMeta {
  formId: string;
  formCode: string;
  tenant: string;
  /** Every fixed dimension's element as downloaded. */
  choices: Record<string, string>;
  scale: number;
  /** The visible sheet and where its grid's first value cell is (1-based). */
  sheet: string;
  firstRow: number;
  firstColumn: number;
  rows: string[];
  columns: string[];
  /** base[r][c]: the yen value as text (`String(n)`), '' for a hidden cell. */
  base: string[][];
}

const KEYS = ['form_id', 'form_code', 'tenant', 'choices', 'scale', 'sheet', 'first_row', 'first_column'];

export const metaDigest = (secret: string, m: FormXlsxMeta): string =>
  hmac(secret, canonicalJson({ v: VERSION, ...m }));

/** Writes the meta sheet (very hidden, protected) into the workbook. */
export async function writeMeta(wb: ExcelJS.Workbook, meta: FormXlsxMeta, secret: string): Promise<void> {
  const ws = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  const text = (cell: ExcelJS.Cell, v: string) => {
    cell.numFmt = '@';
    cell.value = v;
  };
  text(ws.getCell(1, 1), MAGIC);
  text(ws.getCell(1, 2), VERSION);
  const values = [
    meta.formId,
    meta.formCode,
    meta.tenant,
    JSON.stringify(meta.choices),
    String(meta.scale),
    meta.sheet,
    String(meta.firstRow),
    String(meta.firstColumn),
  ];
  KEYS.forEach((k, i) => {
    text(ws.getCell(2 + i, 1), k);
    text(ws.getCell(2 + i, 2), values[i] ?? '');
  });
  text(ws.getCell(2 + KEYS.length, 1), 'digest');
  text(ws.getCell(2 + KEYS.length, 2), metaDigest(secret, meta));
  text(ws.getCell(TABLE_ROW, 1), 'row \\ column');
  meta.columns.forEach((c, j) => text(ws.getCell(TABLE_ROW, 2 + j), c));
  meta.rows.forEach((r, i) => {
    text(ws.getCell(TABLE_ROW + 1 + i, 1), r);
    const line = meta.base[i] ?? [];
    for (let k = 0; k * CHUNK < line.length; k++)
      text(ws.getCell(TABLE_ROW + 1 + i, 2 + k), line.slice(k * CHUNK, (k + 1) * CHUNK).join(';'));
  });
  await ws.protect('', { selectLockedCells: true });
}

/** A cell of the meta sheet as the text written (spreadsheet programs may turn '1' into 1). */
function textOf(ws: ExcelJS.Worksheet, row: number, col: number): string {
  const v = ws.getCell(row, col).value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return '';
}

const notOurs = (reason: string) => new AppError('FORM_XLSX_NOT_FORM', { internal: reason });

/**
 * Reads and verifies the meta sheet: `FORM_XLSX_NOT_FORM` when there is none (or it is not
 * ours), `FORM_XLSX_TAMPERED` when anything in it differs from what was downloaded.
 */
export function readMeta(wb: ExcelJS.Workbook, secret: string): FormXlsxMeta {
  const ws = wb.getWorksheet(META_SHEET);
  if (!ws || textOf(ws, 1, 1) !== MAGIC) throw notOurs('no meta sheet');
  if (textOf(ws, 1, 2) !== VERSION) throw notOurs(`version ${textOf(ws, 1, 2)}`);
  const kv = Object.fromEntries(KEYS.map((k, i) => [k, textOf(ws, 2 + i, 2)]));
  KEYS.forEach((k, i) => {
    if (textOf(ws, 2 + i, 1) !== k) throw notOurs(`key ${k}`);
  });
  let choices: unknown;
  try {
    choices = JSON.parse(kv['choices'] ?? '');
  } catch {
    throw new AppError('FORM_XLSX_TAMPERED', { internal: 'choices' });
  }
  if (typeof choices !== 'object' || choices === null || Array.isArray(choices))
    throw new AppError('FORM_XLSX_TAMPERED', { internal: 'choices' });
  const columns: string[] = [];
  for (let j = 2; textOf(ws, TABLE_ROW, j) !== '' && columns.length <= 16_384; j++)
    columns.push(textOf(ws, TABLE_ROW, j));
  const rows: string[] = [];
  const base: string[][] = [];
  for (let i = TABLE_ROW + 1; textOf(ws, i, 1) !== '' && rows.length <= 1_048_576; i++) {
    rows.push(textOf(ws, i, 1));
    const line: string[] = [];
    for (let k = 0; k * CHUNK < columns.length; k++) line.push(...textOf(ws, i, 2 + k).split(';'));
    if (line.length !== columns.length) throw new AppError('FORM_XLSX_TAMPERED', { internal: `row ${i}` });
    base.push(line);
  }
  const meta: FormXlsxMeta = {
    formId: kv['form_id'] ?? '',
    formCode: kv['form_code'] ?? '',
    tenant: kv['tenant'] ?? '',
    choices: Object.fromEntries(Object.entries(choices).map(([k, v]) => [k, String(v)])),
    scale: Number(kv['scale']),
    sheet: kv['sheet'] ?? '',
    firstRow: Number(kv['first_row']),
    firstColumn: Number(kv['first_column']),
    rows,
    columns,
    base,
  };
  const digest = textOf(ws, 2 + KEYS.length, 2);
  if (!safeEqual(digest, metaDigest(secret, meta)))
    throw new AppError('FORM_XLSX_TAMPERED', { internal: 'digest' });
  return meta;
}
