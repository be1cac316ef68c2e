import { describe, expect, it } from 'vitest';
import type { NumberFormat } from './definitions.js';
import {
  excelNumberFormat,
  exactInUnit,
  formatShown,
  negativeExample,
  shownInUnit,
  unitLabel,
  unitName,
} from './number-format.js';

const K: NumberFormat = { scale: 1000, decimals: 0, currency: 'JPY' };
const M: NumberFormat = { scale: 1_000_000, decimals: 0, currency: 'JPY' };
const YEN: NumberFormat = { scale: 1, decimals: 0, currency: 'JPY' };
const fmt = (over: Partial<NumberFormat>, base: NumberFormat = K): NumberFormat => ({ ...base, ...over });

describe('unit label', () => {
  it('names the unit and the rounding in Japanese and English', () => {
    expect(unitLabel(fmt({ rounding: 'down' }), 'ja')).toBe('単位：千円（千円未満切り捨て）');
    expect(unitLabel(fmt({ rounding: 'down' }), 'en')).toBe('Unit: thousands of yen (rounded down)');
    expect(unitLabel(fmt({ rounding: 'round' }), 'ja')).toBe('単位：千円（千円未満四捨五入）');
    expect(unitLabel(fmt({ rounding: 'round' }), 'en')).toBe('Unit: thousands of yen (rounded half up)');
    expect(unitLabel(fmt({ rounding: 'up' }, M), 'ja')).toBe('単位：百万円（百万円未満切り上げ）');
    expect(unitLabel(fmt({ rounding: 'up' }, M), 'en')).toBe('Unit: millions of yen (rounded up)');
  });

  it('states half up when the format says nothing (today’s behaviour), and the step with decimals', () => {
    expect(unitLabel(K, 'ja')).toBe('単位：千円（千円未満四捨五入）');
    expect(unitLabel(fmt({ decimals: 1, rounding: 'down' }), 'ja')).toBe('単位：千円（百円未満切り捨て）');
    expect(unitLabel(fmt({ decimals: 2 }, M), 'ja')).toBe('単位：百万円（万円未満四捨五入）');
  });

  it('names only the unit for whole yen (nothing is rounded)', () => {
    expect(unitLabel(YEN, 'ja')).toBe('単位：円');
    expect(unitLabel(fmt({ rounding: 'down' }, YEN), 'en')).toBe('Unit: yen');
    expect(unitName(M, 'en')).toBe('millions of yen');
  });
});

describe('rounding', () => {
  const cases: [NumberFormat['rounding'], number, number][] = [
    // rounding, yen, shown in 千円
    ['down', 1_234_567, 1234],
    ['round', 1_234_567, 1235],
    ['up', 1_234_001, 1235],
    ['down', 1_234_999, 1234],
    ['round', 1_234_499, 1234],
    ['round', 1_234_500, 1235],
    ['up', 1_234_000, 1234],
    // on the magnitude: negatives mirror positives (Excel ROUNDDOWN / ROUND / ROUNDUP)
    ['down', -1_234_567, -1234],
    ['round', -1_234_567, -1235],
    ['round', -1_234_500, -1235],
    ['up', -1_234_001, -1235],
    [undefined, 1_234_500, 1235],
    [undefined, -1_234_567, -1235],
  ];
  it.each(cases)('%s %d yen → %d 千円', (rounding, yen, shown) => {
    expect(shownInUnit(yen, fmt(rounding ? { rounding } : {}))).toBe(shown);
  });

  it('rounds at the decimals and ignores binary noise', () => {
    expect(shownInUnit(1_234_567, fmt({ decimals: 1, rounding: 'down' }))).toBe(1234.5);
    expect(shownInUnit(1_234_567, fmt({ decimals: 1, rounding: 'up' }))).toBe(1234.6);
    expect(shownInUnit(1_234_567, fmt({ decimals: 2, rounding: 'round' }))).toBe(1234.57);
    // 1,100 / 1000 × 10 is 11.000000000000002 in binary: still 1.1, not rounded up to 1.2
    expect(shownInUnit(1_100, fmt({ decimals: 1, rounding: 'up' }))).toBe(1.1);
    expect(shownInUnit(4_350, fmt({ decimals: 1, rounding: 'round' }))).toBe(4.4);
    expect(shownInUnit(-4_350, fmt({ decimals: 1, rounding: 'down' }))).toBe(-4.3);
  });

  it('shows large figures exactly in every rounding (no digit added by the noise snap)', () => {
    for (const rounding of ['down', 'round', 'up'] as const) {
      expect(formatShown(115_015_001_500, fmt({ rounding }, YEN), 'en')).toBe('115,015,001,500');
      expect(formatShown(-987_654_321_098, fmt({ rounding }, YEN), 'ja')).toBe('-987,654,321,098');
      expect(shownInUnit(1_000_000_000, fmt({ rounding }, YEN))).toBe(1_000_000_000);
    }
    expect(shownInUnit(115_015_001_500, fmt({ rounding: 'down' }))).toBe(115_015_001);
    expect(shownInUnit(115_015_001_500, fmt({ rounding: 'round' }))).toBe(115_015_002);
    expect(shownInUnit(115_015_000_499, fmt({ rounding: 'round' }))).toBe(115_015_000);
  });

  it('keeps the exact value apart from what is shown', () => {
    expect(exactInUnit(1_234_567, K)).toBe(1234.567);
    expect(shownInUnit(999, fmt({ rounding: 'down' }))).toBe(0);
  });
});

