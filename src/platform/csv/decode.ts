import iconv from 'iconv-lite';
import { AppError } from '../errors/app-error.js';

/** How an uploaded CSV file was encoded. */
export type CsvEncoding = 'utf-8-bom' | 'utf-8' | 'shift_jis';

const BOM = [0xef, 0xbb, 0xbf];
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes an uploaded CSV: a UTF-8 BOM means UTF-8; bytes that are valid UTF-8 are
 * UTF-8; anything else is decoded as CP932 (Shift_JIS as Japanese Excel saves it) and
 * accepted only if it encodes back to the very same bytes. NUL bytes (a binary file,
 * UTF-16) are refused. Throws `CSV_UNREADABLE`.
 */
export function decodeCsv(bytes: Buffer): { text: string; encoding: CsvEncoding } {
  if (bytes.includes(0)) throw new AppError('CSV_UNREADABLE');
  if (bytes.length >= 3 && BOM.every((b, i) => bytes[i] === b)) {
    try {
      return { text: strictUtf8.decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
    } catch {
      throw new AppError('CSV_UNREADABLE');
    }
  }
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: try CP932 below
  }
  const text = iconv.decode(bytes, 'cp932');
  if (!iconv.encode(text, 'cp932').equals(bytes)) throw new AppError('CSV_UNREADABLE');
  return { text, encoding: 'shift_jis' };
}
