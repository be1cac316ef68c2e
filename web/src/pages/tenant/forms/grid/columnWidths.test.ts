import { describe, expect, it } from 'vitest';
import { charMeasure, figureWidths, fitWidth, FIGURE_RULES, rowHeadWidth } from './columnWidths.js';

const digit = 8;
const measure = charMeasure(digit);

describe('column widths', () => {
  it('measures wide characters (full-width, kanji) as two digits', () => {
    expect(measure('1,234')).toBe(40);
    expect(measure('2027年4月')).toBe(8 * (4 + 2 + 1 + 2));
    expect(measure('▲1,234')).toBe(48);
  });

  it('fits the longest figure or header, with padding, a minimum and steps', () => {
    // "115,015,001,500": 15 characters × 8 = 120 + 24 padding = 144 (steps of 4).
    expect(fitWidth(['0', '115,015,001,500', '-3,010'], measure, FIGURE_RULES)).toBe(144);
    expect(fitWidth(['1,234,567'], (t) => t.length * 7.3, FIGURE_RULES)).toBe(92); // 65.7 + 24 → 92
    expect(fitWidth(['0', '12'], measure, FIGURE_RULES)).toBe(FIGURE_RULES.min);
    expect(figureWidths([['Apr 2027', '1,000'], ['FY2027', '115,015,001,500'], []], measure)).toEqual([
      88, 144, 64,
    ]);
    for (const w of figureWidths([['1'], ['12,345,678,901,234']], measure)) expect(w % 4).toBe(0);
  });

  it('fits the row headers with their indentation and the toggle, up to a maximum', () => {
    const heads = [
      { text: '販売費及び一般管理費', depth: 0 },
      { text: '経費10', depth: 1 },
    ];
    // 10 kanji = 160 + 1.4 em (19.6) + 4 = 183.6 + 16 → 199.6 → 200.
    expect(rowHeadWidth(heads, '勘定科目', measure, 14, 480)).toBe(200);
    expect(rowHeadWidth([{ text: 'x'.repeat(100), depth: 3 }], '', measure, 14, 400)).toBe(400);
    expect(rowHeadWidth([{ text: 'A', depth: 0 }], '', measure, 14, 400)).toBe(160);
  });
});