describe('formatShown', () => {
  it('shows each negative style, both languages', () => {
    const y = -1_234_567;
    for (const lang of ['ja', 'en'] as const) {
      expect(formatShown(y, fmt({ rounding: 'down' }), lang)).toBe('-1,234');
      expect(formatShown(y, fmt({ rounding: 'down', negative: 'minus' }), lang)).toBe('-1,234');
      expect(formatShown(y, fmt({ rounding: 'down', negative: 'triangle' }), lang)).toBe('▲1,234');
      expect(formatShown(y, fmt({ rounding: 'down', negative: 'whiteTriangle' }), lang)).toBe('△1,234');
      expect(formatShown(y, fmt({ rounding: 'down', negative: 'parentheses' }), lang)).toBe('(1,234)');
      expect(formatShown(-y, fmt({ negative: 'triangle' }), lang)).toBe('1,235');
    }
  });

  it('shows decimals, every rounding, and a negative that rounds to zero as negative', () => {
    expect(formatShown(-1_234_567, fmt({ decimals: 2, rounding: 'down', negative: 'triangle' }), 'ja')).toBe(
      '▲1,234.56',
    );
    expect(formatShown(-1_234_567, fmt({ decimals: 2, rounding: 'up', negative: 'parentheses' }), 'en')).toBe(
      '(1,234.57)',
    );
    expect(formatShown(1_234_567_890, fmt({ rounding: 'up' }, M), 'ja')).toBe('1,235');
    expect(formatShown(-400, fmt({ rounding: 'down', negative: 'triangle' }), 'ja')).toBe('▲0');
    expect(formatShown(0, fmt({ negative: 'triangle' }), 'ja')).toBe('0');
    expect(formatShown(-864_000, YEN, 'en')).toBe('-864,000');
    expect(formatShown(2_000, fmt({ decimals: 1 }), 'en')).toBe('2.0');
  });

  it('shows figures that parse back to the same value (▲ and (…) read as negatives)', () => {
    const parse = (s: string) => {
      const neg = /^[▲△(-]/.test(s);
      const n = Number(s.replace(/[▲△()\-,]/g, ''));
      return neg ? -n : n;
    };
    for (const negative of ['minus', 'triangle', 'whiteTriangle', 'parentheses'] as const) {
      const f = fmt({ decimals: 1, rounding: 'down', negative });
      for (const yen of [-1_234_567, 1_234_567, -12_345_678_901, 0])
        expect(parse(formatShown(yen, f, 'ja'))).toBe(shownInUnit(yen, f));
    }
    expect(negativeExample('triangle')).toBe('▲1,234');
  });
});

describe('Excel number format', () => {
  it('matches the negative style and decimals', () => {
    expect(excelNumberFormat(K)).toBe('#,##0;[Red]-#,##0');
    expect(excelNumberFormat(fmt({ negative: 'triangle' }))).toBe('#,##0;"▲"#,##0');
    expect(excelNumberFormat(fmt({ negative: 'whiteTriangle', decimals: 2 }))).toBe('#,##0.00;"△"#,##0.00');
    expect(excelNumberFormat(fmt({ negative: 'parentheses' }))).toBe('#,##0;(#,##0)');
  });
});
