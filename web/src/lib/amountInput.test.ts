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

describe('the same refusal on both sides', () => {
  it('words the grid’s message as the server’s for an upload (ja/en)', async () => {
    const { ja: serverJa } = await import('../../../src/platform/i18n/messages.ja.js');
    const { en: serverEn } = await import('../../../src/platform/i18n/messages.en.js');
    const { jaGrid } = await import('../i18n/ja-grid.js');
    const { enGrid } = await import('../i18n/en-grid.js');
    const server = (m: string) => m.replace('{value}', '1,23');
    const web = (m: string) => m.replace('{text}', '1,23');
    expect(web(jaGrid.grid.msg.notNumber)).toContain(server(serverJa.entry.rows.not_a_number));
    expect(web(enGrid.grid.msg.notNumber)).toContain(server(serverEn.entry.rows.not_a_number));
  });
});
