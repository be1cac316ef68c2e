import type { Locale } from '../../platform/i18n/index.js';
import type { NumberFormat } from './definitions.js';

/**
 * How a form's figures are stated (pure; used by the form's Excel and CSV files and reports).
 * Stored values are always exact yen; these functions only present them in the form's unit.
 */
const UNIT_NAMES = {
  ja: { 1: '円', 1000: '千円', 1000000: '百万円' },
  en: { 1: 'yen', 1000: 'thousands of yen', 1000000: 'millions of yen' },
} as const;

/** The unit's name: `千円` / `thousands of yen`. */
export function unitName(format: NumberFormat, lang: Locale): string {
  return UNIT_NAMES[lang][format.scale];
}

/** The one unit label of a form, on screen, in reports, in Excel and CSV: `単位：千円`. */
export function unitLabel(format: NumberFormat, lang: Locale): string {
  return lang === 'ja' ? `単位：${unitName(format, 'ja')}` : `Unit: ${unitName(format, 'en')}`;
}

/** The yen value as the exact number in the form's unit (1,234,567 yen → 1234.567 in 千円). */
export const exactInUnit = (yen: number, format: NumberFormat) => yen / format.scale;

/** The yen value as shown: in the form's unit, rounded to its decimals (half up, as today). */
export function shownInUnit(yen: number, format: NumberFormat): number {
  const f = 10 ** format.decimals;
  const v = (yen / format.scale) * f;
  return (Math.sign(v) * Math.round(Math.abs(v))) / f;
}
