import { describe, expect, it } from 'vitest';
import type { FormMember, OpenForm } from '../../../api/model.js';
import { cellVerdict, chartData, formatReportCell, seriesColour } from './reportCells.js';

const member = (code: string, computed?: FormMember['computed']): FormMember => ({
  code,
  name: { ja: `${code}（日）`, en: code },
  depth: 0,
  leaf: true,
  rollup: [],
  ...(computed ? { computed } : {}),
});
const pct = member('PCT', { kind: 'ratio', of: 'ACTUAL', base: 'BUDGET' });
const diff = member('DIFF', { kind: 'difference', of: 'ACTUAL', base: 'BUDGET' });
const format = { scale: 1000 as const, decimals: 0, currency: 'JPY' as const };

describe('formatReportCell', () => {
  it('shows % members as signed percentages, variances signed, other amounts in the unit', () => {
    const row = member('NET_SALES');
    expect(formatReportCell(0.0345, row, pct, format, 'en')).toBe('+3.5%');
    expect(formatReportCell(-0.1, row, pct, format, 'ja')).toBe('-10.0%');
    expect(formatReportCell(0, row, pct, format, 'en')).toBe('0.0%');
    expect(formatReportCell(-1_234_567, row, diff, format, 'en')).toBe('-1,235');
    expect(formatReportCell(2_000_000, row, diff, format, 'en')).toBe('+2,000');
    expect(formatReportCell(1_234_567, row, member('BUDGET'), format, 'ja')).toBe('1,235');
    expect(formatReportCell(null, row, pct, format, 'en')).toBe('—');
    // A % row crossing an amount column is a percentage too.
    expect(formatReportCell(0.5, pct, member('BUDGET'), format, 'en')).toBe('+50.0%');
  });

  it('states amounts as the form says: rounding and negative style, variances too', () => {
    const row = member('NET_SALES');
    const f = { ...format, rounding: 'down' as const, negative: 'triangle' as const };
    expect(formatReportCell(-1_234_567, row, member('BUDGET'), f, 'ja')).toBe('▲1,234');
    expect(formatReportCell(-1_234_567, row, diff, f, 'ja')).toBe('▲1,234');
    expect(formatReportCell(1_234_567, row, diff, f, 'en')).toBe('+1,234');
    expect(formatReportCell(400, row, diff, f, 'en')).toBe('0');
    expect(formatReportCell(-1_234_567, row, diff, { ...f, negative: 'parentheses' as const }, 'en')).toBe(
      '(1,234)',
    );
  });
});

describe('chartData', () => {
  const form = {
    rows: [member('NET_SALES'), member('SGA'), pct],
    columns: [member('BUDGET'), member('ACTUAL'), diff, pct],
    values: [
      [1_000_000, 1_100_000, 100_000, 0.1],
      [500_000, null, null, null],
      [0.1, 0.2, null, null],
    ],
    format,
  } as unknown as OpenForm;

  it('draws the ticked rows in table order across the amount columns, in the unit', () => {
    const d = chartData(form, new Set(['SGA', 'NET_SALES']), 'ja');
    expect(d.labels).toEqual(['BUDGET（日）', 'ACTUAL（日）', 'DIFF（日）']);
    expect(d.series).toEqual([
      { code: 'NET_SALES', name: 'NET_SALES（日）', colour: seriesColour(0), values: [1000, 1100, 100] },
      { code: 'SGA', name: 'SGA（日）', colour: seriesColour(1), values: [500, null, null] },
    ]);
    expect(d.leftOut).toBe(true);
  });

  it('never draws a % row, and nothing without ticks', () => {
    expect(chartData(form, new Set(['PCT']), 'en').series).toEqual([]);
    expect(chartData(form, new Set(), 'en').series).toEqual([]);
  });
});

describe('cellVerdict (variance by sense)', () => {
  const sales = { ...member('NET_SALES'), sense: 'up' as const };
  const costs = { ...member('COST_OF_SALES'), sense: 'down' as const };
  it('reads a variance against the sense of the row or column it crosses', () => {
    expect(cellVerdict(2_000_000, sales, diff, format)).toBe('favourable');
    expect(cellVerdict(-2_000_000, sales, diff, format)).toBe('unfavourable');
    expect(cellVerdict(-2_000_000, costs, diff, format)).toBe('favourable');
    expect(cellVerdict(0.2, costs, pct, format)).toBe('unfavourable');
    // A computed row across a cost column.
    expect(cellVerdict(-0.2, pct, { ...costs, code: 'RENT' }, format)).toBe('favourable');
  });

  it('is neutral when the variance shows as 0 in the unit, and none for plain cells', () => {
    expect(cellVerdict(400, costs, diff, format)).toBe('neutral');
    expect(cellVerdict(0.0004, sales, pct, format)).toBe('neutral');
    expect(cellVerdict(null, sales, diff, format)).toBe('neutral');
    expect(cellVerdict(5_000, sales, member('BUDGET'), format)).toBeUndefined();
    expect(cellVerdict(5_000, pct, diff, format)).toBeUndefined();
  });
});
