import { describe, expect, it } from 'vitest';
import { parseAmount } from './amount.js';

describe('parseAmount', () => {
  it('reads Japanese number formats', () => {
    expect(parseAmount('1234')).toBe(1234);
    expect(parseAmount('-1234.5')).toBe(-1234.5);
    expect(parseAmount('1,234')).toBe(1234);
    expect(parseAmount('1,234,567.25')).toBe(1234567.25);
    expect(parseAmount('▲1,234')).toBe(-1234);
    expect(parseAmount('△1,234')).toBe(-1234);
    expect(parseAmount('(1,234)')).toBe(-1234);
    expect(parseAmount('１，２３４')).toBe(1234);
    expect(parseAmount('－５')).toBe(-5);
    expect(parseAmount(' 1,000円 ')).toBe(1000);
    expect(parseAmount('0')).toBe(0);
  });
  it('refuses what is not a number', () => {
    for (const s of ['', 'abc', '1,23', '12,34,567', '1.2.3', '▲', '()', '1e5x', '--1', 'NaN', 'Infinity'])
      expect(parseAmount(s), s).toBeUndefined();
  });
});
