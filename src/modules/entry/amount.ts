/**
 * The one rule for a figure typed or pasted by a person, on the server (CSV and Excel uploads)
 * and in the browser (the input grid imports this file): pure, no dependencies.
 *
 * Accepted: `1234`, `1,234,567` (commas must group thousands: `1,23` is refused), `1234.5`,
 * negatives as `-1,234`, `−1,234`, `▲1,234`, `△1,234` or `(1,234)`, full-width digits, signs and
 * marks as an IME gives them (`１，２３４．５`, `－５`, `（１２）`), a leading `¥`/`￥`, a trailing
 * `円`, surrounding spaces. `undefined` if not a number (an empty text too: callers decide what
 * empty means).
 */
const PLAIN = /^-?\d+(\.\d+)?$/;
const GROUPED = /^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$|^\.\d+$/;
/** The minus signs people type: hyphen-minus after NFKC, minus sign, dashes, hyphen. */
const MINUS = /[\u2010\u2012\u2013\u2014\u2212\uff0d]/g;

/** The formats accepted, as the error messages list them (same on both sides). */
export const AMOUNT_FORMATS = '1234、1,234、-1,234、▲1,234、△1,234、(1,234)';

export function parseAmount(raw: string): number | undefined {
  if (PLAIN.test(raw)) return Number(raw);
  let s = raw.normalize('NFKC').replace(MINUS, '-').trim().replace(/円$/, '').trim().replace(/^¥/, '').trim();
  let negative = false;
  if (/^[▲△]/.test(s)) {
    negative = true;
    s = s.slice(1).trim();
  } else if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  } else if (s.startsWith('-')) {
    negative = true;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) s = s.slice(1).trim();
  s = s.replace(/^¥/, '');
  if (!GROUPED.test(s)) return undefined;
  const n = Number(s.replace(/,/g, ''));
  if (!Number.isFinite(n)) return undefined;
  return negative ? -n : n;
}
