import { CsvError, parse } from 'csv-parse/sync';
import { AppError } from '../errors/app-error.js';

/** One column of an import file: its key and the header names accepted for it (ja and en). */
export interface CsvColumn<K extends string> {
  key: K;
  names: readonly string[];
  required: boolean;
}

export interface CsvTable<K extends string> {
  /** Columns present in the header, by key. */
  present: ReadonlySet<K>;
  /** Data rows (header excluded), as key → cell; row n is the n-th data row (1-based). */
  rows: Partial<Record<K, string>>[];
  /** The key of each column of the file, by position. */
  keys: readonly K[];
}

const norm = (s: string) =>
  s
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '');

/**
 * Parses CSV text with a header row in Japanese or English (any order). File-level
 * problems throw a clear error (`CSV_MALFORMED`, `CSV_HEADER_MISSING`,
 * `CSV_COLUMNS_UNKNOWN`, `CSV_COLUMNS_MISSING`, `CSV_ROW_COLUMNS`, `CSV_EMPTY`,
 * `CSV_TOO_MANY_ROWS`). Quoted cells may hold newlines; blank lines are skipped.
 */
export function parseCsvTable<K extends string>(
  text: string,
  columns: readonly CsvColumn<K>[],
  maxRows: number,
): CsvTable<K> {
  let records: string[][];
  try {
    const parsed: unknown = parse(text, { relax_column_count: true, skip_empty_lines: true, bom: true });
    records = parsed as string[][];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 0;
      throw new AppError('CSV_MALFORMED', { params: { line }, internal: error.message });
    }
    throw error;
  }
  return tableFromRecords(records, columns, maxRows);
}

/**
 * Maps already-split records (header first) to the columns, with the same file-level checks
 * as `parseCsvTable` (shared by the .xlsx reader, so both formats accept the same headers).
 */
export function tableFromRecords<K extends string>(
  input: readonly (readonly string[])[],
  columns: readonly CsvColumn<K>[],
  maxRows: number,
  dropBlank = true,
): CsvTable<K> {
  // Lines Excel leaves with only separators (",,,,") are blank lines too.
  const records = dropBlank ? input.filter((r) => r.some((c) => c.trim() !== '')) : input;
  const [header, ...data] = records;
  if (!header) throw new AppError('CSV_EMPTY');
  const byName = new Map<string, CsvColumn<K>>();
  for (const c of columns) for (const n of c.names) byName.set(norm(n), c);
  const keys: (K | undefined)[] = header.map((h) => byName.get(norm(h))?.key);
  const expected = columns.map((c) => c.names.join(' / ')).join(', ');
  if (!keys.some((k) => k !== undefined))
    throw new AppError('CSV_HEADER_MISSING', { params: { columns: expected } });
  const unknown = header.filter((_, i) => keys[i] === undefined);
  if (unknown.length)
    throw new AppError('CSV_COLUMNS_UNKNOWN', {
      params: { columns: unknown.map((u) => `"${u.slice(0, 50)}"`).join(', '), expected },
    });
  const present = new Set(keys as K[]);
  if (present.size !== keys.length)
    throw new AppError('CSV_COLUMNS_UNKNOWN', {
      params: { columns: header.filter((h, i) => keys.indexOf(keys[i]) !== i).join(', '), expected },
    });
  const missing = columns.filter((c) => c.required && !present.has(c.key));
  if (missing.length)
    throw new AppError('CSV_COLUMNS_MISSING', {
      params: { columns: missing.map((c) => c.names.join(' / ')).join(', ') },
    });
  if (data.length === 0) throw new AppError('CSV_EMPTY');
  if (data.length > maxRows) throw new AppError('CSV_TOO_MANY_ROWS', { params: { max: maxRows } });
  const rows = data.map((cells, i) => {
    if (cells.length !== header.length)
      throw new AppError('CSV_ROW_COLUMNS', {
        params: { row: i + 1, found: cells.length, expected: header.length },
      });
    const row: Partial<Record<K, string>> = {};
    cells.forEach((cell, j) => {
      row[keys[j]!] = cell;
    });
    return row;
  });
  return { present, rows, keys: keys as K[] };
}

/** True when a row names at least one of the columns (it can be the header of such a table). */
export function namesAnyColumn<K extends string>(
  cells: readonly string[],
  columns: readonly CsvColumn<K>[],
): boolean {
  const names = new Set(columns.flatMap((c) => c.names.map(norm)));
  return cells.some((c) => names.has(norm(c)));
}

/** The header names a file may use, for messages ("code / コード, …"). */
export const expectedColumns = <K extends string>(columns: readonly CsvColumn<K>[]) =>
  columns.map((c) => c.names.join(' / ')).join(', ');
