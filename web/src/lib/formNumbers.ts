import { parseTyped } from './amountInput.js';

/**
 * Numbers in forms: what users type (`1,234`, full-width digits `１２３４`, `▲500` or `△500`
 * for negatives as in Japanese ledgers, a minus of any kind) and how values are shown in the
 * form's scale (円 / 千円 / 百万円) with its decimals. Stored values are always yen.
 */
export interface NumberFormat {
  scale: 1 | 1000 | 1_000_000;
  decimals: number;
  currency: 'JPY';
}

/**
 * The typed text as a number in the form's unit, `null` for an empty cell, `undefined` if not a
 * number: the server's rule (src/modules/entry/amount.ts via amountInput.ts).
 */
export const parseAmount = parseTyped;

/** Yen from a number typed in the form's unit (rounded to avoid binary noise such as 1100.0000000002). */
export function toYen(value: number, format: NumberFormat): number {
  return Math.round(value * format.scale * 1e6) / 1e6;
}

/** A stored yen value shown in the form's unit with its decimals (`1,235` for 1,234,567 yen in 千円). */
export function formatAmount(yen: number, format: NumberFormat, lang: 'ja' | 'en'): string {
  return amountFormatter(format, lang)(yen);
}

/** `formatAmount` for many values (one number formatter, e.g. for a grid of 24,000 cells). */
export function amountFormatter(format: NumberFormat, lang: 'ja' | 'en'): (yen: number) => string {
  const nf = new Intl.NumberFormat(lang === 'ja' ? 'ja-JP' : 'en-US', {
    minimumFractionDigits: format.decimals,
    maximumFractionDigits: format.decimals,
  });
  return (yen) => nf.format(yen / format.scale);
}
