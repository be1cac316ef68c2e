import type { Locale } from '../../platform/i18n/index.js';
import type { NumberFormat } from './definitions.js';

/**
 * How a form's figures are stated (pure, no imports at run time: the web app imports this file
 * as it is, so the grid, reports, cell panel, history, Excel and CSV all state figures alike).
 * Stored values are always exact yen; these functions only present them in the form's unit.
 *
 * Rounding works on the magnitude, as Excel's ROUNDDOWN / ROUND / ROUNDUP and Japanese
 * statements do: −1,234,567 円 in 千円 is ▲1,234 rounded down (切り捨て), ▲1,235 rounded half
 * up (四捨五入) or rounded up (切り上げ). A negative figure keeps its sign even when it rounds
 * to zero (`▲0`, as Excel shows `-0`), so a negative is never mistaken for a positive.
 */
export type { NumberFormat };
export type Rounding = NonNullable<NumberFormat['rounding']>;
export type NegativeStyle = NonNullable<NumberFormat['negative']>;

export const ROUNDINGS: readonly Rounding[] = ['down', 'round', 'up'];
export const NEGATIVE_STYLES: readonly NegativeStyle[] = [
  'minus',
  'triangle',
  'whiteTriangle',
  'parentheses',
];

/** The built-in format when neither the form nor the tenant has one: 千円, no decimals, half up, minus. */
export const DEFAULT_NUMBER_FORMAT: NumberFormat = { scale: 1000, decimals: 0, currency: 'JPY' };

const UNIT_NAMES = {
  ja: { 1: '円', 1000: '千円', 1000000: '百万円' },
  en: { 1: 'yen', 1000: 'thousands of yen', 1000000: 'millions of yen' },
} as const;

const ROUNDING_NAMES = {
  ja: { down: '切り捨て', round: '四捨五入', up: '切り上げ' },
  en: { down: 'rounded down', round: 'rounded half up', up: 'rounded up' },
} as const;

/** Rounding of the format (absent = half up, today's behaviour). */
export const roundingOf = (format: NumberFormat): Rounding => format.rounding ?? 'round';
/** Negative style of the format (absent = minus, today's behaviour). */
export const negativeOf = (format: NumberFormat): NegativeStyle => format.negative ?? 'minus';

/** The unit's name: `千円` / `thousands of yen`. */
export function unitName(format: NumberFormat, lang: Locale): string {
  return UNIT_NAMES[lang][format.scale];
}

/** The rounding's name: `切り捨て` / `rounded down`. */
export function roundingName(rounding: Rounding, lang: Locale): string {
  return ROUNDING_NAMES[lang][rounding];
}

/** The negative style as it looks: `-1,234`, `▲1,234`, `△1,234`, `(1,234)`. */
export function negativeExample(style: NegativeStyle): string {
  return withSign('1,234', true, style);
}

/** The smallest step shown in yen, in Japanese (`千円` for 千円 without decimals, `百円` with one). */
function stepName(format: NumberFormat): string {
  const step = format.scale / 10 ** format.decimals;
  const names: Record<number, string> = {
    1: '円',
    10: '十円',
    100: '百円',
    1000: '千円',
    10000: '万円',
    100000: '十万円',
    1000000: '百万円',
  };
  return names[step] ?? `${step}円`;
}

/**
 * The one unit label of a form, on screen, in reports, in Excel and CSV:
 * `単位：千円（千円未満切り捨て）` / `Unit: thousands of yen (rounded down)`. Figures in 円 without
 * decimals are exact (nothing is rounded), so their label names only the unit: `単位：円`.
 */
export function unitLabel(format: NumberFormat, lang: Locale): string {
  const rounded = format.scale > 1;
  const rounding = roundingOf(format);
  if (lang === 'ja') {
    const note = rounded ? `（${stepName(format)}未満${roundingName(rounding, 'ja')}）` : '';
    return `単位：${unitName(format, 'ja')}${note}`;
  }
  return `Unit: ${unitName(format, 'en')}${rounded ? ` (${roundingName(rounding, 'en')})` : ''}`;
}

/** The yen value as the exact number in the form's unit (1,234,567 yen → 1234.567 in 千円). */
export const exactInUnit = (yen: number, format: NumberFormat) => yen / format.scale;

/**
 * Snaps binary noise (1,100 / 1000 × 10 = 11.000000000000002) to the integer it stands for: a few
 * units in the last place, no more (a tolerance relative to 1e-9 snapped 115,015,001,500.5 to
 * 115,015,001,501, so large figures showed one too many).
 */
function snap(x: number): number {
  const n = Math.round(x);
  return Math.abs(x - n) <= 64 * Number.EPSILON * Math.max(1, Math.abs(x)) ? n : x;
}

/** The magnitude in steps of the last decimal, rounded by the format's rule (an integer). */
function roundedSteps(magnitude: number, format: NumberFormat): number {
  const x = snap((magnitude / format.scale) * 10 ** format.decimals);
  switch (roundingOf(format)) {
    case 'down':
      return Math.floor(x);
    case 'up':
      return Math.ceil(x);
    case 'round':
      return Math.floor(snap(x + 0.5));
  }
}

/** The yen value as shown: in the form's unit, rounded by the format's rule to its decimals. */
export function shownInUnit(yen: number, format: NumberFormat): number {
  const v = roundedSteps(Math.abs(yen), format) / 10 ** format.decimals;
  return yen < 0 ? -v : v;
}

function withSign(digits: string, negative: boolean, style: NegativeStyle): string {
  if (!negative) return digits;
  switch (style) {
    case 'minus':
      return `-${digits}`;
    case 'triangle':
      return `▲${digits}`;
    case 'whiteTriangle':
      return `△${digits}`;
    case 'parentheses':
      return `(${digits})`;
  }
}

/**
 * Many yen values as shown (one number formatter, e.g. for a grid of 24,000 cells): in the unit,
 * rounded by the format's rule, thousands separated, negatives in the format's style.
 */
export function shownFormatter(format: NumberFormat, lang: Locale): (yen: number) => string {
  const nf = new Intl.NumberFormat(lang === 'ja' ? 'ja-JP' : 'en-US', {
    minimumFractionDigits: format.decimals,
    maximumFractionDigits: format.decimals,
  });
  const f = 10 ** format.decimals;
  const style = negativeOf(format);
  return (yen) => withSign(nf.format(roundedSteps(Math.abs(yen), format) / f), yen < 0, style);
}

/** One yen value as shown: `▲1,234` for −1,234,567 円 in 千円 rounded down with ▲ negatives. */
export function formatShown(yen: number, format: NumberFormat, lang: Locale): string {
  return shownFormatter(format, lang)(yen);
}

/**
 * The Excel number format of the form's decimals and negative style: `#,##0;[Red]-#,##0`,
 * `#,##0;"▲"#,##0`, `#,##0;"△"#,##0`, `#,##0;(#,##0)`. Excel cells hold the exact value in the
 * unit; Excel's display always rounds half up (a number format cannot round down or up).
 */
export function excelNumberFormat(format: NumberFormat): string {
  const f = format.decimals > 0 ? `#,##0.${'0'.repeat(format.decimals)}` : '#,##0';
  switch (negativeOf(format)) {
    case 'minus':
      return `${f};[Red]-${f}`;
    case 'triangle':
      return `${f};"▲"${f}`;
    case 'whiteTriangle':
      return `${f};"△"${f}`;
    case 'parentheses':
      return `${f};(${f})`;
  }
}
