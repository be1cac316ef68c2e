const PLAIN = /^-?\d+(\.\d+)?$/;
const GROUPED = /^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$/;

/**
 * A figure as Japanese ledgers and spreadsheets write it: `1234`, `1,234`, `-1,234`, `1234.5`,
 * negatives as `▲1,234`, `△1,234` or `(1,234)`, full-width digits and signs (`１，２３４`, `－５`),
 * a trailing `円` and surrounding spaces. Commas must group thousands. `undefined` if not a number.
 */
export function parseAmount(raw: string): number | undefined {
  if (PLAIN.test(raw)) return Number(raw);
  let s = raw
    .normalize('NFKC')
    .trim()
    .replace(/円$/, '')
    .replace(/[\u2212\u2012\u2013\uff0d]/g, '-')
    .trim();
  let negative = false;
  if (/^[▲△]/.test(s)) {
    negative = true;
    s = s.slice(1).trim();
  } else if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  } else if (s.startsWith('-')) {
    negative = true;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  if (!GROUPED.test(s)) return undefined;
  const n = Number(s.replace(/,/g, ''));
  if (!Number.isFinite(n)) return undefined;
  return negative ? -n : n;
}
