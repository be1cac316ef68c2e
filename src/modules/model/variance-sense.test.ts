import { describe, expect, it } from 'vitest';
import { applyChanges, elementSense } from './dimension-ops.js';
import { accountDimension } from './standard.js';
import { senseOf, varianceVerdict } from './variance-sense.js';

/** Variance by sense (issue 18 point 3). */
describe('varianceVerdict', () => {
  it('reads a rise as favourable on sales and profits, a fall as unfavourable', () => {
    expect(varianceVerdict(1200, 'up')).toBe('favourable');
    expect(varianceVerdict(-0.05, 'up')).toBe('unfavourable');
    expect(varianceVerdict(5, undefined)).toBe('favourable');
  });

  it('reads an underspend on costs as favourable and an overspend as unfavourable', () => {
    expect(varianceVerdict(-300, 'down')).toBe('favourable');
    expect(varianceVerdict(300, 'down')).toBe('unfavourable');
    expect(varianceVerdict(0.02, 'down')).toBe('unfavourable');
  });

  it('is neutral for no variance or no value', () => {
    expect(varianceVerdict(0, 'down')).toBe('neutral');
    expect(varianceVerdict(null, 'up')).toBe('neutral');
    expect(varianceVerdict(Number.NaN, 'up')).toBe('neutral');
  });

  it('takes only the attribute value "down" as down', () => {
    expect(senseOf('down')).toBe('down');
    expect(senseOf('DOWN')).toBe('up');
    expect(senseOf(undefined)).toBe('up');
  });
});

describe('the sense of accounts', () => {
  it('is down for the costs of the standard P&L and up for sales and profits', () => {
    const d = accountDimension();
    const sense = (c: string) => elementSense(d, d.id(c));
    expect(['NET_SALES', 'COST_OF_SALES', 'GROSS_PROFIT', 'SGA', 'OPERATING_PROFIT'].map(sense)).toEqual([
      'up',
      'down',
      'up',
      'down',
      'up',
    ]);
  });

  it('is changed by the sense change, and a new account under a cost starts as a cost', () => {
    const d = accountDimension();
    applyChanges(d, [
      { op: 'add', code: 'RENT', nameJa: '地代家賃', nameEn: 'Rent', parent: 'SGA' },
      { op: 'add', code: 'OTHER_INCOME', nameJa: '雑収入', nameEn: 'Other income', parent: null },
      { op: 'sense', code: 'NET_SALES', sense: 'down' },
      { op: 'sense', code: 'COST_OF_SALES', sense: 'up' },
    ]);
    expect(elementSense(d, d.id('RENT'))).toBe('down');
    expect(elementSense(d, d.id('OTHER_INCOME'))).toBe('up');
    expect(elementSense(d, d.id('NET_SALES'))).toBe('down');
    expect(d.attributes('COST_OF_SALES')).not.toHaveProperty('sense');
    expect(() => applyChanges(d, [{ op: 'sense', code: 'NOPE', sense: 'down' }])).toThrow();
  });
});
