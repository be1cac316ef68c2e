import { describe, expect, it } from 'vitest';
import { AMOUNT_ACCEPTED, AMOUNT_REFUSED } from '../../../test/support/amount-cases.js';
import { parseAmount } from './amount.js';

describe('parseAmount (shared with the web grid)', () => {
  it.each(AMOUNT_ACCEPTED)('reads %j as %d', (text, value) => {
    expect(parseAmount(text)).toBe(value);
  });
  it.each(AMOUNT_REFUSED.map((t) => [t]))('refuses %j', (text) => {
    expect(parseAmount(text)).toBeUndefined();
  });
});
