import { formatShown, shownFormatter, type NumberFormat } from '../../../src/modules/model/number-format.js';
import { parseTyped } from './amountInput.js';

/**
 * Numbers in forms: what users type (`1,234`, full-width digits `１２３４`, `▲500` or `△500`
 * for negatives as in Japanese ledgers, a minus of any kind) and how values are shown in the
 * form's scale (円 / 千円 / 百万円) with its decimals, rounding and negative style — shown by the
 * server's own pure `number-format.ts` (imported, not copied). Stored values are always yen.
 */
export type { NumberFormat };

/**
 * The typed text as a number in the form's unit, `null` for an empty cell, `undefined` if not a
 * number: the server's rule (src/modules/entry/amount.ts via amountInput.ts).
 */
export const parseAmount = parseTyped;

/** Yen from a number typed in the form's unit (rounded to avoid binary noise such as 1100.0000000002). */
export function toYen(value: number, format: NumberFormat): number {
  return Math.round(value * format.scale * 1e6) / 1e6;
}

/** A stored yen value as shown (`1,235` for 1,234,567 yen in 千円 half up, `▲1,234` rounded down with ▲). */
export function formatAmount(yen: number, format: NumberFormat, lang: 'ja' | 'en'): string {
  return formatShown(yen, format, lang);
}

/** `formatAmount` for many values (one number formatter, e.g. for a grid of 24,000 cells). */
export function amountFormatter(format: NumberFormat, lang: 'ja' | 'en'): (yen: number) => string {
  return shownFormatter(format, lang);
}
