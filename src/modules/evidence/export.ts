import { Readable } from 'node:stream';
import { csvPreamble, encodeCsvText, type CsvCharset } from '../../platform/csv/encoding.js';
import type { Locale } from '../../platform/i18n/locale.js';
import type { Column } from './presenters.js';

/**
 * One CSV cell (RFC 4180). Text that a spreadsheet would run as a formula (starting
 * with `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`; text with a quote, comma or
 * line break is quoted, quotes doubled. Numbers are written as they are.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * One JSON Lines line. JSON.stringify escapes control characters; U+2028/U+2029 are
 * escaped too, so no value can start a line of its own in any reader.
 */
export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')}\n`;
}

/**
 * A CSV stream (header in the reader's language, rows in the tenant's zone) from batches of rows,
 * in UTF-8 with BOM or Shift_JIS (CP932, 〓 for what it cannot hold; platform/csv/encoding.ts).
 */
export function csvStream<R>(
  batches: AsyncIterable<R[]>,
  columns: readonly Column<R>[],
  locale: Locale,
  timeZone: string,
  charset: CsvCharset = 'utf8',
): Readable {
  async function* lines(): AsyncGenerator<Buffer> {
    const header = csvLine(columns.map(([, en, ja]) => (locale === 'ja' ? ja : en)));
    yield Buffer.concat([csvPreamble(charset), encodeCsvText(header, charset)]);
    for await (const rows of batches) {
      const text = rows.map((r) => csvLine(columns.map(([, , , value]) => value(r, timeZone)))).join('');
      yield encodeCsvText(text, charset);
    }
  }
  return Readable.from(lines());
}

/** A JSON Lines stream of the API's entry shape. */
export function jsonlStream<R>(batches: AsyncIterable<R[]>, present: (r: R) => unknown): Readable {
  async function* lines(): AsyncGenerator<string> {
    for await (const rows of batches) yield rows.map((r) => jsonLine(present(r))).join('');
  }
  return Readable.from(lines());
}
