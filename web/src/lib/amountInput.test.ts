import { describe, expect, it } from 'vitest';
import { AMOUNT_ACCEPTED, AMOUNT_REFUSED } from '../../../test/support/amount-cases.js';
import { parseTyped } from './amountInput.js';
import { parseAmount } from './formNumbers.js';
import { parsePasted } from './gridPaste.js';

describe('the grid reads figures by the server rule', () => {
  it.each(AMOUNT_ACCEPTED)('reads %j as %d (typed and pasted)', (text, value) => {
    expect(parseTyped(text)).toBe(value);
    expect(parsePasted(text)).toBe(value);
    expect(parseAmount(text)).toBe(value);
  });
  it.each(AMOUNT_REFUSED.filter((t) => t.trim() !== '').map((t) => [t]))('refuses %j', (text) => {
    expect(parseTyped(text)).toBeUndefined();
    expect(parsePasted(text)).toBeUndefined();
  });
  it('takes an empty text as an empty cell', () => {
    expect(parseTyped('')).toBeNull();
    expect(parseTyped('　')).toBeNull();
    expect(parsePasted(' ')).toBeNull();
  });
});
