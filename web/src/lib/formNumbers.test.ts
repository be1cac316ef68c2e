import { describe, expect, it } from 'vitest';
import { formatAmount, parseAmount, toYen } from './formNumbers.js';

describe('form numbers', () => {
  it('reads commas, full-width digits and Japanese negative marks', () => {
    expect(parseAmount('1,234')).toBe(1234);
    expect(parseAmount('１，２３４')).toBe(1234);
    expect(parseAmount(' １２３４．５ ')).toBe(1234.5);
    expect(parseAmount('-12')).toBe(-12);
    expect(parseAmount('－１２')).toBe(-12);
    expect(parseAmount('▲500')).toBe(-500);
    expect(parseAmount('')).toBeNull();
    expect(parseAmount('  ')).toBeNull();
    expect(parseAmount('12a')).toBeUndefined();
    expect(parseAmount('1.2.3')).toBeUndefined();
  });

  it('converts to yen and shows values in the form scale', () => {
    const sen = { scale: 1000 as const, decimals: 0, currency: 'JPY' as const };
    expect(toYen(1.1, sen)).toBe(1100);
    expect(formatAmount(1_234_567, sen, 'ja')).toBe('1,235');
    expect(formatAmount(1_234_567, { ...sen, scale: 1_000_000, decimals: 2 }, 'en')).toBe('1.23');
    expect(formatAmount(-2500, { ...sen, scale: 1 }, 'en')).toBe('-2,500');
  });
});
