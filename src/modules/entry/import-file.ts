import { CsvError, parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { decodeCsv } from '../../platform/csv/decode.js';
import { AppError } from '../../platform/errors/app-error.js';

/** The largest actuals file accepted (CSV or .xlsx). */
export const MAX_ACTUALS_BYTES = 64 * 1024 * 1024;
/** At most this many data rows in one file. */
export const MAX_ACTUALS_ROWS = 2_000_000;

/** An uploaded file as text cells: the header row and the data rows (blank rows dropped). */
export interface ImportTable {
  format: 'csv' | 'xlsx';
  encoding: 'utf-8-bom' | 'utf-8' | 'shift_jis' | 'xlsx';
  headers: string[];
  rows: string[][];
  /** 1-based line (CSV) or sheet row (xlsx) of each data row, for error messages. */
  lines: number[];
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Reads a CSV (UTF-8 with or without BOM, or Shift_JIS) or an .xlsx workbook (first visible sheet). */
export async function readImportFile(bytes: Buffer): Promise<ImportTable> {
  if (bytes.length === 0) throw new AppError('CSV_EMPTY');
  const table = bytes.subarray(0, 4).equals(ZIP) ? await readXlsx(bytes) : readCsv(bytes);
  if (table.rows.length > MAX_ACTUALS_ROWS)
    throw new AppError('CSV_TOO_MANY_ROWS', { params: { max: MAX_ACTUALS_ROWS } });
  return table;
}

function readCsv(bytes: Buffer): ImportTable {
  const { text, encoding } = decodeCsv(bytes);
  let records: string[][];
  try {
    const parsed: unknown = parse(text, { relax_column_count: true, bom: true });
    records = parsed as string[][];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 0;
      throw new AppError('CSV_MALFORMED', { params: { line }, internal: error.message });
    }
    throw error;
  }
  const headers: string[] = [];
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as string[];
    if (isBlank(r)) continue;
    if (headers.length === 0 && rows.length === 0) headers.push(...r);
    else {
      rows.push(r);
      lines.push(i + 1);
    }
  }
  return finish({ format: 'csv', encoding, headers, rows, lines });
}

const isBlank = (r: readonly string[]) => {
  for (const c of r) if (c.trim() !== '') return false;
  return true;
};

function finish(t: ImportTable): ImportTable {
  if (t.headers.length === 0 || t.rows.length === 0) throw new AppError('CSV_EMPTY');
  return t;
}

/** What a workbook may unpack to, as its zip directory declares it (a zip bomb is refused unread). */
const MAX_UNPACKED = 512 * 1024 * 1024;
const MAX_PARTS = 5000;

function checkZip(bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const unreadable = (e: unknown) =>
      reject(
        new AppError('IMPORT_FILE_UNREADABLE', { internal: e instanceof Error ? e.message : String(e) }),
      );
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err) return unreadable(err);
      let total = 0;
      let parts = 0;
      zip.on('error', unreadable);
      zip.on('entry', (e: yauzl.Entry) => {
        total += e.uncompressedSize;
        if (++parts > MAX_PARTS || total > MAX_UNPACKED) {
          zip.close();
          return unreadable('workbook too large when unpacked');
        }
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.readEntry();
    });
  });
}

async function readXlsx(bytes: Buffer): Promise<ImportTable> {
  await checkZip(bytes);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new AppError('IMPORT_FILE_UNREADABLE', { internal: e instanceof Error ? e.message : String(e) });
  }
  const ws = wb.worksheets.find((w) => w.state !== 'hidden' && w.state !== 'veryHidden');
  if (!ws) throw new AppError('CSV_EMPTY');
  const headers: string[] = [];
  const rows: string[][] = [];
  const lines: number[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const width = headers.length || row.cellCount;
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    if (isBlank(cells)) return;
    if (headers.length === 0) headers.push(...cells);
    else {
      rows.push(cells);
      lines.push(n);
    }
  });
  return finish({ format: 'xlsx', encoding: 'xlsx', headers, rows, lines });
}

/** A cell as text: numbers in full (at most 15 significant digits), formulas by their saved result. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('result' in v) return v.result === undefined ? '' : cellText(v.result);
  if ('text' in v && typeof v.text === 'string') return v.text;
  if ('error' in v) return String(v.error);
  return '';
}
