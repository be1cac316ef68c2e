import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { AppError } from '../errors/app-error.js';

/** The largest .xlsx upload accepted (same as a CSV file, 5 MiB). */
export const MAX_XLSX_BYTES = 5 * 1024 * 1024;
/** What the workbook may unpack to (all parts together) and how many parts it may have. */
const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;
const MAX_PARTS = 2_000;
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A cell the reader could not turn into text: the row gets this error (a `fields.*` code). */
export interface XlsxCellIssue {
  /** 0-based column index. */
  column: number;
  code: 'formula_no_value' | 'cell_error';
  params: Record<string, string>;
}

export interface XlsxRecords {
  sheet: string;
  /** Header first; blank rows dropped; every row as long as the header. */
  records: string[][];
  /** Record index (0 = header) → cells that could not be read. */
  issues: Map<number, XlsxCellIssue[]>;
}

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Checks the zip container before Excel parsing: a readable zip with a workbook part, at most
 * `MAX_PARTS` parts, unpacking to at most `MAX_UNPACKED_BYTES` — counted while really inflating
 * every part (a zip bomb's declared sizes are not trusted). Throws `XLSX_UNREADABLE` /
 * `XLSX_TOO_LARGE`.
 */
async function inspectZip(bytes: Buffer): Promise<void> {
  if (bytes.length > MAX_XLSX_BYTES) throw new AppError('XLSX_TOO_LARGE', { params: { max: 5 } });
  if (bytes.subarray(0, 8).equals(OLE))
    // Excel 97–2003 (.xls) or a password-protected workbook
    throw new AppError('XLSX_UNREADABLE', { internal: 'OLE compound file' });
  const tooLarge = new AppError('XLSX_TOO_LARGE', { params: { max: 5 } });
  const workbook = await new Promise<boolean>((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err) return reject(err);
      let found = false;
      let total = 0;
      let parts = 0;
      let done = false;
      const fail = (e: Error) => {
        if (done) return;
        done = true;
        zip.close();
        reject(e);
      };
      zip.on('error', fail);
      zip.on('entry', (e: yauzl.Entry) => {
        if (++parts > MAX_PARTS) return fail(tooLarge);
        if (e.fileName === 'xl/workbook.xml') found = true;
        if (e.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(e, (err2, stream) => {
          if (err2) return fail(err2);
          stream.on('data', (chunk: Buffer) => {
            total += chunk.length;
            if (total > MAX_UNPACKED_BYTES) {
              stream.destroy();
              fail(tooLarge);
            }
          });
          stream.on('error', fail);
          stream.on('end', () => zip.readEntry());
        });
      });
      zip.on('end', () => resolve(found));
      zip.readEntry();
    });
  }).catch((e: unknown) => {
    if (e instanceof AppError) throw e;
    throw new AppError('XLSX_UNREADABLE', { internal: e instanceof Error ? e.message : String(e) });
  });
  if (!workbook) throw new AppError('XLSX_UNREADABLE', { internal: 'no xl/workbook.xml' });
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A date cell as a user reads it in a code column: 2026-04-01 (with the time if it has one). */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  if (h === 0 && m === 0 && s === 0) return day;
  return `${day} ${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`;
}

/**
 * A number as Excel shows it in a plain cell: integers in full, other numbers with at most
 * 15 significant digits (so 0.1+0.2 reads 0.3); a "0000" format keeps its leading zeros (001).
 */
function numberText(n: number, numFmt: string | undefined): string {
  if (!Number.isFinite(n)) return String(n);
  if (numFmt && /^0+$/.test(numFmt) && Number.isInteger(n) && n >= 0)
    return String(n).padStart(numFmt.length, '0');
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  return String(Number(n.toPrecision(15)));
}

type Plain = number | string | boolean | Date | { error: string } | null | undefined;

function plainText(v: Plain, numFmt: string | undefined): string | { error: string } {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v, numFmt);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return dateText(v);
  return { error: String(v.error) };
}

