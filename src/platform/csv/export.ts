import { stringify } from 'csv-stringify/sync';

/**
 * A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or
 * carriage return before one) is prefixed with an apostrophe, so opening an export in
 * Excel never executes anything (CSV injection). Every CSV Yosan writes goes through here.
 */
export function escapeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** A CSV file as Japanese Excel opens it correctly: UTF-8 with BOM, CRLF, formula cells escaped. */
export function toCsv(rows: readonly (readonly string[])[]): Buffer {
  const text = stringify(
    rows.map((r) => r.map(escapeFormula)),
    { record_delimiter: '\r\n', quoted_match: /[\r\n",]/ },
  );
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
