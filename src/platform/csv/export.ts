import { stringify } from 'csv-stringify/sync';
import { encodeCsv, type CsvCharset } from './encoding.js';

/**
 * A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or
 * carriage return before one) is prefixed with an apostrophe, so opening an export in
 * Excel never executes anything (CSV injection). Every CSV Yosan writes goes through here.
 */
export function escapeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * A CSV cell: text (formula-escaped), a number (written as it is, so `-300` stays a number;
 * non-finite numbers are empty) or empty.
 */
export type CsvValue = string | number | null | undefined;

const cellText = (v: CsvValue): string =>
  typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : escapeFormula(v ?? '');

/**
 * A CSV file as Japanese Excel opens it correctly: CRLF, formula cells escaped, in UTF-8 with
 * BOM (the default) or Shift_JIS (CP932, see encoding.ts).
 */
export function toCsv(rows: readonly (readonly CsvValue[])[], charset: CsvCharset = 'utf8'): Buffer {
  const text = stringify(
    rows.map((r) => r.map(cellText)),
    { record_delimiter: '\r\n', quoted_match: /[\r\n",]/ },
  );
  return encodeCsv(text, charset);
}