/** One cell as text, or the reason it cannot be read. */
export function cellText(cell: ExcelJS.Cell): string | Omit<XlsxCellIssue, 'column'> {
  const v = cell.value;
  const numFmt = cell.numFmt;
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('hyperlink' in v) {
      const t = (v as { text?: unknown }).text;
      if (typeof t === 'string') return t;
      if (t && typeof t === 'object' && 'richText' in t)
        return (t as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
      return '';
    }
    if ('formula' in v || 'sharedFormula' in v) {
      const f = v as ExcelJS.CellFormulaValue;
      if (f.result === undefined)
        return { code: 'formula_no_value', params: { formula: `=${String(f.formula ?? '')}`.slice(0, 60) } };
      const r = plainText(f.result, numFmt);
      return typeof r === 'string' ? r : { code: 'cell_error', params: { value: r.error } };
    }
    if ('error' in v) return { code: 'cell_error', params: { value: String(v.error) } };
  }
  const r = plainText(v, numFmt);
  return typeof r === 'string' ? r : { code: 'cell_error', params: { value: r.error } };
}

/**
 * An uploaded workbook, after the zip checks of `inspectZip`. Throws `XLSX_UNREADABLE` (not a
 * workbook, damaged, .xls or encrypted) and `XLSX_TOO_LARGE`.
 */
export async function loadXlsx(bytes: Buffer): Promise<ExcelJS.Workbook> {
  await inspectZip(bytes);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new AppError('XLSX_UNREADABLE', { internal: e instanceof Error ? e.message : String(e) });
  }
  return wb;
}

/**
 * Reads the first visible worksheet whose first non-blank row `isHeader` accepts, as text
 * records (header first), with per-cell issues for formulas without a saved value and error
 * cells. Throws `XLSX_UNREADABLE` (not a workbook, damaged), `XLSX_TOO_LARGE` and
 * `XLSX_SHEET_NOT_FOUND` (no sheet with the expected header).
 */
export async function readXlsxRecords(
  bytes: Buffer,
  isHeader: (cells: readonly string[]) => boolean,
  expected: string,
  maxRows: number,
): Promise<XlsxRecords> {
  const wb = await loadXlsx(bytes);
  const sheets = wb.worksheets.filter((ws) => ws.state !== 'hidden' && ws.state !== 'veryHidden');
  for (const ws of sheets) {
    const rows: { cells: string[]; issues: XlsxCellIssue[] }[] = [];
    let width = 0;
    let tooMany = false;
    ws.eachRow({ includeEmpty: false }, (row) => {
      if (tooMany) return;
      const cells: string[] = [];
      const issues: XlsxCellIssue[] = [];
      const n = width || row.cellCount;
      for (let c = 1; c <= n; c++) {
        const t = cellText(row.getCell(c));
        if (typeof t === 'string') cells.push(t);
        else {
          cells.push('');
          issues.push({ column: c - 1, ...t });
        }
      }
      if (!issues.length && cells.every((x) => x.trim() === '')) return;
      if (rows.length === 0) {
        while (cells.length && (cells[cells.length - 1] ?? '').trim() === '') cells.pop();
        width = cells.length;
      }
      rows.push({ cells, issues });
      if (rows.length > maxRows + 1) tooMany = true;
    });
    const header = rows[0];
    if (!header || !isHeader(header.cells)) continue;
    if (tooMany) throw new AppError('CSV_TOO_MANY_ROWS', { params: { max: maxRows } });
    const issues = new Map<number, XlsxCellIssue[]>();
    rows.forEach((r, i) => {
      if (r.issues.length) issues.set(i, r.issues);
    });
    return { sheet: ws.name, records: rows.map((r) => r.cells), issues };
  }
  throw new AppError('XLSX_SHEET_NOT_FOUND', {
    params: { sheets: sheets.map((s) => `"${s.name.slice(0, 31)}"`).join(', ') || '-', columns: expected },
  });
}
